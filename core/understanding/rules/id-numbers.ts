import { toHalfWidth } from '../../text/normalize.js';
import { digitsOf, isPieceOfLongerToken } from './number-token.js';

/** A resident identity card number (居民身份证号) found in a text. */
export interface IdNumberMatch {
  /** Digits (and a final X), no separators. */
  readonly value: string;
  readonly kind: 'id18' | 'id15';
  /** 18-digit numbers carry a check digit; a number that fails it is still someone's (mistyped) ID. */
  readonly checksumValid: boolean;
  readonly start: number;
  readonly end: number;
}

// Plain, or grouped as region / birth date / sequence (371326 19900101 123X).
const CANDIDATE = /\d{6}[ -]\d{8}[ -]\d{3}[\dXx]|\d{15}(?:\d{2}[\dXx])?/g;
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = '10X98765432';

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function idChecksumValid(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i]!;
  return CHECK_CODES[sum % 11] === value[17];
}

function looksLikeIdNumber(value: string): boolean {
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return false;
  if (value.length === 15) {
    return isValidDate(
      1900 + Number(value.slice(6, 8)),
      Number(value.slice(8, 10)),
      Number(value.slice(10, 12)),
    );
  }
  const year = Number(value.slice(6, 10));
  return (
    year >= 1900 &&
    year <= 2099 &&
    isValidDate(year, Number(value.slice(10, 12)), Number(value.slice(12, 14)))
  );
}

/** ID numbers: a region code, a real birth date and the right length; the check digit is reported. */
export function findIdNumbers(text: string): IdNumberMatch[] {
  const normalised = toHalfWidth(text);
  const matches: IdNumberMatch[] = [];
  for (const match of normalised.matchAll(CANDIDATE)) {
    const start = match.index;
    const end = start + match[0].length;
    const value = digitsOf(match[0]);
    if (value.length !== 15 && value.length !== 18) continue;
    if (value.length === 15 && value.includes('X')) continue;
    if (isPieceOfLongerToken(normalised, start, end) || !looksLikeIdNumber(value)) continue;
    const kind = value.length === 18 ? 'id18' : 'id15';
    matches.push({ value, kind, checksumValid: kind === 'id15' || idChecksumValid(value), start, end });
  }
  return matches;
}
