/** Helpers shared by the rules that find numbers (phones, ID numbers, bank cards) in normalised text. */

export interface Span {
  readonly start: number;
  readonly end: number;
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
// Letters glue digits into codes (PY202611260007, gb3096); `*` marks a masked number (138****5678).
const GLUES = /[0-9A-Za-z_*]/;

/**
 * True when the number at [start, end) is only a piece of a longer token: a longer digit run, an order
 * or product code, a masked number, or digit groups joined by dashes (6222-0212-…, 2026-11-26).
 */
export function isPieceOfLongerToken(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if ((before !== undefined && GLUES.test(before)) || (after !== undefined && GLUES.test(after))) return true;
  if (before === '-' && isDigit(text[start - 2])) return true;
  return after === '-' && isDigit(text[end + 1]);
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export const overlapsAny = (span: Span, others: readonly Span[]) => others.some((o) => overlaps(span, o));

export const digitsOf = (text: string) => text.replace(/[^0-9Xx]/g, '').toUpperCase();
