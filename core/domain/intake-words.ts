/** Short replies residents use for yes/no/cancel, matched on the whole message. */
const strip = (text: string) => text.replace(/[\s。.!！,，~～、]+/g, '');

const CONFIRM = /^(确认|确定|确认提交|提交|对|对的|是|是的|没问题|无误|好|好的|可以|ok|OK|嗯|嗯嗯)$/;
const CANCEL = /^(取消|算了|不说了|不用了|不办了|撤回|放弃)$/;
const RESTART = /^(重新开始|重来|重新来|重新登记)$/;
const DECLINE_PHONE = /^(不留|不用|不方便|不想留|没有|无|不需要|不留了|不给)/;
const GREETING = /^(你好|您好|在吗|在不在|hi|hello|哈喽|喂|有人吗|你好呀|您好呀)$/i;
const THANKS = /^(谢谢|谢谢你|谢谢您|多谢|感谢|好的谢谢|辛苦了|谢了)$/;

export const isConfirm = (text: string) => CONFIRM.test(strip(text));
export const isCancel = (text: string) => CANCEL.test(strip(text));
export const isRestart = (text: string) => RESTART.test(strip(text));
export const isPhoneDeclined = (text: string) => DECLINE_PHONE.test(strip(text));
export const isGreeting = (text: string) => GREETING.test(strip(text));
export const isThanks = (text: string) => THANKS.test(strip(text));
