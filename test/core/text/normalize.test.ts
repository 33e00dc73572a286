import { describe, expect, it } from 'vitest';
import { toHalfWidth } from '../../../core/text/normalize.js';

describe('toHalfWidth', () => {
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['０５３９－８１２３４５６', '0539-8123456'],
    ['ＡＢＣ ｘｙｚ', 'ABC xyz'],
    ['可以吗？好的！', '可以吗?好的!'],
    ['（０５３９）', '(0539)'],
    ['联系电话：\u3000138', '联系电话: 138'],
    ['138\u00a01234', '138 1234'],
    ['0539—8123456', '0539-8123456'],
    ['仲村镇东关村。', '仲村镇东关村。'],
    ['', ''],
  ])('%s → %s', (text, expected) => {
    expect(toHalfWidth(text)).toBe(expected);
  });

  it('keeps every index in place', () => {
    const text = '电话：１３８　１２３４—５６７８，仲村镇';
    expect(toHalfWidth(text)).toHaveLength(text.length);
  });
});
