import { describe, expect, it } from 'vitest';
import { findBankCards } from '../../../../core/understanding/rules/bank-cards.js';
import { findIdNumbers } from '../../../../core/understanding/rules/id-numbers.js';

describe('findIdNumbers', () => {
  const cases: { text: string; ids: { value: string; checksumValid: boolean }[] }[] = [
    { text: '身份证号371326199001011234', ids: [{ value: '371326199001011234', checksumValid: true }] },
    { text: '身份证：37132619780312109x', ids: [{ value: '37132619780312109X', checksumValid: true }] },
    { text: '证件号 371326 19850615 0024', ids: [{ value: '371326198506150024', checksumValid: true }] },
    {
      text: '身份证３７１３２６２００００２２９００１５',
      ids: [{ value: '371326200002290015', checksumValid: true }],
    },
    // A mistyped check digit is still someone's ID number.
    { text: '身份证号371326199001011235', ids: [{ value: '371326199001011235', checksumValid: false }] },
    { text: '老身份证371326900101123', ids: [{ value: '371326900101123', checksumValid: true }] },
    // Not a real birth date (2001 is no leap year), no province 99, too long, or a code.
    { text: '编号371326200102290012', ids: [] },
    { text: '编号991326199001011234', ids: [] },
    { text: '3713261990010112345', ids: [] },
    { text: 'PY371326199001011234', ids: [] },
    { text: '电话13812345678', ids: [] },
  ];
  it.each(cases)('$text', ({ text, ids }) => {
    expect(findIdNumbers(text).map(({ value, checksumValid }) => ({ value, checksumValid }))).toEqual(ids);
  });
});

describe('findBankCards', () => {
  const cases: { text: string; cards: string[] }[] = [
    { text: '卡号6222021234567890128', cards: ['6222021234567890128'] },
    { text: '工资卡 6217 0012 3456 7893 没到账', cards: ['6217001234567893'] },
    { text: '账号6228-4800-1234-5678-903', cards: ['6228480012345678903'] },
    { text: '卡号６２１７００１２３４５６７８９３', cards: ['6217001234567893'] },
    // Fails the Luhn check.
    { text: '卡号6222021234567890127', cards: [] },
    // An ID number is not a bank card, even when it happens to pass Luhn.
    { text: '身份证371326199001011234', cards: [] },
    { text: '卡号621226*****************', cards: [] },
    { text: '电话13812345678', cards: [] },
    { text: '编号0000000000000000', cards: [] },
    { text: '订单PY6217001234567893', cards: [] },
  ];
  it.each(cases)('$text', ({ text, cards }) => {
    expect(findBankCards(text).map((card) => card.value)).toEqual(cards);
  });
});
