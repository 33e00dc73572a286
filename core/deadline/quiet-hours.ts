import { clockToMs, DAY_MS, msIntoShanghaiDay } from './shanghai-time.js';
import { nextWorkingMoment, type WorkingTimePolicy } from './time-limit.js';
import type { WorkingCalendar } from './working-calendar.js';

export interface QuietHours {
  readonly enabled: boolean;
  /** `HH:MM`, Asia/Shanghai. */
  readonly start: string;
  readonly end: string;
}

/**
 * Nothing reaches a resident in quiet hours: a message due then waits until they end. The window
 * may cross midnight (21:00–08:00); its start is inside it, its end is not. Equal start and end
 * means no quiet hours.
 */
export function deferOutOfQuietHours(at: Date, quiet: QuietHours): Date {
  if (!quiet.enabled) return at;
  const start = clockToMs(quiet.start);
  const end = clockToMs(quiet.end);
  if (start === end) return at;
  const t = msIntoShanghaiDay(at);
  const midnight = at.getTime() - t;
  if (start < end) return t >= start && t < end ? new Date(midnight + end) : at;
  if (t >= start) return new Date(midnight + DAY_MS + end);
  if (t < end) return new Date(midnight + end);
  return at;
}

/** Officials' routine reminders go out in working hours on working days only. */
export function deferToWorkingHours(at: Date, policy: WorkingTimePolicy, calendar: WorkingCalendar): Date {
  return nextWorkingMoment(at, policy, calendar);
}
