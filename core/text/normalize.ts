/**
 * Text normalisation for the rules. Every mapping here is one UTF-16 unit to one, so an index found
 * in the normalised text is also an index in the original: rules report spans of what the resident wrote.
 */

const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
// Dashes residents type between digit groups (0539—8123456); the Chinese ellipsis and 〜 are left alone.
const DASHES = /[\u2010-\u2015\u2212]/g;

/** Full-width digits, letters and punctuation → ASCII; odd spaces → ' '; dashes → '-'. Length-preserving. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(SPACES, ' ')
    .replace(DASHES, '-');
}
