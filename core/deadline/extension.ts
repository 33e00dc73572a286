import { fail, ok, type Result } from '../domain/errors.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { shanghaiDayNumber, startOfDayNumber } from './shanghai-time.js';
import { nthWorkingDayNumber } from './time-limit.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * An approved extension of N working days: the new due time is 24:00 of the Nth working day after
 * the current due date. A due time of 24:00 belongs to the day it ends, so `12月3日24:00` extended by
 * one working day becomes 24:00 of the working day after 12月3日. The number of extensions already
 * granted (`extension.maxCount`) is the ticket's business, not this function's.
 */
export function extendDeadline(
  dueAt: Date,
  days: number,
  policy: Pick<DeadlinePolicy, 'extension'>,
  calendar: WorkingCalendar,
): Result<Date> {
  const max = policy.extension.maxWorkingDays;
  if (!Number.isInteger(days) || days < 1) return fail('INVALID_ARGUMENT', '延期天数应为正整数（工作日）。');
  if (days > max) return fail('LIMIT_REACHED', `延期最多${max}个工作日。`);
  const dueDay = shanghaiDayNumber(new Date(dueAt.getTime() - 1));
  return ok(startOfDayNumber(nthWorkingDayNumber(dueDay, days, calendar, 'nextWorkingDay') + 1));
}
