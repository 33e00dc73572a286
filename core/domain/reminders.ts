import type { ReminderKind } from '../deadline/reminder-plan.js';
import { formatDeadline } from '../text/format-time.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import { type Effect, send, toGroup } from './effects.js';
import type { Ticket, TicketEvent } from './ticket.js';
import { shownTitle } from './ticket-concealment.js';
import { reminderBasis, reminderTimer } from './ticket-timers.js';

const AWAITING_ACCEPT = ['dispatched', 'reopened'];
const IN_HAND = ['dispatched', 'reopened', 'accepted'];

function handlerOf(ticket: Ticket, ctx: DecisionContext): string[] {
  const handler =
    ticket.handler ?? ctx.directory.department(ticket.department)?.officials.find((o) => o.handler)?.id;
  return handler ? [handler] : [];
}

/** Whether a reminder planned as `expect` still applies to the ticket as it is now. */
export function reminderIsCurrent(ticket: Ticket, kind: ReminderKind, basis: number): boolean {
  const statuses = kind.startsWith('accept') ? AWAITING_ACCEPT : IN_HAND;
  return statuses.includes(ticket.status) && reminderBasis(ticket, kind) === basis;
}

/**
 * Whether this reminder already went out: a job delivered again (a worker that died after the commit
 * but before BullMQ recorded the job as done, a stalled job) must not remind a second time.
 */
export function alreadyReminded(
  events: readonly TicketEvent[],
  kind: ReminderKind,
  n: number,
  basis: number,
): boolean {
  return events.some(
    (e) => e.type === 'reminded' && e.data?.reminder === kind && e.data.n === n && e.data.basis === basis,
  );
}

/** `formatDeadline` ends in 前 (`3月17日24:00前`), so a limit reads `请于 3月17日24:00前办结`. */
function text(kind: ReminderKind, n: number, ticket: Ticket): string {
  const head = `${ticket.number} ${shownTitle(ticket)}`;
  switch (kind) {
    case 'accept-50':
      return `【签收提醒】${head}\n尚未签收，请于 ${formatDeadline(ticket.acceptBy)}签收。\n签收 ${ticket.number}`;
    case 'accept-100':
      return `【签收超时】${head}\n已超过签收时限，请立即签收或退回。\n签收 ${ticket.number}`;
    case 'due-yellow':
      return `【黄牌预警】${head}\n办结时限将至，请于 ${formatDeadline(ticket.dueAt)}办结。`;
    case 'due-red':
      return `【红牌超期】${head}\n已超过办结时限，已报督办。请尽快办结：办结 ${ticket.number} 答复内容`;
    case 'overdue':
      return `【超期提醒】${head}\n已超期 ${n} 个工作日，请尽快办结。`;
  }
}

/**
 * A reminder fell due. Red card: the supervisors are told and the order is marked 督办; each
 * overdue reminder plans the next, one working day later.
 */
export function fireReminder(
  ticket: Ticket,
  kind: ReminderKind,
  n: number,
  ctx: DecisionContext,
): TicketDecision {
  const mentions = handlerOf(ticket, ctx);
  const effects: Effect[] = [send(toGroup(ticket.department), { text: text(kind, n, ticket), mentions })];
  let after = ticket;
  const events: TicketDecision['events'][number][] = [
    {
      type: 'reminded',
      actor: 'system',
      at: ctx.now,
      note: kind === 'overdue' ? `超期${n}` : kind,
      data: { reminder: kind, n, basis: reminderBasis(ticket, kind) },
    },
  ];
  if (kind === 'due-red') {
    const department = ctx.directory.department(ticket.department)?.name ?? ticket.department;
    after = { ...ticket, supervised: true, updatedAt: ctx.now };
    events.push({ type: 'escalated', actor: 'system', at: ctx.now });
    effects.push(
      send(toGroup(ctx.directory.directory.supervisors.id), {
        text: `【超期督办】${ticket.number} ${shownTitle(ticket)}\n承办单位：${department}\n办结时限：${formatDeadline(ticket.dueAt)}（已超期）`,
      }),
    );
  }
  // The plan holds overdue #1; each later one is planned when the previous fires.
  if (kind === 'overdue') {
    const timer = reminderTimer(ticket, ctx.time.nextOverdue(ctx.now, n + 1, ticket.urgency));
    effects.push({ type: 'schedule', jobId: timer.jobId, at: timer.at, timer: timer.timer });
  }
  return { ticket: after, events, effects };
}
