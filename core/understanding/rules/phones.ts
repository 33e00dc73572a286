import { toHalfWidth } from '../../text/normalize.js';
import { findBankCards } from './bank-cards.js';
import { findIdNumbers } from './id-numbers.js';
import { isPieceOfLongerToken, overlapsAny, type Span } from './number-token.js';

export interface PhoneMatch {
  /** Digits only: 11 for a mobile (country code dropped); a landline keeps the area code if written. */
  readonly value: string;
  readonly kind: 'mobile' | 'landline';
  /** Span in the text as written. */
  readonly start: number;
  readonly end: number;
}

// Mobile: 1[3-9]x + 8 digits, optionally after +86 / 0086, digit groups split by single spaces or dashes.
const MOBILE = /(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d){8}/g;
// Landline with an area code: 010, 02x, or 0[3-9]xx (0539 is Linyi); local numbers never start with 0 or 1.
const LANDLINE = /\(?0(?:10|2\d|[3-9]\d{2})\)?[ -]?[2-9]\d{6,7}/g;
// A bare local number is only a phone when the resident says so just before it.
const LOCAL = /[2-9]\d{6,7}/g;
const PHONE_CUE = /(?:电话|手机|号码|座机|联系|拨打|致电|热线|打|tel)[^0-9]{0,6}$/i;
const MAX_SEPARATORS = 3;

const separatorCount = (text: string) => (text.match(/[ -]/g) ?? []).length;

function mobileValue(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.slice(-11);
}

/**
 * Phone numbers in a text, in order. Masked placeholders (0000-00000000, *****, 138****5678) and digits
 * inside longer numbers (ID numbers, bank cards, order numbers such as PY202611260007) are not phones.
 */
export function findPhones(text: string): PhoneMatch[] {
  const normalised = toHalfWidth(text);
  const taken: Span[] = [...findIdNumbers(normalised), ...findBankCards(normalised)];
  const phones: PhoneMatch[] = [];
  const accept = (match: RegExpMatchArray, kind: PhoneMatch['kind'], value: string) => {
    const start = match.index!;
    const span = { start, end: start + match[0].length };
    if (isPieceOfLongerToken(normalised, span.start, span.end) || overlapsAny(span, taken)) return;
    taken.push(span);
    phones.push({ value, kind, ...span });
  };

  for (const match of normalised.matchAll(MOBILE)) {
    if (separatorCount(match[0]) > MAX_SEPARATORS) continue;
    accept(match, 'mobile', mobileValue(match[0]));
  }
  for (const match of normalised.matchAll(LANDLINE)) {
    accept(match, 'landline', match[0].replace(/\D/g, ''));
  }
  for (const match of normalised.matchAll(LOCAL)) {
    const before = normalised.slice(Math.max(0, match.index! - 12), match.index);
    if (!PHONE_CUE.test(before)) continue;
    accept(match, 'landline', match[0]);
  }
  return phones.sort((a, b) => a.start - b.start);
}

function areaCodeLength(digits: string): number {
  if (/^0(?:10|2\d)/.test(digits)) return 3;
  return digits.startsWith('0') ? 4 : 0;
}

/** `138****5678`; a landline keeps its area code and last 4 digits (`0539****5678`). */
export function maskPhone(value: string): string {
  let digits = value.replace(/\D/g, '');
  if (/^(?:0086|86)1[3-9]\d{9}$/.test(digits)) digits = digits.slice(-11);
  if (/^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  const area = areaCodeLength(digits);
  const local = digits.slice(area);
  const shown = local.length > 4 ? local.slice(-4) : '';
  return `${digits.slice(0, area)}${'*'.repeat(local.length - shown.length)}${shown}`;
}
