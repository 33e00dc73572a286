import { formatDeadline } from '../text/format-time.js';
import { type Actor, actorId, actorLabel } from './actor.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import { send, toGroup } from './effects.js';
import { fail, ok, type Result } from './errors.js';
import { STATUS_LABELS, type Ticket } from './ticket.js';
import { shownTitle } from './ticket-concealment.js';
import { mayHandle } from './ticket-permissions.js';
import { retime } from './ticket-timers.js';

const IN_HAND = ['dispatched', 'reopened', 'accepted'];

/** 延期 (official): at most one request per order, at most N working days; staff decide. */
export function requestExtension(
  ticket: Ticket,
  actor: Actor,
  days: number,
  reason: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (!mayHandle(actor, ticket)) return fail('FORBIDDEN', `工单 ${ticket.number} 不属于本单位，无法操作。`);
  if (!IN_HAND.includes(ticket.status)) {
    return fail(
      'INVALID_STATE',
      `工单 ${ticket.number} 当前状态为“${STATUS_LABELS[ticket.status]}”，不能申请延期。`,
    );
  }
  if (ticket.extension && ticket.extension.status !== 'refused') {
    return fail('LIMIT_REACHED', `工单 ${ticket.number} 已申请过延期，每件工单只能申请一次。`);
  }
  if (ctx.time.maxExtensions < 1) return fail('LIMIT_REACHED', '本县未开放延期申请。');
  const preview = ctx.time.extend(ticket.dueAt, days);
  if (!preview.ok) return preview;
  const after: Ticket = {
    ...ticket,
    extension: { days, reason, status: 'requested', requestedBy: actorId(actor) },
    updatedAt: ctx.now,
  };
  const department = ctx.directory.department(ticket.department)?.name ?? ticket.department;
  return ok({
    ticket: after,
    events: [
      {
        type: 'extension-requested',
        actor: actorId(actor),
        at: ctx.now,
        note: `${days}个工作日：${reason}`,
        data: { days },
      },
    ],
    effects: [
      send(toGroup(ctx.directory.directory.staff.id), {
        text: `【延期申请】${ticket.number} ${shownTitle(ticket)}\n申请单位：${department}（${actorLabel(actor)}）\n延期 ${days} 个工作日，理由：${reason}\n现时限 ${formatDeadline(ticket.dueAt)}，同意后为 ${formatDeadline(preview.value)}。`,
        actions: [
          { label: '同意延期', command: `同意延期 ${ticket.number}`, style: 'primary' },
          { label: '驳回延期', command: `驳回延期 ${ticket.number} 理由`, needsText: true, style: 'danger' },
        ],
      }),
    ],
    reply: `已提交 ${ticket.number} 的延期申请（${days}个工作日），等待热线办审核。`,
  });
}

/** 同意延期 / 驳回延期 (staff): approval moves the deadline and its reminders. */
export function decideExtension(
  ticket: Ticket,
  actor: Actor,
  approve: boolean,
  reason: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (actor.kind !== 'staff') return fail('FORBIDDEN', '只有热线办工作人员可以审核延期。');
  if (ticket.extension?.status !== 'requested')
    return fail('INVALID_STATE', `工单 ${ticket.number} 没有待审核的延期申请。`);
  const extension = ticket.extension;
  if (!approve) {
    const after: Ticket = { ...ticket, extension: { ...extension, status: 'refused' }, updatedAt: ctx.now };
    return ok({
      ticket: after,
      events: [{ type: 'extension-refused', actor: actorId(actor), at: ctx.now, note: reason }],
      effects: [
        send(toGroup(ticket.department), {
          text: `【延期驳回】${ticket.number}\n理由：${reason}\n请按原时限 ${formatDeadline(ticket.dueAt)} 办结。`,
        }),
      ],
      reply: `已驳回 ${ticket.number} 的延期申请。`,
    });
  }
  if (!IN_HAND.includes(ticket.status))
    return fail('INVALID_STATE', `工单 ${ticket.number} 已${STATUS_LABELS[ticket.status]}，无需延期。`);
  const moved = ctx.time.extend(ticket.dueAt, extension.days);
  if (!moved.ok) return moved;
  const after: Ticket = {
    ...ticket,
    dueAt: moved.value,
    extension: { ...extension, status: 'approved' },
    updatedAt: ctx.now,
  };
  return ok({
    ticket: after,
    events: [
      {
        type: 'extension-approved',
        actor: actorId(actor),
        at: ctx.now,
        note: `新时限 ${formatDeadline(moved.value)}`,
      },
    ],
    effects: [
      send(toGroup(ticket.department), {
        text: `【延期已批准】${ticket.number}\n新的办结时限：${formatDeadline(moved.value)}。`,
      }),
      ...retime(ticket, after, ctx),
    ],
    reply: `已同意 ${ticket.number} 延期，新时限 ${formatDeadline(moved.value)}。`,
  });
}
