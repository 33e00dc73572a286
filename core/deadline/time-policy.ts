import type { Result } from '../domain/errors.js';
import type { AppealType, Urgency } from '../domain/vocabulary.js';
import { type ComputedDeadlines, computeDeadlines } from './compute-deadlines.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { extendDeadline } from './extension.js';
import { nextOverdueReminder, type PlannedReminder, planReminders } from './reminder-plan.js';
import { canReturn } from './return-window.js';
import type { WorkingCalendar } from './working-calendar.js';

/** The county's time rules bound to its calendar: what decisions need to know about time. */
export interface TimePolicy {
  deadlines(input: { receivedAt: Date; urgency: Urgency; appealType: AppealType }): ComputedDeadlines;
  /** Reminders for an order whose limits started at `receivedAt` (its latest dispatch). */
  reminders(order: {
    receivedAt: Date;
    acceptBy: Date;
    dueAt: Date;
    acceptedAt?: Date | undefined;
    urgency: Urgency;
  }): PlannedReminder[];
  nextOverdue(after: Date, n: number, urgency: Urgency): PlannedReminder;
  canReturn(dispatchedAt: Date, now: Date): boolean;
  extend(dueAt: Date, days: number): Result<Date>;
  readonly maxExtensions: number;
  readonly calendar: WorkingCalendar;
}

export function createTimePolicy(policy: DeadlinePolicy, calendar: WorkingCalendar): TimePolicy {
  return {
    deadlines: (input) => computeDeadlines(input, policy, calendar),
    reminders: (order) => planReminders(order, policy, calendar),
    nextOverdue: (after, n, urgency) => nextOverdueReminder(after, n, urgency, policy, calendar),
    canReturn: (dispatchedAt, now) => canReturn(dispatchedAt, now, policy, calendar),
    extend: (dueAt, days) => extendDeadline(dueAt, days, policy, calendar),
    maxExtensions: policy.extension.maxCount,
    calendar,
  };
}
