import { describe, expect, it } from 'vitest';
import { normalizeForClassifier } from '../../../../core/understanding/classifier/normalize-text.js';

describe('normalizeForClassifier', () => {
  it.each([
    ['full-width letters and digits become half-width, lower case', 'ＡＢＣ１２３号', 'abc0号'],
    ['every run of digits becomes one 0', '2019年3月12日花了1500元', '0年0月0日花了0元'],
    ['masked phone numbers disappear', '电话0000-00000000联系', '电话 联系'],
    ['redaction stars disappear, a single star stays', '姓名***，评分*', '姓名 ,评分*'],
    ['long runs of x disappear, short ones stay', '身份证xxxxxxxx号，xx小区', '身份证 号,xx小区'],
    ['whitespace runs collapse and ends are trimmed', '  路灯\u3000\u3000坏了\n\n三天 ', '路灯 坏了 三天'],
    ['Chinese text is left as it is', '小区门口的路灯坏了', '小区门口的路灯坏了'],
  ])('%s', (_, input, expected) => {
    expect(normalizeForClassifier(input)).toBe(expected);
  });

  it('gives the same result as the straightforward regular-expression version on varied text', () => {
    const reference = (t: string) =>
      t
        .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
        .replace(/[A-Z]/g, (c) => c.toLowerCase())
        .replace(/\*{2,}|[x×]{4,}/g, ' ')
        .replace(/[0-9]+/g, '0')
        .replace(/[\s\u00a0\u2000-\u200b\u3000]+/g, ' ')
        .trim();
    const samples = ['Ａ市Ａ３区**小区\t3栋', 'XXXX年 ××××月', '１２３４５ ６７', '  ', '', 'abc*def**ghi'];
    for (const s of samples) expect(normalizeForClassifier(s)).toBe(reference(s));
  });
});
