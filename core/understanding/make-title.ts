/** A title of at most 30 characters from the resident's first sentence, without greetings or contacts. */
const GREETING =
  /^(尊敬的[^，,：:]{0,12}[，,：:]?|领导[们]?(您好|你好)?[！!，,：:]?|(您好|你好)[！!，,。：:]?|我(想|要)(反映|咨询|投诉|举报)(一下)?[：:，,]?)+/;
/** Words that introduce a contact number, left dangling once the number is cut out. */
const CONTACT_WORDS =
  /[，,。；;\s]*(我的|本人)?(联系)?(电话|手机|手机号|号码|方式)(是|为)?[:：]?\s*(?=$|[，,。；;\s])/g;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The text with the given spans (phones, ID numbers) and the words introducing them removed. */
export function withoutSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += text.slice(at, span.start);
    at = span.end;
  }
  out += text.slice(at);
  return spans.length ? out.replace(CONTACT_WORDS, '') : out;
}

export function makeTitle(text: string): string {
  const body = text.replace(/\s+/g, ' ').trim().replace(GREETING, '').trim();
  const sentence = body.split(/[。！？!?\n；;]/)[0] ?? body;
  const title = (sentence.length >= 6 ? sentence : body).trim().replace(/[，,、。；;\s]+$/, '');
  return title.length <= 30 ? title : `${title.slice(0, 29)}…`;
}
