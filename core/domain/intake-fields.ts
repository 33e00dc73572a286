import { makeTitle, withoutSpans } from '../understanding/make-title.js';
import { findIdNumbers } from '../understanding/rules/id-numbers.js';
import { findPhones } from '../understanding/rules/phones.js';
import type { Draft } from './draft.js';
import { hasContent } from './intake-words.js';

/** Matters that have no place (social insurance, policy questions…) don't ask where. */
const PLACELESS_CATEGORIES = ['劳动和社会保障', '民政', '纪检监察'];
const PLACELESS_SECOND_LEVEL = ['公安/户籍管理', '公安/出入境', '市场监管/证照办理'];

export function needsPlace(draft: Pick<Draft, 'appealType' | 'category'>): boolean {
  if (draft.appealType === '咨询' || draft.appealType === '建议' || draft.appealType === '表扬') return false;
  const category = draft.category ?? '';
  if (PLACELESS_SECOND_LEVEL.some((path) => category === path || category.startsWith(`${path}/`)))
    return false;
  return !PLACELESS_CATEGORIES.includes(category.split('/')[0] ?? '');
}

/** Same rule as filing: 举报 and conduct complaints keep the resident's identity confidential. */
export function isConfidential(draft: Pick<Draft, 'appealType' | 'flags'>): boolean {
  return draft.appealType === '举报' || draft.flags.includes('涉纪');
}

const HAN = '[\\u4e00-\\u9fa5]';
const END = '(?=$|[，,。.！!；;\\s电手])';
const NAME_PATTERNS = [
  new RegExp(`(?:名字|姓名|称呼)(?:改成|改为|换成|是|叫|写)[:：\\s]*(${HAN}{1,4}?(?:先生|女士)?)${END}`),
  new RegExp(`我(?:叫|的名字(?:是|叫))(${HAN}{2,4})${END}`),
  new RegExp(`(?:我|免贵|本人)姓(${HAN})(?:${HAN}{0,2}?)${END}`),
  new RegExp(`^(${HAN}{1,2}(?:先生|女士))${END}`),
];

/** A name or surname the resident gives for themself (我叫…, 我姓…, 王女士), if any. */
export function findName(text: string): string | undefined {
  const clean = text.trim();
  for (const pattern of NAME_PATTERNS) {
    const match = pattern.exec(clean);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export type Correction =
  | { readonly field: 'location'; readonly value: string }
  | { readonly field: 'description'; readonly value: string }
  | { readonly field: 'dropPhone' };

const TAIL = /[。.！!；;，,\s]+$/;
const SAYS =
  '(?:不对|错了|有误|写错了|说错了)?[，,。:：\\s]*(?:应该|应|正确的)?(?:是|在|改成|改为|换成|改一下)[:：\\s]*';
const LEAD = '^(?:刚才的?|上面的?|那个)?';
const LOCATION_FIELD = new RegExp(`${LEAD}(?:地址|地点|位置|具体位置)${SAYS}(.{2,60})$`, 's');
const DESCRIPTION_FIELD = new RegExp(`${LEAD}(?:问题|内容|情况|事情)${SAYS}(.+)$`, 's');
const NOT_BUT = /^不是(.{1,30}?)[，,\s]*(?:而)?是(.{2,60})$/s;
const DROP_PHONE = /^(?:电话|手机|号码)?(?:不留了|不留|不要留|删掉|去掉|不用留)(?:电话|手机|号码)?(?:了)?$/;

/**
 * A correction in free words: 地址不对，是东阳路12号 / 问题改成… / 电话不留了 / 不是10号，是12号
 * (the last only when what it denies is in the place already given). Phones and places named
 * without such words are read by the understanding layer.
 */
export function readCorrection(text: string, currentPlace?: string): Correction | undefined {
  const clean = text.trim();
  if (DROP_PHONE.test(clean.replace(/[\s。.!！,，]+/g, ''))) return { field: 'dropPhone' };
  const description = DESCRIPTION_FIELD.exec(clean)?.[1]?.replace(TAIL, '');
  if (description) return { field: 'description', value: description };
  const location = LOCATION_FIELD.exec(clean)?.[1]?.replace(TAIL, '');
  if (location) return { field: 'location', value: location };
  const notBut = NOT_BUT.exec(clean);
  const denied = notBut?.[1]?.replace(TAIL, '');
  if (notBut && denied && currentPlace?.includes(denied)) {
    // 不是10号，是12号: the rest of the place stays as it was.
    return { field: 'location', value: currentPlace.replace(denied, notBut[2]!.replace(TAIL, '')) };
  }
  return undefined;
}

const FILLER =
  /(?:我的|我|本人|联系|电话|手机|手机号|号码|方式|是|在|就在|位于|地址|地点|具体|姓|叫|先生|女士|名字)/g;

/**
 * What is left of an answer once the fields it gave (a place, a phone, a name) and the words around
 * them are taken out: more than a few characters means it also says something about the problem.
 */
export function residue(text: string, given: readonly (string | undefined)[]): string {
  let rest = text;
  for (const value of given) if (value) rest = rest.split(value).join('');
  return rest
    .replace(/\d[\d\s-]{5,}\d/g, '')
    .replace(FILLER, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Answers longer than this, without a place in them, are more description rather than a place. */
export const MAX_PLACE_ANSWER = 30;

/** Short answers to "where?" that say something else: a request, a feeling, a question. */
const NOT_A_PLACE = /[。！？!?]|请|希望|尽快|处理|解决|反映|投诉|举报|没有|没人|不能|吗|呢|了$/;
const PLACE_MARKER =
  /[路街巷道村镇乡区县市楼号门口旁边侧对面场园苑府湾站桥厂院店馆校组庄屯屋家里内外前后]|社区|小区|附近|广场|公园|医院|超市|市场/;

/**
 * Whether a free answer to "where?" (one the gazetteer does not know) reads as a place: short, not
 * a request or a question, not a piece of a sentence, and with a place word unless very short.
 */
export function looksLikePlace(text: string): boolean {
  const clean = text.trim();
  if (!clean || clean.length > MAX_PLACE_ANSWER || /[，,、；;：:]$/.test(clean)) return false;
  if (NOT_A_PLACE.test(clean)) return false;
  return PLACE_MARKER.test(clean) || clean.length <= 12;
}

const SALUTATION_ONLY = /^(?:尊敬的?)?[\u4e00-\u9fa5A-Za-z0-9]{0,12}?[:：，,\s]*(?:您好|你好)[!！。]?$/;
const LEADING_SALUTATION = /^[\s\S]{0,24}?(?:您好|你好)[!！。，,：:\s]*/;

/**
 * The title to show for a text: the understanding layer's, unless that is only a salutation
 * (胡市长：您好), in which case the first sentence after it. Never a phone or an ID number.
 */
export function titleOf(text: string, proposed: string | undefined): string | undefined {
  if (!proposed || !SALUTATION_ONLY.test(proposed.trim())) return proposed;
  const rest = text.replace(LEADING_SALUTATION, '');
  if (!hasContent(rest)) return proposed;
  return makeTitle(withoutSpans(rest, [...findPhones(rest), ...findIdNumbers(rest)]));
}
