import type { PlannedReminder } from '../deadline/reminder-plan.js';
import type { DecisionContext } from './decision.js';
import type { Effect, TimerPayload } from './effects.js';
import type { Ticket } from './ticket.js';

export interface PlannedTimer {
  readonly jobId: string;
  readonly at: Date;
  readonly timer: TimerPayload;
}

const minuteOf = (date: Date) => Math.floor(date.getTime() / 60_000);

/** What a reminder was planned against: if the ticket's limit moved, the reminder is stale. */
export function reminderBasis(ticket: Ticket, kind: PlannedReminder['kind']): number {
  return minuteOf(kind.startsWith('accept') ? ticket.acceptBy : ticket.dueAt);
}

export function reminderTimer(ticket: Ticket, reminder: PlannedReminder): PlannedTimer {
  const basis = reminderBasis(ticket, reminder.kind);
  return {
    jobId: `rem-${ticket.number}-${reminder.kind}-${reminder.n}-${basis}`,
    at: reminder.at,
    timer: {
      kind: 'reminder',
      ticket: ticket.number,
      expect: { reminder: reminder.kind, n: reminder.n, basis },
    },
  };
}

const AWAITING_ACCEPT = new Set(['dispatched', 'reopened']);
const IN_HAND = new Set(['dispatched', 'reopened', 'accepted']);

/**
 * The timers a ticket in its current state should have. Job ids are deterministic and encode what
 * the timer was planned for, so a state change yields a different id set: cancel what left the plan.
 */
export function planTimers(ticket: Ticket, ctx: DecisionContext): PlannedTimer[] {
  const timers: PlannedTimer[] = [];
  if (IN_HAND.has(ticket.status)) {
    const reminders = ctx.time.reminders({
      receivedAt: ticket.dispatchedAt ?? ticket.createdAt,
      acceptBy: ticket.acceptBy,
      dueAt: ticket.dueAt,
      acceptedAt: AWAITING_ACCEPT.has(ticket.status) ? undefined : (ticket.acceptedAt ?? ticket.updatedAt),
      urgency: ticket.urgency,
    });
    for (const reminder of reminders) timers.push(reminderTimer(ticket, reminder));
  }
  if (ticket.status === 'replied' && ticket.repliedAt) {
    const round = ticket.reopenCount + 1;
    const survey = ctx.directory.directory.survey;
    const sendAt = ticket.repliedAt.getTime() + survey.delay;
    const expect = { status: 'replied', round };
    timers.push(
      {
        jobId: `survey-${ticket.number}-r${round}`,
        at: new Date(sendAt),
        timer: { kind: 'survey', ticket: ticket.number, expect },
      },
      {
        jobId: `survey-remind-${ticket.number}-r${round}`,
        at: new Date(sendAt + survey.reminderAfter),
        timer: { kind: 'survey-reminder', ticket: ticket.number, expect },
      },
      {
        jobId: `survey-close-${ticket.number}-r${round}`,
        at: new Date(sendAt + survey.closeAfter),
        timer: { kind: 'survey-close', ticket: ticket.number, expect },
      },
    );
  }
  return timers;
}

const toSchedule = (t: PlannedTimer): Effect => ({
  type: 'schedule',
  jobId: t.jobId,
  at: t.at,
  timer: t.timer,
});

/** Schedules a new ticket's timers. */
export function ticketTimers(ticket: Ticket, ctx: DecisionContext): Effect[] {
  return planTimers(ticket, ctx).map(toSchedule);
}

/** Cancels timers the change made moot and schedules the new state's timers. */
export function retime(before: Ticket, after: Ticket, ctx: DecisionContext): Effect[] {
  const previous = planTimers(before, ctx);
  const next = planTimers(after, ctx);
  const keep = new Set(next.map((t) => t.jobId));
  const had = new Set(previous.map((t) => t.jobId));
  return [
    ...previous.filter((t) => !keep.has(t.jobId)).map((t): Effect => ({ type: 'cancel', jobId: t.jobId })),
    ...next.filter((t) => !had.has(t.jobId)).map(toSchedule),
  ];
}
