import { toHalfWidth } from '../text/normalize.js';
import type { SurveyResult } from './vocabulary.js';

export type Rating = Exclude<SurveyResult, '未回复'>;

const clean = (raw: string) => toHalfWidth(raw).trim();

/** A leading digit or word gives the rating; the rest is the resident's comment. */
const SEP = '(?=$|[\\s,，。.、:：!！])';
const LEADING: ReadonlyArray<[RegExp, Rating]> = [
  [new RegExp(`^(3(?![0-9])|三${SEP}|非常不满意|不满意)`), '不满意'],
  [new RegExp(`^(2(?![0-9])|二${SEP}|基本满意)`), '基本满意'],
  [new RegExp(`^(1(?![0-9])|一${SEP}|非常满意|很满意|满意)`), '满意'],
];

/** Free words residents use instead of a number, read anywhere in a short answer. */
const PHRASES: ReadonlyArray<[RegExp, Rating]> = [
  [
    /不满意|没解决|未解决|没有解决|没人来|没有人来|根本没|不管用|没用|敷衍|糊弄|太差|很差|不行|还是不|依然|仍然/,
    '不满意',
  ],
  [/基本满意|还行|一般|凑合|还可以|马马虎虎|将就|差不多/, '基本满意'],
  [/满意|挺好|很好|不错|非常好|太好了|解决了|修好了|好了|点赞|感谢|谢谢|👍/, '满意'],
];

/** Reads a rating (`1`, `满意`, `3 没人来`, `挺好的`, `一般吧`); the rest of a numbered answer is the comment. */
export function parseRating(raw: string): { result: Rating; comment?: string } | undefined {
  const text = clean(raw);
  for (const [pattern, result] of LEADING) {
    const match = pattern.exec(text);
    if (match) {
      // Same length as written (half-width mapping is one to one), so the comment keeps the resident's characters.
      const rest = text.slice(match[0].length);
      const skip = rest.length - rest.replace(/^[\s,，。.、:：!！]+/, '').length;
      const comment = raw
        .trim()
        .slice(match[0].length + skip)
        .trim();
      return comment ? { result, comment } : { result };
    }
  }
  if (text.length > 40) return undefined;
  // A dissatisfied resident's own words go back to the department with the redo.
  for (const [pattern, result] of PHRASES) {
    if (pattern.test(text)) return result === '不满意' ? { result, comment: raw.trim() } : { result };
  }
  return undefined;
}

const YES = /^(是|是的|对|嗯|解决了|已解决|解决|好了|修好了|已经好了|可以了|yes|y)([,，。.!！的了吧]|$)/i;
const NO = /^(否|不是|没有|没|没解决|未解决|还没|还没有|没有解决|no|n)([,，。.!！的了吧]|$)/i;

/** 问题解决了吗？ — 是 / 否, in the words residents use; undefined when unclear. */
export function parseResolved(raw: string): boolean | undefined {
  const text = clean(raw);
  if (NO.test(text)) return false;
  if (YES.test(text)) return true;
  return undefined;
}

const SKIP = /^(没有|没|无|不用|不用了|没了|没有了|算了|跳过|不说了|没意见|没有意见)[。.!！]?$/;

/** Whether an answer to the optional comment question declines it. */
export const isSkip = (raw: string) => SKIP.test(clean(raw));
