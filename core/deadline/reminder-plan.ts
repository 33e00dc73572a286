import type { Urgency } from '../domain/vocabulary.js';
import { deferToWorkingHours } from './quiet-hours.js';
import {
  addWorkingHours,
  oneWorkingDayAfter,
  oneWorkingDayBefore,
  type WorkingTimePolicy,
  workingTimeBetween,
} from './time-limit.js';
import type { WorkingCalendar } from './working-calendar.js';

export const REMINDER_KINDS = ['accept-50', 'accept-100', 'due-yellow', 'due-red', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface PlannedReminder {
  readonly kind: ReminderKind;
  /** 1 for every kind but `overdue`, which counts the working days the order has been late. */
  readonly n: number;
  readonly at: Date;
}

export interface ReminderTicket {
  /** When the limits started counting (the moment `acceptBy` and `dueAt` were computed from). */
  readonly receivedAt: Date;
  readonly acceptBy: Date;
  readonly dueAt: Date;
  readonly acceptedAt?: Date | undefined;
  readonly urgency: Urgency;
}

/** Urgent orders are chased around the clock; the others only in working hours. */
export const isAroundTheClock = (urgency: Urgency): boolean => urgency === '紧急' || urgency === '特急';

/**
 * The moment `fraction` of the time between `from` and `to` has passed. For routine orders only
 * working time counts, so "half of 签收 time" lands inside the day the official actually has; when
 * the span holds no working time at all (or for urgent orders) it is plain calendar time.
 */
function pointOfSpan(
  from: Date,
  to: Date,
  fraction: number,
  urgent: boolean,
  policy: WorkingTimePolicy,
  calendar: WorkingCalendar,
): Date {
  if (!urgent) {
    const work = workingTimeBetween(from, to, policy, calendar);
    if (work > 0) return addWorkingHours(from, Math.round(work * fraction), policy, calendar);
  }
  return new Date(from.getTime() + Math.round((to.getTime() - from.getTime()) * fraction));
}

/**
 * Reminders to the department for one order, in time order: 签收 still missing at 50 % and 100 % of
 * its limit (none once accepted); yellow card one working day before due — or, when the finish limit
 * is shorter than that (one working day before due is not after receipt), at 50 % of it; red card at
 * due; then the first overdue reminder. Each overdue reminder plans the next with
 * `nextOverdueReminder`, so an order late for weeks never holds more than one pending timer.
 */
export function planReminders(
  ticket: ReminderTicket,
  policy: WorkingTimePolicy,
  calendar: WorkingCalendar,
): PlannedReminder[] {
  const urgent = isAroundTheClock(ticket.urgency);
  const place = (at: Date) => (urgent ? at : deferToWorkingHours(at, policy, calendar));
  const span = (to: Date, fraction: number) =>
    place(pointOfSpan(ticket.receivedAt, to, fraction, urgent, policy, calendar));
  const plan: PlannedReminder[] = [];

  if (!ticket.acceptedAt) {
    const full = place(ticket.acceptBy);
    const half = span(ticket.acceptBy, 0.5);
    if (half < full) plan.push({ kind: 'accept-50', n: 1, at: half });
    plan.push({ kind: 'accept-100', n: 1, at: full });
  }

  const red = place(ticket.dueAt);
  const dayBefore = oneWorkingDayBefore(ticket.dueAt, calendar);
  const yellow = dayBefore > ticket.receivedAt ? place(dayBefore) : span(ticket.dueAt, 0.5);
  if (yellow < red) plan.push({ kind: 'due-yellow', n: 1, at: yellow });
  plan.push({ kind: 'due-red', n: 1, at: red });
  plan.push(nextOverdueReminder(red, 1, ticket.urgency, policy, calendar));

  const order = (k: ReminderKind) => REMINDER_KINDS.indexOf(k);
  return plan.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a.kind) - order(b.kind));
}

/** Overdue reminder number `n`: one working day after the previous reminder (`after`), same time of day. */
export function nextOverdueReminder(
  after: Date,
  n: number,
  urgency: Urgency,
  policy: WorkingTimePolicy,
  calendar: WorkingCalendar,
): PlannedReminder {
  const at = oneWorkingDayAfter(after, calendar);
  return {
    kind: 'overdue',
    n,
    at: isAroundTheClock(urgency) ? at : deferToWorkingHours(at, policy, calendar),
  };
}
