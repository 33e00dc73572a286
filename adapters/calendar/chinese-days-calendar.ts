import { createRequire } from 'node:module';
import { z } from 'zod';
import type { CalendarOverride } from '../../core/deadline/deadline-policy.js';
import {
  isWeekday,
  type WorkingCalendar,
  withCalendarOverrides,
} from '../../core/deadline/working-calendar.js';

/**
 * The package's published data (documented in its README): official holidays and 调休 make-up
 * working days keyed by `YYYY-MM-DD`. Its lookup functions are not used: the bundle builds these
 * tables at load time by parsing dates as UTC and formatting them in the process's local time, so
 * west of Greenwich every entry lands one day early. The JSON was built once and is the same
 * everywhere.
 */
const ChineseDaysDataSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

export type ChineseDaysData = z.infer<typeof ChineseDaysDataSchema>;

let shipped: ChineseDaysData | undefined;

export function loadChineseDaysData(): ChineseDaysData {
  shipped ??= ChineseDaysDataSchema.parse(
    createRequire(import.meta.url)('chinese-days/dist/chinese-days.json'),
  );
  return shipped;
}

/**
 * The official calendar (holidays and make-up working days) from `chinese-days`, with the county's
 * overrides on top. A year the package has no arrangement for falls back to Monday–Friday and
 * reports `hasDataFor(year) === false`, so the app can warn staff.
 */
export function createChineseDaysCalendar(
  overrides: readonly CalendarOverride[] = [],
  data: ChineseDaysData = loadChineseDaysData(),
): WorkingCalendar {
  // Every year with an arrangement has official holidays (元旦 at least).
  const years = new Set(Object.keys(data.holidays).map((day) => Number(day.slice(0, 4))));
  const holidays = new Set(Object.keys(data.holidays));
  const workdays = new Set(Object.keys(data.workdays));
  const official: WorkingCalendar = {
    // The same rule as the package's own `isWorkday`: a make-up day works, a holiday rests, else Mon–Fri.
    isWorkday: (day) => workdays.has(day) || (!holidays.has(day) && isWeekday(day)),
    hasDataFor: (year) => years.has(year),
  };
  return withCalendarOverrides(official, overrides);
}
