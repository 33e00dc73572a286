import { describe, expect, it } from 'vitest';
import {
  createWeekdayCalendar,
  withCalendarOverrides,
  yearsWithoutData,
} from '../../../core/deadline/working-calendar.js';

describe('working calendar basics', () => {
  const weekdays = createWeekdayCalendar();

  it.each([
    ['2027-01-01', true], // a Friday; without data the fallback cannot know it is 元旦
    ['2027-01-02', false],
    ['2027-01-03', false],
    ['2027-01-04', true],
  ])('Monday–Friday fallback: %s working = %s', (day, work) => {
    expect(weekdays.isWorkday(day)).toBe(work);
  });

  it('lets overrides win in both directions without claiming the year is known', () => {
    const calendar = withCalendarOverrides(weekdays, [
      { date: '2027-01-01', workday: false, note: '元旦' },
      { date: '2027-01-02', workday: true },
    ]);
    expect(calendar.isWorkday('2027-01-01')).toBe(false);
    expect(calendar.isWorkday('2027-01-02')).toBe(true);
    expect(calendar.isWorkday('2027-01-04')).toBe(true);
    expect(calendar.hasDataFor(2027)).toBe(false);
  });

  it('lists the years without data', () => {
    const calendar = { isWorkday: () => true, hasDataFor: (year: number) => year <= 2026 };
    expect(yearsWithoutData(calendar, 2025, 2028)).toEqual([2027, 2028]);
  });
});
