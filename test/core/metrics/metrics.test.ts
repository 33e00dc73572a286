import { describe, expect, it } from 'vitest';
import { computeMetrics, formatHours, formatRate, type Metrics } from '../../../core/metrics/metrics.js';
import { at, order } from './orders.js';

const NOW = at('03-20T12:00');

/**
 * Twelve orders, two departments. Unless noted: received 03-10 09:00, 签收 due 03-12 00:00, 办结 due
 * 03-18 00:00. Per order: 签收 / 办结 outcome at NOW (03-20 12:00), survey, hours received → reply.
 */
const ORDERS = [
  // A1 签收 on time, 办结 on time, 满意 + solved; 48 h.
  order(1, 'zjj', {
    status: 'closed',
    acceptedAt: at('03-10T10:00'),
    repliedAt: at('03-12T09:00'),
    closedAt: at('03-13T09:00'),
    survey: { round: 1, result: '满意', resolved: true },
  }),
  // A2 签收 late (03-12 08:00), 办结 late (03-18 08:00), 基本满意 + solved; 8 d − 1 h = 191 h.
  order(2, 'zjj', {
    status: 'closed',
    acceptedAt: at('03-12T08:00'),
    repliedAt: at('03-18T08:00'),
    survey: { round: 1, result: '基本满意', resolved: true },
  }),
  // A3 reopened once on 03-13 10:00 (new limits 03-15 / 03-21), redone in time, 满意; 6 d + 1 h = 145 h.
  order(3, 'zjj', {
    status: 'closed',
    reopenCount: 1,
    dispatchedAt: at('03-13T10:00'),
    acceptBy: at('03-15T00:00'),
    dueAt: at('03-21T00:00'),
    acceptedAt: at('03-13T11:00'),
    repliedAt: at('03-16T10:00'),
    survey: { round: 2, result: '满意', resolved: true },
  }),
  // A4 不满意 → reopened 03-19 09:00 (limits 03-21 / 03-27): both pending; the first round's times are stale.
  order(4, 'zjj', {
    status: 'reopened',
    reopenCount: 1,
    dispatchedAt: at('03-19T09:00'),
    acceptBy: at('03-21T00:00'),
    dueAt: at('03-27T00:00'),
    acceptedAt: at('03-10T10:00'),
    repliedAt: at('03-12T10:00'),
    survey: { round: 1, result: '不满意', resolved: false },
  }),
  // A5 never accepted: both limits passed → late, late.
  order(5, 'zjj'),
  // B1 received 03-18 09:00, not accepted by 03-20 00:00 → late; 办结 due 03-25 → pending.
  order(6, 'zfj', {
    createdAt: at('03-18T09:00'),
    acceptBy: at('03-20T00:00'),
    dueAt: at('03-25T00:00'),
  }),
  // B2 received this morning: both pending.
  order(7, 'zfj', { createdAt: at('03-20T09:00'), acceptBy: at('03-22T00:00'), dueAt: at('03-27T00:00') }),
  // B3 returned, waiting for re-dispatch: 签收 not applicable; 办结 due 03-18 passed → late.
  order(8, 'zfj', { status: 'received', returnCount: 1 }),
  // B4 withdrawn 03-11 08:00, before either limit: not applicable, not applicable.
  order(9, 'zfj', { status: 'withdrawn', closedAt: at('03-11T08:00') }),
  // B5 on time, on time, survey 未回复; 30 h.
  order(10, 'zfj', {
    status: 'closed',
    acceptedAt: at('03-10T09:30'),
    repliedAt: at('03-11T15:00'),
    survey: { round: 1, result: '未回复' },
  }),
  // B6 签收 on time, answered 03-19 09:00 after its 03-18 limit → late; awaiting survey; 9 d = 216 h.
  order(11, 'zfj', { status: 'replied', acceptedAt: at('03-10T12:00'), repliedAt: at('03-19T09:00') }),
  // B7 基本满意 but not solved → reopened 03-17 10:00 (limits 03-19 / 03-25), accepted 03-18 09:00: on time, pending.
  order(12, 'zfj', {
    status: 'accepted',
    reopenCount: 1,
    dispatchedAt: at('03-17T10:00'),
    acceptBy: at('03-19T00:00'),
    dueAt: at('03-25T00:00'),
    acceptedAt: at('03-18T09:00'),
    repliedAt: at('03-16T09:00'),
    survey: { round: 1, result: '基本满意', resolved: false },
  }),
];

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

describe('computeMetrics', () => {
  const report = computeMetrics(ORDERS, NOW);

  it('county-wide, every indicator as counted by hand', () => {
    const expected: Metrics = {
      received: 12,
      // on time A1 A3 B5 B6 B7 = 5; late A2 A5 B1 = 3; pending A4 B2, n/a B3 B4 → 5/8
      acceptedOnTime: rate(5, 8),
      // on time A1 A3 B5 = 3; late A2 A5 B3 B6 = 4; pending A4 B1 B2 B7, n/a B4 → 3/7
      repliedOnTime: rate(3, 7),
      // a result: A1 A2 A3 A4 B5 B7 = 6, of which not 未回复 (B5) = 5 → 5/6
      surveyed: rate(5, 6),
      // answers A1 A2 A3 A4 B7 = 5; 满意/基本满意 A1 A2 A3 B7 = 4 → 4/5
      satisfied: rate(4, 5),
      // resolved given A1 A2 A3 A4 B7 = 5; yes A1 A2 A3 = 3 → 3/5
      resolved: rate(3, 5),
      // replied at least once A1 A2 A3 A4 B5 B6 B7 = 7; reopened A3 A4 B7 = 3 → 3/7
      reopened: rate(3, 7),
      // finished rounds A1 A2 A3 B5 B6: (48 + 191 + 145 + 30 + 216) / 5 = 630 / 5 = 126 h
      handlingHours: { count: 5, average: 126 },
    };
    expect(report.county).toEqual(expected);
    const shown = [
      'acceptedOnTime',
      'repliedOnTime',
      'surveyed',
      'satisfied',
      'resolved',
      'reopened',
    ] as const;
    // 5/8 = 62.5%, 3/7 = 42.86%, 5/6 = 83.33%, 4/5 = 80%, 3/5 = 60%, 3/7 = 42.86%
    expect(shown.map((k) => formatRate(report.county[k]))).toEqual([
      '62.5%',
      '42.9%',
      '83.3%',
      '80.0%',
      '60.0%',
      '42.9%',
    ]);
  });

  it('by lead department, and the departments add up to the county', () => {
    expect(Object.keys(report.byDepartment).sort()).toEqual(['zfj', 'zjj']);
    expect(report.byDepartment.zjj).toEqual({
      received: 5,
      acceptedOnTime: rate(2, 4), // A1 A3 of A1 A2 A3 A5
      repliedOnTime: rate(2, 4), // A1 A3 of A1 A2 A3 A5
      surveyed: rate(4, 4), // A1 A2 A3 A4 all answered
      satisfied: rate(3, 4), // A1 A2 A3 of A1 A2 A3 A4
      resolved: rate(3, 4), // A1 A2 A3 of A1 A2 A3 A4
      reopened: rate(2, 4), // A3 A4 of A1 A2 A3 A4
      handlingHours: { count: 3, average: 128 }, // (48 + 191 + 145) / 3 = 384 / 3
    });
    expect(report.byDepartment.zfj).toEqual({
      received: 7,
      acceptedOnTime: rate(3, 4), // B5 B6 B7 of B1 B5 B6 B7
      repliedOnTime: rate(1, 3), // B5 of B3 B5 B6
      surveyed: rate(1, 2), // B7 of B5 B7
      satisfied: rate(1, 1), // B7
      resolved: rate(0, 1), // B7 not solved
      reopened: rate(1, 3), // B7 of B5 B6 B7
      handlingHours: { count: 2, average: 123 }, // (30 + 216) / 2 = 246 / 2
    });
  });

  it('an empty set has rates of null, shown as —', () => {
    const { county, byDepartment } = computeMetrics([], NOW);
    expect(byDepartment).toEqual({});
    expect(county.received).toBe(0);
    expect(county.satisfied).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(formatRate(county.satisfied)).toBe('—');
    expect(formatHours(county.handlingHours.average)).toBe('—');
  });

  it.each([
    [rate(5, 8), '62.5%'],
    [rate(3, 7), '42.9%'],
    [rate(4, 4), '100.0%'],
    [rate(0, 1), '0.0%'],
  ])('formats %o as %s', (value, text) => {
    expect(formatRate(value)).toBe(text);
  });

  it('judges lateness at the given time, not the wall clock', () => {
    // At 03-11 12:00 A5's 签收 limit (03-12 00:00) has not passed yet: pending, not late.
    const early = computeMetrics([order(5, 'zjj')], at('03-11T12:00'));
    expect(early.county.acceptedOnTime).toEqual(rate(0, 0));
    const late = computeMetrics([order(5, 'zjj')], at('03-12T00:01'));
    expect(late.county.acceptedOnTime).toEqual(rate(0, 1));
  });
});
