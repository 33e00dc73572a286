import { describe, expect, it } from 'vitest';
import { findPhones, maskPhone } from '../../../../core/understanding/rules/phones.js';

describe('findPhones', () => {
  const cases: { text: string; phones: { value: string; kind: 'mobile' | 'landline' }[] }[] = [
    { text: '我的电话13812345678，请尽快联系', phones: [{ value: '13812345678', kind: 'mobile' }] },
    { text: '手机 138 1234 5678', phones: [{ value: '13812345678', kind: 'mobile' }] },
    { text: '联系方式：138-1234-5678', phones: [{ value: '13812345678', kind: 'mobile' }] },
    { text: '电话１３９１２３４５６７８', phones: [{ value: '13912345678', kind: 'mobile' }] },
    { text: '+86 159 0539 1234 找王师傅', phones: [{ value: '15905391234', kind: 'mobile' }] },
    { text: '0086-18653912345', phones: [{ value: '18653912345', kind: 'mobile' }] },
    { text: '打0539-4212345问问', phones: [{ value: '05394212345', kind: 'landline' }] },
    { text: '座机（0539）42123456', phones: [{ value: '053942123456', kind: 'landline' }] },
    { text: '家里电话4212345', phones: [{ value: '4212345', kind: 'landline' }] },
    {
      text: '13812345678或者0539 4212345都行',
      phones: [
        { value: '13812345678', kind: 'mobile' },
        { value: '05394212345', kind: 'landline' },
      ],
    },
    // Masked placeholders are not phones.
    { text: '联系电话：0000-00000000', phones: [] },
    { text: '电话：*****', phones: [] },
    { text: '电话138****5678', phones: [] },
    { text: '电话0000000、0731-0000-00000000', phones: [] },
    // Digits inside longer numbers are not phones.
    { text: '工单号PY202611260007怎么还没人管', phones: [] },
    { text: '身份证号371326199001011234', phones: [] },
    { text: '卡号6222021234567890128', phones: [] },
    { text: '订单2026113812345678', phones: [] },
    // A bare 7–8 digit number without a word for phone is an amount or a code.
    { text: '罚款4212345元', phones: [] },
    { text: '合同编号42123456', phones: [] },
  ];
  it.each(cases)('$text', ({ text, phones }) => {
    expect(findPhones(text).map(({ value, kind }) => ({ value, kind }))).toEqual(phones);
  });

  it('reports where the number stands in the text as written', () => {
    const text = '电话：１３８ １２３４ ５６７８。';
    const [phone] = findPhones(text);
    expect(text.slice(phone!.start, phone!.end)).toBe('１３８ １２３４ ５６７８');
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['05394212345', '0539***2345'],
    ['053942123456', '0539****3456'],
    ['01087654321', '010****4321'],
    ['4212345', '***2345'],
  ])('%s → %s', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });
});
