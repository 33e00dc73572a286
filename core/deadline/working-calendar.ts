import type { CalendarOverride } from './deadline-policy.js';
import { dayNumberOf, type LocalDay, weekdayOfDayNumber } from './shanghai-time.js';

/**
 * Which days are working days (official holidays and make-up working days included). The answer for
 * a day must never change during the calendar's life: the deadline arithmetic remembers it.
 */
export interface WorkingCalendar {
  isWorkday(day: LocalDay): boolean;
  /**
   * Whether the official arrangement of that year is known. When it is not, days fall back to
   * Monday–Friday and staff should be warned: deadlines may land on a holiday.
   */
  hasDataFor(year: number): boolean;
}

export function isWeekday(day: LocalDay): boolean {
  const weekday = weekdayOfDayNumber(dayNumberOf(day));
  return weekday >= 1 && weekday <= 5;
}

/** Monday to Friday, no holidays: the fallback for years without data, and a plain calendar for tests. */
export function createWeekdayCalendar(): WorkingCalendar {
  return { isWorkday: isWeekday, hasDataFor: () => false };
}

/**
 * The county's own corrections win over the base calendar (a local holiday, a late State Council
 * notice). They do not change `hasDataFor`: a few entered days do not make a year's data complete.
 */
export function withCalendarOverrides(
  base: WorkingCalendar,
  overrides: readonly CalendarOverride[],
): WorkingCalendar {
  if (overrides.length === 0) return base;
  const table = new Map(overrides.map((o) => [o.date, o.workday]));
  return {
    isWorkday: (day) => table.get(day) ?? base.isWorkday(day),
    hasDataFor: (year) => base.hasDataFor(year),
  };
}

/** The years in `[from, to]` (inclusive) whose arrangement is unknown; used for start-up warnings. */
export function yearsWithoutData(calendar: WorkingCalendar, from: number, to: number): number[] {
  const missing: number[] = [];
  for (let year = from; year <= to; year++) if (!calendar.hasDataFor(year)) missing.push(year);
  return missing;
}
