/** Short replies residents use for yes/no/cancel and small talk, matched on the whole message. */
const strip = (text: string) => text.replace(/[\s。.!！,，~～、?？…]+/g, '');

/** WeChat writes its emoji as bracketed words ([微笑]); they carry no content. */
const CHAT_EMOJI = /\[[\u4e00-\u9fa5A-Za-z]{1,4}\]/g;

const CONFIRM_WORD = '确认|确定|提交|对|对的|是|是的|没问题|无误|没错|正确|好|好的|可以|行|ok|嗯';
const CONFIRM = new RegExp(`^(?:请|帮我|麻烦)?(?:${CONFIRM_WORD})+(?:吧|了|呀|啊|哈)*$`, 'i');
const CANCEL = /^(取消|算了|不说了|不用了|不办了|撤回|放弃|不要了|算了吧|不反映了|取消登记)$/;
const RESTART = /^(重新开始|重来|重新来|重新登记|重新说|从头开始)$/;
const CONTINUE = /^(继续|接着|接着说|继续登记|继续吧|继续说|要|是|是的|好|好的|嗯|对|可以)$/;
const DECLINE_PHONE = /^(不留|不用|不方便|不想留|没有|无|不需要|不留了|不给|算了不留|不要)/;
const GREETING = /^(你好|您好|在吗|在不在|hi|hello|哈喽|喂|有人吗|你好呀|您好呀|早上好|下午好|晚上好)$/i;
const THANKS = /^(谢谢|谢谢你|谢谢您|多谢|感谢|好的谢谢|谢谢了|辛苦了|谢了|麻烦了|感谢感谢|谢谢谢谢)$/;
const ACK = /^(好|好的|嗯|嗯嗯|哦|噢|知道了|收到|明白了|ok|行|好吧|那好)$/i;
/** Openers that say the resident has something to report, without saying what yet. */
const INTENT_ONLY = [
  /^(?:你好|您好)?(?:我|俺)?(?:想|要|来)?(?:反映|投诉|举报|咨询|求助|问|问问|请教|建议|报修|说|打听)(?:一下|一个|个|点|些)?(?:问题|事|事情|情况|事儿)?(?:呢|啊|吧)?$/,
  /^(?:你好|您好)?(?:我)?(?:有|有个|有一个|有件)(?:问题|事|事情|情况|事儿)(?:想|要)?(?:反映|咨询|问问|问一下|请教)?(?:一下)?$/,
];
const PLACE_UNKNOWN = /^(不知道|不清楚|说不清|说不好|不记得|忘了)$/;

export const isConfirm = (text: string) => CONFIRM.test(strip(text));
export const isCancel = (text: string) => CANCEL.test(strip(text));
export const isRestart = (text: string) => RESTART.test(strip(text));
export const isContinue = (text: string) => CONTINUE.test(strip(text));
export const isPhoneDeclined = (text: string) => DECLINE_PHONE.test(strip(text));
export const isGreeting = (text: string) => GREETING.test(strip(text));
export const isThanks = (text: string) => THANKS.test(strip(text));
export const isAcknowledgement = (text: string) => ACK.test(strip(text));
export const isIntentOnly = (text: string) => INTENT_ONLY.some((re) => re.test(strip(text)));
export const isPlaceUnknown = (text: string) => PLACE_UNKNOWN.test(strip(text));

/** Small talk: never the start of an order, never worth an LLM call. */
export const isSmallTalk = (text: string) =>
  isGreeting(text) || isThanks(text) || isAcknowledgement(text) || isCancel(text) || isRestart(text);

/** Whether a message says anything: not empty, not only spaces, punctuation or emoji. */
export function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(CHAT_EMOJI, ''));
}
