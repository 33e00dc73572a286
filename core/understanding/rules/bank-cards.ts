import { toHalfWidth } from '../../text/normalize.js';
import { findIdNumbers } from './id-numbers.js';
import { digitsOf, isPieceOfLongerToken, overlapsAny } from './number-token.js';

/** A bank card number (16–19 digits passing the Luhn check) found in a text. */
export interface BankCardMatch {
  /** Digits only. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// Plain, or in groups of four as printed on the card (6222 0212 3456 7890 123).
const CANDIDATE = /\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{16,19}/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Bank cards; a number that is a valid ID number is left to findIdNumbers. */
export function findBankCards(text: string): BankCardMatch[] {
  const normalised = toHalfWidth(text);
  const ids = findIdNumbers(normalised).filter((id) => id.checksumValid);
  const matches: BankCardMatch[] = [];
  for (const match of normalised.matchAll(CANDIDATE)) {
    const start = match.index;
    const end = start + match[0].length;
    const value = digitsOf(match[0]);
    if (value.length < 16 || value.length > 19 || value.startsWith('0')) continue;
    if (isPieceOfLongerToken(normalised, start, end) || !luhnValid(value)) continue;
    if (overlapsAny({ start, end }, ids)) continue;
    matches.push({ value, start, end });
  }
  return matches;
}
