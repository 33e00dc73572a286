/**
 * Every sentence the bot says, by key. A directory may override any of them (`templates:` in the YAML);
 * `{name}` placeholders are filled from the variables given.
 */
export const DEFAULT_TEMPLATES = {
  welcome:
    '您好，这里是{hotline}。请直接说说遇到的问题，我会帮您登记并转给负责的部门。\n也可以发送：查询（看我的工单）、查询 工单号、补充 工单号 内容、撤销 工单号。',
  thanks: '不客气，有需要随时找我。',
  askDescription: '请说说遇到了什么问题？',
  askLocation: '请问具体在哪里？（乡镇/街道、村或小区、门牌号）',
  askPhone: '方便留个联系电话吗？办理单位可能需要联系您。不想留请回复“不留”。',
  readBackConfidential: '保密：是（您的身份不会透露给被反映单位）',
  askPhoneAgain: '请留个手机号或座机号；不方便的话回复“不留”。',
  readBack: '请核对：\n{summary}\n无误请回复“确认”；要修改直接说，如“地址是……”“电话改成……”；回复“取消”放弃。',
  confirmHint: '请回复“确认”提交，或直接说要改的内容；回复“取消”放弃。',
  filed: '已受理，工单号 {number}。\n将由{department}办理，办结时限 {due}。\n回复“查询 {number}”可查看进度。',
  cancelled: '好的，已取消本次登记。有需要随时再找我。',
  restarted: '好的，重新开始。请说说遇到了什么问题？',
  nothingToCancel: '目前没有正在登记的内容。',
  confidential: '您反映的情况我们会严格保密，不会向被反映单位透露您的身份。',
  accepted: '您的工单 {number} 已由{department}签收，正在办理。',
  replied: '您的工单 {number} 已办结，{department}答复：\n{reply}',
  reopened: '您的工单 {number} 已退回{department}重新办理，新的办结时限 {due}。',
  withdrawn: '工单 {number} 已撤销。',
  surveyAsk:
    '您好，您反映的问题（工单 {number}）{department}已答复：{reply}\n请对办理结果评价，回复数字：\n1 满意  2 基本满意  3 不满意',
  surveyThanks: '感谢您的评价！',
  surveyResolved: '问题解决了吗？请回复“是”或“否”。',
  surveyResolvedUnclear: '请回复“是”（已解决）或“否”（未解决）。',
  surveyComment: '还有什么意见或建议吗？可以直接说；没有请回复“没有”。',
  surveyReminder: '您好，工单 {number} 的办理结果还没收到您的评价。请回复数字：1 满意  2 基本满意  3 不满意',
  lateComment: '已收到，您的意见已记入工单 {number}。',
  surveyRedo: '很抱歉没能让您满意，已将工单 {number} 退回{department}重新办理。',
  surveyUnclear: '请回复数字 1、2 或 3：1 满意，2 基本满意，3 不满意。',
  refusedNotYours: '没有找到您名下的工单 {number}。',
  refusedNotDepartment: '工单 {number} 不属于本单位，无法操作。',
  notMember: '抱歉，您不在本群的办理人员名单中，无法操作工单。',
  unknownCommand: '没有识别的指令。可用：{commands}',
  noOrders: '您还没有工单。直接说说遇到的问题即可登记。',
  emptyMessage: '请用文字说说遇到的问题。',
  acknowledged: '好的。有需要随时找我。',
  attachmentsReceived: '已收到 {what}。',
  voiceNeedsText: '暂时听不了语音，请用文字描述。',
  longMessage: '您的消息比较长，已完整记录。',
  expired: '上次未提交的内容已过期。',
  resumeAsk: '您上次反映的“{summary}”还没提交，继续吗？回复“继续”或“重新开始”。',
  resumeHint: '请回复“继续”接着登记，或回复“重新开始”。',
  restartedShort: '好的，重新开始。',
  draftKept: '您正在登记的内容还在，可以接着说。',
  faqRecorded: '以上答复已记录，编号 {number}。没解决的话请直接说明具体情况，我帮您登记转办。',
  messageLimit: '您发消息太频繁了，请过一分钟再发。',
  orderLimit: '您今天已提交 {limit} 个工单，已达当日上限，明天可以继续反映。紧急情况请直接拨打 12345。',
  officialOnly: '这个指令供办理单位使用。您可以发送：查询、查询 工单号、补充 工单号 内容、撤销 工单号。',
  commandProblem: '{problem}。例如：{verb} {example}',
  emergency: '情况紧急！请立即拨打 {call}。如有人员受伤请同时拨打 120。我们已通知热线值班人员。',
  emergencyAlert: '【紧急警情】群众反映疑似{kind}，已引导拨打 {call}。请值班人员关注。\n会话：{conversation}',
  processingFailed: '抱歉，系统暂时没能处理您的消息，请稍后再发一次。',
} as const;

export type TemplateKey = keyof typeof DEFAULT_TEMPLATES;
export type Templates = Readonly<Record<TemplateKey, string>>;

export function createTemplates(overrides: Readonly<Record<string, string>>): Templates {
  const merged: Record<string, string> = { ...DEFAULT_TEMPLATES };
  for (const [key, text] of Object.entries(overrides)) if (key in merged) merged[key] = text;
  return merged as Templates;
}

export function fill(template: string, vars: Readonly<Record<string, string | number | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}
