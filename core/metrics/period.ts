import {
  DAY_MS,
  dayFromNumber,
  dayNumberOf,
  endOfShanghaiDay,
  type LocalDay,
  shanghaiDayNumber,
  shanghaiParts,
  startOfShanghaiDay,
  weekdayOfDayNumber,
} from '../deadline/shanghai-time.js';

/** Named reporting periods, in Asia/Shanghai; a week starts on Monday. */
export const PERIOD_NAMES = ['today', 'week', 'month'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

/** Local days, both inclusive. */
export interface DayRange {
  readonly from: LocalDay;
  readonly to: LocalDay;
}

/** The whole day, week (Monday–Sunday) or calendar month that `now` falls in. */
export function periodDays(period: PeriodName, now: Date): DayRange {
  const today = shanghaiDayNumber(now);
  switch (period) {
    case 'today':
      return { from: dayFromNumber(today), to: dayFromNumber(today) };
    case 'week': {
      const monday = today - ((weekdayOfDayNumber(today) + 6) % 7);
      return { from: dayFromNumber(monday), to: dayFromNumber(monday + 6) };
    }
    case 'month': {
      const { year, month } = shanghaiParts(now);
      const first = Date.UTC(year, month - 1, 1) / DAY_MS;
      const last = Date.UTC(year, month, 0) / DAY_MS;
      return { from: dayFromNumber(first), to: dayFromNumber(last) };
    }
  }
}

/** `YYYY-MM-DD` of a real calendar day, else undefined (2026-02-30 is not one). */
export function parseDay(text: string): LocalDay | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  return dayFromNumber(dayNumberOf(text)) === text ? text : undefined;
}

/** The instants of a day range: `start` inclusive (00:00 of `from`), `end` exclusive (24:00 of `to`). */
export function rangeInstants(range: DayRange): { readonly start: Date; readonly end: Date } {
  return { start: startOfShanghaiDay(range.from), end: endOfShanghaiDay(range.to) };
}

/** `2026-11-01 至 2026-11-30`, or the single day. */
export function formatDayRange(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from} 至 ${range.to}`;
}
