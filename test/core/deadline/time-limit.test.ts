import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';
import {
  addTimeLimit,
  addWorkingDays,
  nextWorkingDayStart,
  parseTimeLimit,
  workingDaysBetween,
  workingTimeBetween,
} from '../../../core/deadline/time-limit.js';

const calendar = createChineseDaysCalendar();
const policy = DeadlinePolicySchema.parse({});
const receiptDayPolicy = DeadlinePolicySchema.parse({ countFrom: 'receiptDay' });
const at = (text: string) => new Date(text);
const local = formatShanghaiIso;

// 2026: 中秋 Fri 09-25; 国庆 Thu 10-01 … Wed 10-07, make-up days Sun 09-20 and Sat 10-10.
// 春节 Sun 02-15 … Mon 02-23, make-up days Sat 02-14 and Sat 02-28. 元旦 Thu 01-01 … Sat 01-03, make-up Sun 01-04.
// 2025: 国庆+中秋 Wed 10-01 … Wed 10-08, make-up days Sun 09-28 and Sat 10-11.
describe('working days', () => {
  it.each([
    // received, limit, next working day counting, receipt day counting
    ['2026-09-30T16:00:00+08:00', 1, '2026-10-09T00:00:00+08:00', '2026-10-01T00:00:00+08:00'],
    // Oct 8, 9, 10 (Sat make-up), 12, 13 — vs Sep 30, Oct 8, 9, 10, 12.
    ['2026-09-30T16:00:00+08:00', 5, '2026-10-14T00:00:00+08:00', '2026-10-13T00:00:00+08:00'],
    // Received on the make-up Saturday: Oct 12–16 — vs Oct 10, 12, 13, 14, 15.
    ['2026-10-10T10:00:00+08:00', 5, '2026-10-17T00:00:00+08:00', '2026-10-16T00:00:00+08:00'],
    // Received on the make-up Sunday: Sep 21, 22, 23, 24, (25 中秋) 28 — vs Sep 20, 21, 22, 23, 24.
    ['2026-09-20T10:00:00+08:00', 5, '2026-09-29T00:00:00+08:00', '2026-09-25T00:00:00+08:00'],
    // The Friday before 春节: Feb 14 (Sat make-up), 24, 25, 26, 27 — vs Feb 13, 14, 24, 25, 26.
    ['2026-02-13T15:00:00+08:00', 5, '2026-02-28T00:00:00+08:00', '2026-02-27T00:00:00+08:00'],
    // Received during 春节: the receipt day is no working day, both count from Feb 24; 28 is a make-up Saturday.
    ['2026-02-18T09:00:00+08:00', 5, '2026-03-01T00:00:00+08:00', '2026-03-01T00:00:00+08:00'],
    // Across the new year: Jan 4 (Sun make-up), 5, 6 — vs Dec 31, Jan 4, 5.
    ['2025-12-31T17:00:00+08:00', 3, '2026-01-07T00:00:00+08:00', '2026-01-06T00:00:00+08:00'],
    // 国庆 2025: Oct 9, 10, 11 (Sat make-up), 13, 14 — vs Sep 30, Oct 9, 10, 11, 13.
    ['2025-09-30T10:00:00+08:00', 5, '2025-10-15T00:00:00+08:00', '2025-10-14T00:00:00+08:00'],
    // Local midnight is the new day already (16:00 UTC the day before).
    ['2026-09-30T00:00:00+08:00', 1, '2026-10-09T00:00:00+08:00', '2026-10-01T00:00:00+08:00'],
    ['2026-09-29T23:59:59+08:00', 1, '2026-10-01T00:00:00+08:00', '2026-09-30T00:00:00+08:00'],
  ])('%s + %i working days ends %s (receipt day counting: %s)', (received, days, next, receiptDay) => {
    expect(local(addWorkingDays(at(received), days, calendar))).toBe(next);
    expect(local(addWorkingDays(at(received), days, calendar, 'receiptDay'))).toBe(receiptDay);
    expect(local(addTimeLimit(at(received), `${days}wd`, policy, calendar))).toBe(next);
    expect(local(addTimeLimit(at(received), `${days}wd`, receiptDayPolicy, calendar))).toBe(receiptDay);
  });

  it.each([
    ['2026-09-30T16:00:00+08:00', '2026-10-13T23:59:59+08:00', 5],
    ['2026-09-30T16:00:00+08:00', '2026-10-07T20:00:00+08:00', 0],
    ['2026-02-13T09:00:00+08:00', '2026-02-24T09:00:00+08:00', 2],
    ['2026-10-10T09:00:00+08:00', '2026-10-09T09:00:00+08:00', 0],
  ])('counts the working days after %s up to %s: %i', (from, to, count) => {
    expect(workingDaysBetween(at(from), at(to), calendar)).toBe(count);
  });

  it.each([
    ['2026-09-30T16:00:00+08:00', '2026-10-08T00:00:00+08:00'],
    ['2026-10-09T23:00:00+08:00', '2026-10-10T00:00:00+08:00'],
    ['2026-02-13T08:00:00+08:00', '2026-02-14T00:00:00+08:00'],
    ['2026-02-14T08:00:00+08:00', '2026-02-24T00:00:00+08:00'],
  ])('the next working day after %s starts %s', (from, start) => {
    expect(local(nextWorkingDayStart(at(from), calendar))).toBe(start);
  });
});

describe('calendar time', () => {
  it.each([
    ['2026-09-30T16:00:00+08:00', '24h', '2026-10-01T16:00:00+08:00'],
    ['2026-09-30T23:50:00+08:00', '30m', '2026-10-01T00:20:00+08:00'],
    ['2026-02-14T20:00:00+08:00', '24h', '2026-02-15T20:00:00+08:00'],
    ['2026-10-03T23:00:00+08:00', '2h', '2026-10-04T01:00:00+08:00'],
    ['2026-09-30T16:00:00+08:00', '10m', '2026-09-30T16:10:00+08:00'],
    ['2026-09-30T16:00:00+08:00', '2d', '2026-10-02T16:00:00+08:00'],
  ])('%s + %s ignores holidays and night: %s', (from, limit, end) => {
    expect(local(addTimeLimit(at(from), limit, policy, calendar))).toBe(end);
  });
});

describe('working hours', () => {
  it.each([
    // 1.5 h on Sep 30, then 2.5 h from 08:30 on Oct 8.
    ['2026-09-30T16:00:00+08:00', '4wh', '2026-10-08T11:00:00+08:00'],
    // 0.5 h on Friday Oct 9, then 3.5 h on the make-up Saturday.
    ['2026-10-09T17:00:00+08:00', '4wh', '2026-10-10T12:00:00+08:00'],
    ['2026-09-28T07:00:00+08:00', '4wh', '2026-09-28T12:30:00+08:00'],
    // Used up exactly at closing time: the limit is 17:30, not the next morning.
    ['2026-09-28T13:30:00+08:00', '4wh', '2026-09-28T17:30:00+08:00'],
    ['2026-10-03T12:00:00+08:00', '2wh', '2026-10-08T10:30:00+08:00'],
    // 9 h on Thursday Sep 24, 中秋 Friday and the weekend skipped, 1 h on Monday.
    ['2026-09-24T08:30:00+08:00', '10wh', '2026-09-28T09:30:00+08:00'],
    ['2026-09-28T10:00:00+08:00', '1.5wh', '2026-09-28T11:30:00+08:00'],
    ['2026-02-13T17:00:00+08:00', '1wh', '2026-02-14T09:00:00+08:00'],
  ])('%s + %s ends %s', (from, limit, end) => {
    expect(local(addTimeLimit(at(from), limit, policy, calendar))).toBe(end);
  });

  it('follows configured working hours', () => {
    const nineToFive = DeadlinePolicySchema.parse({ workingHours: { start: '09:00', end: '17:00' } });
    // 1 h on Sep 30, then 3 h from 09:00 on Oct 8.
    expect(local(addTimeLimit(at('2026-09-30T16:00:00+08:00'), '4wh', nineToFive, calendar))).toBe(
      '2026-10-08T12:00:00+08:00',
    );
  });

  it('measures working time between two moments', () => {
    const hours = (from: string, to: string) =>
      workingTimeBetween(at(from), at(to), policy, calendar) / 3_600_000;
    expect(hours('2026-09-30T16:00:00+08:00', '2026-10-09T00:00:00+08:00')).toBe(10.5);
    expect(hours('2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00')).toBe(0);
    expect(hours('2026-09-28T12:00:00+08:00', '2026-09-28T13:00:00+08:00')).toBe(1);
  });
});

describe('time limit syntax', () => {
  it.each([
    ['5wd', { unit: 'workingDays', days: 5 }],
    ['4wh', { unit: 'workingHours', ms: 14_400_000 }],
    ['0.5wh', { unit: 'workingHours', ms: 1_800_000 }],
    ['30m', { unit: 'calendar', ms: 1_800_000 }],
    ['24h', { unit: 'calendar', ms: 86_400_000 }],
  ])('reads %s', (text, parsed) => {
    expect(parseTimeLimit(text)).toEqual(parsed);
  });

  it('refuses what is not a limit', () => {
    expect(() => parseTimeLimit('5 days')).toThrow(RangeError);
  });
});
