import type { DeadlinePolicy } from './deadline-policy.js';
import { addTimeLimit } from './time-limit.js';
import type { WorkingCalendar } from './working-calendar.js';

type ReturnPolicy = Pick<DeadlinePolicy, 'returnWithin' | 'countFrom' | 'workingHours'>;

/** Until when a department may 退回 an order by itself (`returnWithin`, default 2 working days). */
export function returnDeadline(dispatchedAt: Date, policy: ReturnPolicy, calendar: WorkingCalendar): Date {
  return addTimeLimit(dispatchedAt, policy.returnWithin, policy, calendar);
}

/** After the window a return needs staff; the limit itself (24:00) is already too late. */
export function canReturn(
  dispatchedAt: Date,
  now: Date,
  policy: ReturnPolicy,
  calendar: WorkingCalendar,
): boolean {
  return now.getTime() < returnDeadline(dispatchedAt, policy, calendar).getTime();
}
