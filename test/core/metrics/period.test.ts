import { describe, expect, it } from 'vitest';
import { formatDayRange, parseDay, periodDays, rangeInstants } from '../../../core/metrics/period.js';

const local = (iso: string) => new Date(`${iso}+08:00`);

describe('periods in Asia/Shanghai', () => {
  it.each([
    // Thursday 2026-11-26; the week starts Monday 11-23.
    ['today', '2026-11-26T09:00:00', '2026-11-26', '2026-11-26'],
    ['week', '2026-11-26T09:00:00', '2026-11-23', '2026-11-29'],
    ['month', '2026-11-26T09:00:00', '2026-11-01', '2026-11-30'],
    // Sunday still belongs to the week that began on Monday.
    ['week', '2026-11-29T23:59:00', '2026-11-23', '2026-11-29'],
    // Monday 00:30 local is Sunday in UTC: the local day decides.
    ['week', '2026-11-30T00:30:00', '2026-11-30', '2026-12-06'],
    ['today', '2026-12-01T00:10:00', '2026-12-01', '2026-12-01'],
    ['month', '2028-02-15T12:00:00', '2028-02-01', '2028-02-29'],
    // A week across the new year.
    ['week', '2027-01-01T12:00:00', '2026-12-28', '2027-01-03'],
  ] as const)('%s at %s is %s … %s', (period, now, from, to) => {
    expect(periodDays(period, local(now))).toEqual({ from, to });
  });

  it('a day range covers 00:00 of the first day to 24:00 of the last', () => {
    const { start, end } = rangeInstants({ from: '2026-11-01', to: '2026-11-30' });
    expect(start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it.each([
    ['2026-11-01', '2026-11-01'],
    ['2026-02-29', undefined],
    ['2028-02-29', '2028-02-29'],
    ['2026-13-01', undefined],
    ['2026-1-1', undefined],
    ['20261101', undefined],
  ])('parseDay(%s) → %s', (text, day) => {
    expect(parseDay(text)).toBe(day);
  });

  it('formats a range for people', () => {
    expect(formatDayRange({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026-11-01 至 2026-11-30');
    expect(formatDayRange({ from: '2026-11-26', to: '2026-11-26' })).toBe('2026-11-26');
  });
});
