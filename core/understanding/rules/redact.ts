import { findBankCards } from './bank-cards.js';
import { findIdNumbers } from './id-numbers.js';
import { findPhones, maskPhone } from './phones.js';

export const ID_NUMBER_PLACEHOLDER = '[身份证号已隐藏]';

interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The text with ID numbers replaced by a placeholder (a partly masked ID still gives away region and
 * birth date), bank cards reduced to their last 4 digits and phones masked (`138****5678`).
 * For group messages and logs.
 */
export function redactSensitive(text: string): string {
  const replacements: Replacement[] = [
    ...findIdNumbers(text).map((id) => ({ ...id, text: ID_NUMBER_PLACEHOLDER })),
    ...findBankCards(text).map((card) => ({ ...card, text: `[银行卡尾号${card.value.slice(-4)}]` })),
    ...findPhones(text).map((phone) => ({ ...phone, text: maskPhone(phone.value) })),
  ].sort((a, b) => a.start - b.start);

  let result = '';
  let at = 0;
  for (const replacement of replacements) {
    if (replacement.start < at) continue;
    result += text.slice(at, replacement.start) + replacement.text;
    at = replacement.end;
  }
  return result + text.slice(at);
}
