import { describe, expect, it } from 'vitest';
import { parseTimeExpression } from '../../../../core/understanding/rules/time-expression.js';

// Thursday 26 November 2026, 10:00 in Pingyi.
const NOW = new Date('2026-11-26T10:00:00+08:00');
const at = (local: string) => new Date(`${local}+08:00`);

describe('parseTimeExpression', () => {
  const cases: { text: string; expected: ReturnType<typeof parseTimeExpression> }[] = [
    { text: '昨天路灯就不亮了', expected: { occurredAt: at('2026-11-25T00:00:00') } },
    { text: '前天晚上突然停电', expected: { occurredAt: at('2026-11-24T20:00:00') } },
    { text: '昨晚11点多还在施工', expected: { occurredAt: at('2026-11-25T23:00:00') } },
    { text: '今天下午3点半有人来量过', expected: { occurredAt: at('2026-11-26T15:30:00') } },
    { text: '11月20日反映过一次', expected: { occurredAt: at('2026-11-20T00:00:00') } },
    { text: '十一月二十号就坏了', expected: { occurredAt: at('2026-11-20T00:00:00') } },
    { text: '2026年11月3日缴的费', expected: { occurredAt: at('2026-11-03T00:00:00') } },
    { text: '2026-11-03那天', expected: { occurredAt: at('2026-11-03T00:00:00') } },
    { text: '上周开始一直有噪音', expected: { occurredAt: at('2026-11-16T00:00:00') } },
    { text: '上周三来修过', expected: { occurredAt: at('2026-11-18T00:00:00') } },
    { text: '上个月5号交的钱', expected: { occurredAt: at('2026-10-05T00:00:00') } },
    { text: '三天前井盖被偷了', expected: { occurredAt: at('2026-11-23T00:00:00') } },
    { text: '两个星期前报修的', expected: { occurredAt: at('2026-11-12T00:00:00') } },
    { text: '去年就开始拖欠工资', expected: { occurredAt: at('2025-01-01T00:00:00') } },
    { text: '停水三天了', expected: { duration: '三天' } },
    { text: '已经一个星期了没人管', expected: { duration: '一个星期' } },
    { text: '这个问题拖了半个月', expected: { duration: '半个月' } },
    { text: '路灯坏了一个多月了', expected: { duration: '一个多月' } },
    { text: '噪音持续两年多', expected: { duration: '两年多' } },
    { text: '每天凌晨都有渣土车经过', expected: { recurring: '每天凌晨' } },
    { text: '每晚10点到凌晨2点烧烤摊很吵', expected: { recurring: '每晚10点到凌晨2点' } },
    {
      text: '从11月20日开始，每天晚上都停水，已经一个星期了',
      expected: { occurredAt: at('2026-11-20T00:00:00'), duration: '一个星期', recurring: '每天晚上' },
    },
    // Not a time the problem happened or lasted.
    { text: '希望三天内修好', expected: {} },
    { text: '希望12月1日前修好', expected: {} },
    { text: '孩子上三年级', expected: {} },
    { text: '2018年建的小区', expected: {} },
    { text: '3号楼2单元', expected: {} },
    { text: '下周五来修', expected: {} },
    { text: '路灯不亮', expected: {} },
  ];
  it.each(cases)('$text', ({ text, expected }) => {
    expect(parseTimeExpression(text, NOW)).toEqual(expected);
  });

  it('reads a month-day far ahead as last year, and a near one as a date to come', () => {
    const january = new Date('2027-01-05T10:00:00+08:00');
    expect(parseTimeExpression('12月5日签的合同', january)).toEqual({
      occurredAt: at('2026-12-05T00:00:00'),
    });
    expect(parseTimeExpression('1月20日来修', january)).toEqual({});
  });

  it('computes dates in Asia/Shanghai, not in the machine time zone', () => {
    // 23:30 UTC on the 25th is already the morning of the 26th in Pingyi.
    const lateUtc = new Date('2026-11-25T23:30:00Z');
    expect(parseTimeExpression('昨天', lateUtc).occurredAt).toEqual(at('2026-11-25T00:00:00'));
  });
});
