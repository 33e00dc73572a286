import type { Actor } from '../domain/actor.js';
import type { Command } from '../domain/commands.js';
import type { TicketDecision } from '../domain/decision.js';
import { type Effect, send, type Target } from '../domain/effects.js';
import type { Result } from '../domain/errors.js';
import { resendSurvey } from '../domain/survey.js';
import { STATUS_LABELS, type Ticket } from '../domain/ticket.js';
import {
  acceptTicket,
  redispatchTicket,
  replyTicket,
  returnTicket,
  withdrawTicket,
} from '../domain/ticket-actions.js';
import { decideExtension, requestExtension } from '../domain/ticket-extension.js';
import { maySee } from '../domain/ticket-permissions.js';
import { statusText } from '../domain/ticket-render.js';
import { superviseTicket } from '../domain/ticket-supervise.js';
import { supplementTicket } from '../domain/ticket-supplement.js';
import type { StoreTx } from '../ports/store-port.js';
import { formatDeadline } from '../text/format-time.js';
import { type AppDeps, applyDecision, decisionContext } from './app-deps.js';

type Decide = (ticket: Ticket) => Result<TicketDecision>;

/** Which decision a command makes, for this actor; undefined for commands that only read. */
function decider(command: Command, actor: Actor, deps: AppDeps, now: Date): Decide | undefined {
  const ctx = decisionContext(deps, now);
  switch (command.verb) {
    case '签收':
      return (t) => acceptTicket(t, actor, ctx);
    case '退回':
      return (t) => returnTicket(t, actor, command.text, ctx);
    case '办结':
      return (t) => replyTicket(t, actor, command.text, ctx);
    case '改派':
      return (t) => redispatchTicket(t, actor, command.text, ctx);
    case '撤销':
      return (t) => withdrawTicket(t, actor, ctx);
    case '补充':
      return (t) => supplementTicket(t, actor, command.text, ctx);
    case '延期':
      return (t) => requestExtension(t, actor, command.days, command.text, ctx);
    case '同意延期':
      return (t) => decideExtension(t, actor, true, '', ctx);
    case '驳回延期':
      return (t) => decideExtension(t, actor, false, command.text, ctx);
    case '回访':
      return (t) => resendSurvey(t, actor.kind, ctx);
    case '督办':
      return (t) => superviseTicket(t, actor, command.text, ctx);
    default:
      return undefined;
  }
}

const notFound = (number: string) => `没有找到工单 ${number}，请核对工单号。`;

/** Runs a command about one ticket; returns the effects (including the answer to `replyTo`). */
export async function runTicketCommand(
  tx: StoreTx,
  command: Command & { number: string },
  actor: Actor,
  replyTo: Target,
  deps: AppDeps,
  now: Date,
): Promise<Effect[]> {
  const answer = (text: string) => [send(replyTo, { text })];
  const ticket = await tx.getTicket(command.number, true);
  // A resident must not learn whether someone else's order exists.
  if (!ticket || !maySee(actor, ticket)) {
    return answer(
      actor.kind === 'resident'
        ? notFound(command.number)
        : ticket
          ? refusal(command.number)
          : notFound(command.number),
    );
  }
  if (command.verb === '查询') {
    return answer(statusText(ticket, await tx.listEvents(ticket.number), deps.directory, actor.kind));
  }
  const decide = decider(command, actor, deps, now);
  if (!decide) return answer(`“${command.verb}”暂不支持。`);
  const result = decide(ticket);
  if (!result.ok) {
    deps.logger.info(
      { ticket: ticket.number, verb: command.verb, code: result.error.code },
      'command refused',
    );
    return answer(result.error.message);
  }
  await applyDecision(tx, result.value, false, now, deps);
  return result.value.reply ? answer(result.value.reply) : [];
}

const refusal = (number: string) => `工单 ${number} 不属于本单位，无法查看或操作。`;

/** 查询 without a number: the resident's own orders, or a group's open orders. */
export function listTickets(tickets: readonly Ticket[], empty: string): string {
  if (!tickets.length) return empty;
  return tickets
    .slice(0, 10)
    .map((t) => `${t.number} ${STATUS_LABELS[t.status]} ${t.title}（时限 ${formatDeadline(t.dueAt)}）`)
    .join('\n');
}
