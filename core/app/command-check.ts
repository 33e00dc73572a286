import type { GroupRef } from '../directory/directory-index.js';
import { parseCommand } from '../domain/commands.js';
import { STATUS_LABELS, type TicketStatus } from '../domain/ticket.js';
import { mayHandle } from '../domain/ticket-permissions.js';
import type { InboundMessage } from '../messages.js';
import type { AppDeps } from './app-deps.js';

export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Statuses in which each official action still makes sense; a button pressed later is stale. */
const ACTIONABLE: Partial<Record<string, readonly TicketStatus[]>> = {
  签收: ['dispatched', 'reopened'],
  退回: ['dispatched', 'reopened', 'accepted'],
  办结: ['dispatched', 'reopened', 'accepted'],
  延期: ['dispatched', 'reopened', 'accepted'],
};

/**
 * A quick read-only check of a group command before it is queued, for channels that must answer a
 * button press at once (a toast): is the sender a member, may they act, is the order still there?
 */
export async function checkGroupCommand(
  group: GroupRef,
  message: InboundMessage,
  deps: AppDeps,
): Promise<CheckResult> {
  const parsed = parseCommand(message.text);
  if (!parsed) return { ok: true };
  const person = deps.channels.get(message.channel)?.identify(group, message.sender);
  if (!person) return { ok: false, reason: deps.templates.notMember };
  if (!parsed.ok || !('number' in parsed.command) || !parsed.command.number) return { ok: true };
  const number = parsed.command.number;
  const ticket = await deps.store.transaction((tx) => tx.getTicket(number));
  if (!ticket) return { ok: false, reason: `没有找到工单 ${number}。` };
  const actor =
    group.kind === 'department'
      ? { kind: 'official' as const, person: person.id, name: person.name, department: group.id }
      : undefined;
  const allowed = ACTIONABLE[parsed.verb];
  if (allowed) {
    if (!actor || !mayHandle(actor, ticket))
      return { ok: false, reason: `工单 ${number} 不属于本单位，无法操作。` };
    if (!allowed.includes(ticket.status)) {
      return { ok: false, reason: `工单 ${number} 已是“${STATUS_LABELS[ticket.status]}”，此按钮已失效。` };
    }
  }
  return { ok: true };
}
