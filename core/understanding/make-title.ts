/** A title of at most 30 characters from the resident's first sentence, without greetings. */
const GREETING =
  /^(尊敬的[^，,：:]{0,12}[，,：:]?|领导[们]?(您好|你好)?[！!，,：:]?|(您好|你好)[！!，,。：:]?|我(想|要)(反映|咨询|投诉|举报)(一下)?[：:，,]?)+/;

export function makeTitle(text: string): string {
  const body = text.replace(/\s+/g, ' ').trim().replace(GREETING, '').trim();
  const sentence = body.split(/[。！？!?\n；;]/)[0] ?? body;
  const title = (sentence.length >= 6 ? sentence : body).trim();
  return title.length <= 30 ? title : `${title.slice(0, 29)}…`;
}
