import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { computeDeadlines, findDeadlineRule } from '../../../core/deadline/compute-deadlines.js';
import { DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';
import type { AppealType, Urgency } from '../../../core/domain/vocabulary.js';

const calendar = createChineseDaysCalendar();
const policy = DeadlinePolicySchema.parse({});

function deadlines(received: string, urgency: Urgency, appealType: AppealType, p = policy, c = calendar) {
  const { acceptBy, dueAt } = computeDeadlines({ receivedAt: new Date(received), urgency, appealType }, p, c);
  return [formatShanghaiIso(acceptBy), formatShanghaiIso(dueAt)];
}

// 国庆 2026: Thu 10-01 … Wed 10-07 off; make-up working days Sun 09-20 and Sat 10-10.
// 春节 2026: Sun 02-15 … Mon 02-23 off; make-up working days Sat 02-14 and Sat 02-28.
describe('default deadlines (签收 / 办结)', () => {
  it.each<[string, Urgency, AppealType, string, string]>([
    // Eve of 国庆: 签收 by the end of Oct 8; five working days Oct 8, 9, 10, 12, 13.
    ['2026-09-30T16:00:00+08:00', '一般', '投诉', '2026-10-09T00:00:00+08:00', '2026-10-14T00:00:00+08:00'],
    // 咨询: three working days Oct 8, 9, 10 (make-up Saturday).
    ['2026-09-30T16:00:00+08:00', '一般', '咨询', '2026-10-09T00:00:00+08:00', '2026-10-11T00:00:00+08:00'],
    // 紧急 counts calendar time straight into the holiday.
    ['2026-09-30T16:00:00+08:00', '紧急', '投诉', '2026-09-30T16:30:00+08:00', '2026-10-01T16:00:00+08:00'],
    ['2026-09-30T23:00:00+08:00', '特急', '求助', '2026-09-30T23:10:00+08:00', '2026-10-01T01:00:00+08:00'],
    // Urgency wins over type: a 紧急 咨询 is not given three working days.
    ['2026-09-30T16:00:00+08:00', '紧急', '咨询', '2026-09-30T16:30:00+08:00', '2026-10-01T16:00:00+08:00'],
    // On the make-up Saturday: day 1 is Monday Oct 12; five days end Friday Oct 16.
    ['2026-10-10T10:00:00+08:00', '一般', '求助', '2026-10-13T00:00:00+08:00', '2026-10-17T00:00:00+08:00'],
    // Over 春节: Feb 14 (make-up Saturday) is day 1, then Feb 24–27.
    ['2026-02-13T15:00:00+08:00', '一般', '举报', '2026-02-15T00:00:00+08:00', '2026-02-28T00:00:00+08:00'],
    ['2026-02-14T11:00:00+08:00', '一般', '咨询', '2026-02-25T00:00:00+08:00', '2026-02-27T00:00:00+08:00'],
    ['2026-02-14T20:00:00+08:00', '紧急', '求助', '2026-02-14T20:30:00+08:00', '2026-02-15T20:00:00+08:00'],
    // An ordinary week: Thursday → Friday for 签收, Friday + Mon–Thu for 办结.
    ['2026-11-26T10:00:00+08:00', '一般', '建议', '2026-11-28T00:00:00+08:00', '2026-12-04T00:00:00+08:00'],
  ])('%s %s %s → 签收 %s, 办结 %s', (received, urgency, type, acceptBy, dueAt) => {
    expect(deadlines(received, urgency, type)).toEqual([acceptBy, dueAt]);
  });

  it('counts from the receipt day when the policy says so', () => {
    const receiptDay = DeadlinePolicySchema.parse({ countFrom: 'receiptDay' });
    // Sep 30 is day 1: 签收 by its end; 办结 Sep 30, Oct 8, 9, 10, 12.
    expect(deadlines('2026-09-30T16:00:00+08:00', '一般', '投诉', receiptDay)).toEqual([
      '2026-10-01T00:00:00+08:00',
      '2026-10-13T00:00:00+08:00',
    ]);
    // A receipt day that is no working day does not count.
    expect(deadlines('2026-10-01T09:00:00+08:00', '一般', '投诉', receiptDay)).toEqual([
      '2026-10-09T00:00:00+08:00',
      '2026-10-14T00:00:00+08:00',
    ]);
  });

  it('lets an override make a working day a holiday', () => {
    const county = DeadlinePolicySchema.parse({
      calendarOverrides: [{ date: '2026-10-09', workday: false }],
    });
    const withOverride = createChineseDaysCalendar(county.calendarOverrides);
    // Oct 9 no longer counts: Oct 8, 10, 12, 13, 14.
    expect(deadlines('2026-09-30T16:00:00+08:00', '一般', '投诉', county, withOverride)).toEqual([
      '2026-10-09T00:00:00+08:00',
      '2026-10-15T00:00:00+08:00',
    ]);
  });

  it('uses the first rule that matches', () => {
    const rules = DeadlinePolicySchema.parse({
      rules: [
        { appealType: '举报', accept: '4wh', finish: '10wd' },
        { urgency: '一般', appealType: '举报', accept: '1wd', finish: '1wd' },
        { accept: '1wd', finish: '5wd' },
      ],
    }).rules;
    expect(findDeadlineRule(rules, '一般', '举报')).toEqual(rules[0]);
    expect(findDeadlineRule(rules, '特急', '投诉')).toEqual(rules[2]);
    expect(
      deadlines('2026-11-26T10:00:00+08:00', '一般', '举报', DeadlinePolicySchema.parse({ rules })),
    ).toEqual(['2026-11-26T14:00:00+08:00', '2026-12-11T00:00:00+08:00']);
  });
});
