import { redactSensitive } from '../understanding/rules/redact.js';
import type { Actor } from './actor.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import { send, toGroup } from './effects.js';
import { fail, ok, type Result } from './errors.js';
import { isOpen, type Ticket } from './ticket.js';
import { concealResident, shownTitle } from './ticket-concealment.js';

/** 补充 (resident): more information, added to the timeline and forwarded to the department. */
export function supplementTicket(
  ticket: Ticket,
  actor: Actor,
  text: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (actor.kind !== 'resident') return fail('FORBIDDEN', '只有反映人可以补充工单内容。');
  if (!isOpen(ticket.status)) return fail('INVALID_STATE', `工单 ${ticket.number} 已结束，无法补充。`);
  const after: Ticket = {
    ...ticket,
    description: `${ticket.description}\n【补充】${text}`,
    updatedAt: ctx.now,
  };
  return ok({
    ticket: after,
    events: [{ type: 'supplemented', actor: 'resident', at: ctx.now, note: text }],
    effects: [
      send(toGroup(ticket.department), {
        text: `【群众补充】${ticket.number} ${shownTitle(ticket)}\n${concealResident(ticket, redactSensitive(text)).slice(0, 500)}`,
      }),
    ],
    reply: `已将补充内容转给承办单位（工单 ${ticket.number}）。`,
  });
}
