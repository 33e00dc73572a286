/** Calendar arithmetic in Asia/Shanghai (UTC+8 all year, no daylight saving). */

const OFFSET_MS = 8 * 3_600_000;

export interface LocalDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

export function localDate(instant: Date): LocalDate & { readonly weekday: number } {
  const local = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    // 1 = Monday … 7 = Sunday, as Chinese weeks count.
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
  };
}

/** The instant of a local wall-clock time; day and month may overflow (day 0 = last day of the month before). */
export function atLocal(date: LocalDate, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, hour, minute) - OFFSET_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return localDate(atLocal({ ...date, day: date.day + days }));
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const first = localDate(atLocal({ year: date.year, month: date.month + months, day: 1 }));
  const lastDay = localDate(atLocal({ year: first.year, month: first.month + 1, day: 0 })).day;
  return { ...first, day: Math.min(date.day, lastDay) };
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const back = localDate(atLocal({ year, month, day }));
  return back.year === year && back.month === month && back.day === day;
}
