import { formatDeadline } from '../text/format-time.js';
import { type Actor, actorId, actorLabel } from './actor.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import { send, toGroup } from './effects.js';
import { fail, ok, type Result } from './errors.js';
import { isOpen, type Ticket } from './ticket.js';
import { concealResident, shownTitle } from './ticket-concealment.js';

/** 督办 (staff or supervisors): the order is marked and pushed to the department and the supervisors. */
export function superviseTicket(
  ticket: Ticket,
  actor: Actor,
  note: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (actor.kind !== 'staff' && actor.kind !== 'supervisor')
    return fail('FORBIDDEN', '只有热线办或督办领导可以督办。');
  if (!isOpen(ticket.status)) return fail('INVALID_STATE', `工单 ${ticket.number} 已结束，无需督办。`);
  const after: Ticket = { ...ticket, supervised: true, updatedAt: ctx.now };
  const department = ctx.directory.department(ticket.department)?.name ?? ticket.department;
  const handler =
    ticket.handler ?? ctx.directory.department(ticket.department)?.officials.find((o) => o.handler)?.id;
  const text = `【督办】${ticket.number} ${shownTitle(ticket)}\n承办单位：${department}\n办结时限：${formatDeadline(ticket.dueAt)}\n督办人：${actorLabel(actor)}${note ? `\n督办意见：${concealResident(ticket, note)}` : ''}`;
  return ok({
    ticket: after,
    events: [{ type: 'supervised', actor: actorId(actor), at: ctx.now, ...(note ? { note } : {}) }],
    effects: [
      send(toGroup(ticket.department), { text, ...(handler ? { mentions: [handler] } : {}) }),
      send(toGroup(ctx.directory.directory.supervisors.id), { text }),
    ],
    reply: `已督办 ${ticket.number}。`,
  });
}
