import { formatDateTime, formatDeadline } from '../text/format-time.js';
import { fill } from '../text/templates.js';
import { type Actor, actorId, actorLabel } from './actor.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import { type Effect, send, type Target, toGroup } from './effects.js';
import { fail, ok, type Result } from './errors.js';
import { STATUS_LABELS, type Ticket, type TicketEvent, type TicketStatus } from './ticket.js';
import { shownTitle } from './ticket-concealment.js';
import { mayHandle } from './ticket-permissions.js';
import { cardUpdate, dispatchMessage } from './ticket-render.js';
import { retime } from './ticket-timers.js';

export const residentTarget = (ticket: Ticket): Target => ({
  kind: 'conversation',
  channel: ticket.channel,
  conversation: ticket.conversation,
});

function departmentName(ctx: DecisionContext, id: string): string {
  return ctx.directory.department(id)?.name ?? id;
}

function requireStatus(ticket: Ticket, allowed: readonly TicketStatus[]): Result<Ticket> {
  if (allowed.includes(ticket.status)) return ok(ticket);
  return fail(
    'INVALID_STATE',
    `工单 ${ticket.number} 当前状态为“${STATUS_LABELS[ticket.status]}”，不能执行此操作。`,
  );
}

function requireHandler(actor: Actor, ticket: Ticket): Result<Ticket> {
  if (mayHandle(actor, ticket)) return ok(ticket);
  return fail('FORBIDDEN', `工单 ${ticket.number} 不属于本单位，无法操作。`);
}

function decide(
  before: Ticket,
  after: Ticket,
  ctx: DecisionContext,
  event: TicketEvent,
  effects: Effect[],
  reply?: string,
): Result<TicketDecision> {
  const who =
    ctx.directory.person(event.actor)?.person.name ?? (event.actor === 'resident' ? '群众' : '系统');
  const update = send(
    toGroup(before.department),
    cardUpdate(after, ctx.directory, `${STATUS_LABELS[after.status]}：${who} ${formatDateTime(ctx.now)}`),
  );
  return ok({
    ticket: after,
    events: [event],
    effects: [...effects, update, ...retime(before, after, ctx)],
    ...(reply ? { reply } : {}),
  });
}

/** 签收: the department takes the order on. */
export function acceptTicket(ticket: Ticket, actor: Actor, ctx: DecisionContext): Result<TicketDecision> {
  const check = requireHandler(actor, ticket);
  if (!check.ok) return check;
  const state = requireStatus(ticket, ['dispatched', 'reopened']);
  if (!state.ok) return state;
  const after: Ticket = { ...ticket, status: 'accepted', acceptedAt: ctx.now, updatedAt: ctx.now };
  const department = departmentName(ctx, ticket.department);
  return decide(
    ticket,
    after,
    ctx,
    { type: 'accepted', actor: actorId(actor), at: ctx.now },
    [
      send(
        residentTarget(ticket),
        { text: fill(ctx.templates.accepted, { number: ticket.number, department }) },
        true,
      ),
    ],
    `已签收 ${ticket.number}（${actorLabel(actor)}），请在 ${formatDeadline(ticket.dueAt)} 办结。`,
  );
}

/** 退回: the department says the order is not theirs; the staff group re-dispatches it. */
export function returnTicket(
  ticket: Ticket,
  actor: Actor,
  reason: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  const check = requireHandler(actor, ticket);
  if (!check.ok) return check;
  const state = requireStatus(ticket, ['dispatched', 'reopened', 'accepted']);
  if (!state.ok) return state;
  if (!ctx.time.canReturn(ticket.dispatchedAt ?? ticket.createdAt, ctx.now)) {
    return fail(
      'TOO_LATE',
      `工单 ${ticket.number} 已超过退回时限（派单后2个工作日），如确需退回请联系热线办。`,
    );
  }
  const after: Ticket = {
    ...ticket,
    status: 'received',
    returnCount: ticket.returnCount + 1,
    updatedAt: ctx.now,
  };
  const department = departmentName(ctx, ticket.department);
  const staffGroup = ctx.directory.directory.staff.id;
  return decide(
    ticket,
    after,
    ctx,
    { type: 'returned', actor: actorId(actor), at: ctx.now, note: reason },
    [
      send(toGroup(staffGroup), {
        text: `【退回待改派】${ticket.number} ${shownTitle(ticket)}\n退回单位：${department}（${actorLabel(actor)}）\n理由：${reason}\n请改派：改派 ${ticket.number} 单位名称`,
        actions: [{ label: '改派', command: `改派 ${ticket.number} 单位名称`, needsText: true }],
      }),
    ],
    `已退回 ${ticket.number}，热线办将重新派单。`,
  );
}

/** 办结: the department answers; the resident gets the reply and, later, the survey. */
export function replyTicket(
  ticket: Ticket,
  actor: Actor,
  reply: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  const check = requireHandler(actor, ticket);
  if (!check.ok) return check;
  const state = requireStatus(ticket, ['dispatched', 'reopened', 'accepted']);
  if (!state.ok) return state;
  const after: Ticket = {
    ...ticket,
    status: 'replied',
    reply,
    repliedAt: ctx.now,
    ...(ticket.acceptedAt ? {} : { acceptedAt: ctx.now }),
    updatedAt: ctx.now,
  };
  const department = departmentName(ctx, ticket.department);
  return decide(
    ticket,
    after,
    ctx,
    { type: 'replied', actor: actorId(actor), at: ctx.now, note: reply },
    [
      send(
        residentTarget(ticket),
        { text: fill(ctx.templates.replied, { number: ticket.number, department, reply }) },
        true,
      ),
    ],
    `已办结 ${ticket.number}，答复已转告群众，稍后将进行回访。`,
  );
}

/** 改派 (staff): the order goes to another department. */
export function redispatchTicket(
  ticket: Ticket,
  actor: Actor,
  departmentText: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (actor.kind !== 'staff') return fail('FORBIDDEN', '只有热线办工作人员可以改派工单。');
  const state = requireStatus(ticket, ['received', 'dispatched', 'accepted', 'reopened']);
  if (!state.ok) return state;
  const target = ctx.directory.findDepartment(departmentText);
  if (!target) {
    const names = ctx.directory.directory.departments.map((d) => d.name).join('、');
    return fail('INVALID_ARGUMENT', `没有找到单位“${departmentText}”。可选：${names}`);
  }
  const { acceptBy } = ctx.time.deadlines({
    receivedAt: ctx.now,
    urgency: ticket.urgency,
    appealType: ticket.appealType,
  });
  const after: Ticket = {
    ...ticket,
    department: target.id,
    status: 'dispatched',
    dispatchedAt: ctx.now,
    acceptBy,
    updatedAt: ctx.now,
  };
  return decide(
    ticket,
    after,
    ctx,
    {
      type: 'redispatched',
      actor: actorId(actor),
      at: ctx.now,
      data: { from: ticket.department, to: target.id },
    },
    [send(toGroup(target.id), dispatchMessage(after, ctx.directory, '改派工单'))],
    `已将 ${ticket.number} 改派至${target.name}。`,
  );
}

/** 撤销 (resident): before the order is answered. */
export function withdrawTicket(ticket: Ticket, actor: Actor, ctx: DecisionContext): Result<TicketDecision> {
  if (actor.kind !== 'resident') return fail('FORBIDDEN', '只有反映人可以撤销工单。');
  const state = requireStatus(ticket, ['received', 'dispatched', 'accepted', 'reopened']);
  if (!state.ok)
    return fail('INVALID_STATE', `工单 ${ticket.number} 已${STATUS_LABELS[ticket.status]}，不能撤销。`);
  const after: Ticket = { ...ticket, status: 'withdrawn', closedAt: ctx.now, updatedAt: ctx.now };
  return decide(
    ticket,
    after,
    ctx,
    { type: 'withdrawn', actor: 'resident', at: ctx.now },
    [
      send(toGroup(ticket.department), {
        text: `【工单撤销】${ticket.number} ${shownTitle(ticket)}\n反映人已撤销，无需继续办理。`,
      }),
    ],
    fill(ctx.templates.withdrawn, { number: ticket.number }),
  );
}
