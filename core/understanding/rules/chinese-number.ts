/** Small numbers as residents write them: `3`, `三`, `十一`, `二十五`, `两`, `一百零二`, `二〇二六`. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that may appear in a number; use in regular expressions. */
export const NUMBER_CHARS = '0-9零〇一二两三四五六七八九十百千';

export function parseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 0 || ![...text].every((ch) => ch in DIGITS || ch in UNITS)) return undefined;
  // Digit by digit (二〇二六) when there is no unit character.
  if (![...text].some((ch) => ch in UNITS)) {
    return Number([...text].map((ch) => DIGITS[ch]).join(''));
  }
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    const unit = UNITS[ch];
    if (unit === undefined) {
      digit = DIGITS[ch];
      continue;
    }
    total += (digit ?? 1) * unit;
    digit = undefined;
  }
  return total + (digit ?? 0);
}
