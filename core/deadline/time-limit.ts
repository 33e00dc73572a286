import { parseDuration } from '../text/duration.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { clockToMs, dayFromNumber, shanghaiDayNumber, startOfDayNumber } from './shanghai-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/** The parts of the policy the time arithmetic reads. */
export type WorkingTimePolicy = Pick<DeadlinePolicy, 'countFrom' | 'workingHours'>;
export type CountFrom = DeadlinePolicy['countFrom'];

export type TimeLimit =
  | { readonly unit: 'workingDays'; readonly days: number }
  | { readonly unit: 'workingHours'; readonly ms: number }
  | { readonly unit: 'calendar'; readonly ms: number };

const HOUR_MS = 3_600_000;
/** A calendar without a single working day in ten years is broken; stop instead of looping forever. */
const MAX_IDLE_DAYS = 3_660;

/** Parses a limit already validated by `TimeLimitSchema`; throws on anything else (a programming error). */
export function parseTimeLimit(limit: string): TimeLimit {
  const wd = /^([1-9]\d*)wd$/.exec(limit);
  if (wd) return { unit: 'workingDays', days: Number(wd[1]) };
  const wh = /^(\d+(?:\.\d+)?)wh$/.exec(limit);
  if (wh) return { unit: 'workingHours', ms: Math.round(Number(wh[1]) * HOUR_MS) };
  const ms = parseDuration(limit);
  if (ms === undefined) throw new RangeError(`not a time limit: ${limit}`);
  return { unit: 'calendar', ms };
}

// Deadline loops ask about the same few hundred days over and over; a calendar never changes its
// answer for a day, so each calendar's answers are kept by day number.
const answers = new WeakMap<WorkingCalendar, Map<number, boolean>>();

function isWorkdayNumber(calendar: WorkingCalendar, dayNumber: number): boolean {
  let known = answers.get(calendar);
  if (!known) {
    known = new Map();
    answers.set(calendar, known);
  }
  let work = known.get(dayNumber);
  if (work === undefined) {
    work = calendar.isWorkday(dayFromNumber(dayNumber));
    known.set(dayNumber, work);
  }
  return work;
}

const clocks = new Map<string, number>();
const clockMs = (clock: string): number => {
  let ms = clocks.get(clock);
  if (ms === undefined) {
    ms = clockToMs(clock);
    clocks.set(clock, ms);
  }
  return ms;
};

function noWorkingDay(from: number): never {
  throw new RangeError(`no working day within ${MAX_IDLE_DAYS} days after ${dayFromNumber(from)}`);
}

/** The first working day strictly after `dayNumber`. */
export function nextWorkdayNumber(dayNumber: number, calendar: WorkingCalendar): number {
  for (let d = dayNumber + 1; d <= dayNumber + MAX_IDLE_DAYS; d++) if (isWorkdayNumber(calendar, d)) return d;
  return noWorkingDay(dayNumber);
}

/** The last working day strictly before `dayNumber`. */
export function previousWorkdayNumber(dayNumber: number, calendar: WorkingCalendar): number {
  for (let d = dayNumber - 1; d >= dayNumber - MAX_IDLE_DAYS; d--) if (isWorkdayNumber(calendar, d)) return d;
  return noWorkingDay(dayNumber - MAX_IDLE_DAYS);
}

/**
 * Day number of the Nth working day of a limit received on `receiptDay`. With `nextWorkingDay` the
 * first working day after receipt is day 1; with `receiptDay` the receipt day is day 1 when it is a
 * working day.
 */
export function nthWorkingDayNumber(
  receiptDay: number,
  n: number,
  calendar: WorkingCalendar,
  countFrom: CountFrom = 'nextWorkingDay',
): number {
  let day =
    countFrom === 'receiptDay' && isWorkdayNumber(calendar, receiptDay)
      ? receiptDay
      : nextWorkdayNumber(receiptDay, calendar);
  for (let i = 1; i < n; i++) day = nextWorkdayNumber(day, calendar);
  return day;
}

/** 24:00 (Asia/Shanghai) of the Nth working day counted from `from`. */
export function addWorkingDays(
  from: Date,
  days: number,
  calendar: WorkingCalendar,
  countFrom: CountFrom = 'nextWorkingDay',
): Date {
  return startOfDayNumber(nthWorkingDayNumber(shanghaiDayNumber(from), days, calendar, countFrom) + 1);
}

/** Working days after the local day of `from`, up to and including the local day of `to`. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let count = 0;
  const last = shanghaiDayNumber(to);
  for (let d = shanghaiDayNumber(from) + 1; d <= last; d++) if (isWorkdayNumber(calendar, d)) count++;
  return count;
}

/** 00:00 of the first working day after the local day of `at`. */
export function nextWorkingDayStart(at: Date, calendar: WorkingCalendar): Date {
  return startOfDayNumber(nextWorkdayNumber(shanghaiDayNumber(at), calendar));
}

function workingWindow(dayNumber: number, policy: WorkingTimePolicy): [number, number] {
  const midnight = startOfDayNumber(dayNumber).getTime();
  return [midnight + clockMs(policy.workingHours.start), midnight + clockMs(policy.workingHours.end)];
}

/** `at` itself when it is inside working hours of a working day, else when working hours next begin. */
export function nextWorkingMoment(at: Date, policy: WorkingTimePolicy, calendar: WorkingCalendar): Date {
  const t = at.getTime();
  const today = shanghaiDayNumber(at);
  if (isWorkdayNumber(calendar, today)) {
    const [start, end] = workingWindow(today, policy);
    if (t < start) return new Date(start);
    if (t < end) return at;
  }
  return new Date(workingWindow(nextWorkdayNumber(today, calendar), policy)[0]);
}

/** Counts only time inside working hours on working days; ends exactly when the last of it is used up. */
export function addWorkingHours(
  from: Date,
  ms: number,
  policy: WorkingTimePolicy,
  calendar: WorkingCalendar,
): Date {
  if (ms <= 0) return from;
  let remaining = ms;
  let day = shanghaiDayNumber(from);
  for (let idle = 0; idle <= MAX_IDLE_DAYS; day++) {
    if (!isWorkdayNumber(calendar, day)) {
      idle++;
      continue;
    }
    idle = 0;
    const [start, end] = workingWindow(day, policy);
    const cursor = Math.max(start, from.getTime());
    if (cursor >= end) continue;
    if (remaining <= end - cursor) return new Date(cursor + remaining);
    remaining -= end - cursor;
  }
  return noWorkingDay(day);
}

/** Milliseconds of working time (inside working hours, on working days) in `[from, to)`. */
export function workingTimeBetween(
  from: Date,
  to: Date,
  policy: WorkingTimePolicy,
  calendar: WorkingCalendar,
): number {
  let total = 0;
  const last = shanghaiDayNumber(to);
  for (let day = shanghaiDayNumber(from); day <= last; day++) {
    if (!isWorkdayNumber(calendar, day)) continue;
    const [start, end] = workingWindow(day, policy);
    const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** The moment a limit (`5wd`, `4wh`, `30m`, `24h`…) counted from `from` runs out. */
export function addTimeLimit(
  from: Date,
  limit: string,
  policy: WorkingTimePolicy,
  calendar: WorkingCalendar,
): Date {
  const parsed = parseTimeLimit(limit);
  switch (parsed.unit) {
    case 'workingDays':
      return addWorkingDays(from, parsed.days, calendar, policy.countFrom);
    case 'workingHours':
      return addWorkingHours(from, parsed.ms, policy, calendar);
    case 'calendar':
      return new Date(from.getTime() + parsed.ms);
  }
}

/** The same local time one working day earlier; 24:00 of a day stays 24:00 of the earlier one. */
export function oneWorkingDayBefore(at: Date, calendar: WorkingCalendar): Date {
  // 24:00 belongs to the day that ends, not the day that starts.
  const day = shanghaiDayNumber(new Date(at.getTime() - 1));
  const offset = at.getTime() - startOfDayNumber(day).getTime();
  return new Date(startOfDayNumber(previousWorkdayNumber(day, calendar)).getTime() + offset);
}

/** The same local time one working day later; 24:00 of a day stays 24:00 of the later one. */
export function oneWorkingDayAfter(at: Date, calendar: WorkingCalendar): Date {
  const day = shanghaiDayNumber(new Date(at.getTime() - 1));
  const offset = at.getTime() - startOfDayNumber(day).getTime();
  return new Date(startOfDayNumber(nextWorkdayNumber(day, calendar)).getTime() + offset);
}
