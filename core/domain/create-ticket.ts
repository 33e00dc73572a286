import type { ChannelName } from '../messages.js';
import { formatDeadline } from '../text/format-time.js';
import { fill } from '../text/templates.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import type { Draft } from './draft.js';
import { send, toGroup } from './effects.js';
import type { Ticket } from './ticket.js';
import { dispatchMessage } from './ticket-render.js';
import { ticketTimers } from './ticket-timers.js';

export interface NewTicketInput {
  readonly number: string;
  readonly draft: Draft;
  readonly channel: ChannelName;
  readonly conversation: string;
  readonly residentRef: string;
  readonly department: string;
  readonly coDepartments: readonly string[];
}

/** Files a confirmed draft: the order is received and dispatched to its lead department at once. */
export function createTicket(input: NewTicketInput, ctx: DecisionContext): TicketDecision {
  const { draft, now } = { draft: input.draft, now: ctx.now };
  const appealType = draft.appealType ?? '其他';
  const urgency = draft.urgency ?? '一般';
  const { acceptBy, dueAt } = ctx.time.deadlines({ receivedAt: now, urgency, appealType });
  const confidential = appealType === '举报' || draft.flags.includes('涉纪');
  const ticket: Ticket = {
    number: input.number,
    channel: input.channel,
    conversation: input.conversation,
    residentRef: input.residentRef,
    ...(draft.name ? { residentName: draft.name } : {}),
    ...(draft.phone ? { phone: draft.phone } : {}),
    confidential,
    appealType,
    category: draft.category ?? '其他',
    title: draft.title ?? draft.description.slice(0, 30),
    description: draft.description,
    ...(draft.location ? { location: { ...draft.location } } : {}),
    ...(draft.occurredAt ? { occurredAt: draft.occurredAt } : {}),
    urgency,
    flags: [...draft.flags],
    ...(draft.mode ? { mode: draft.mode } : {}),
    department: input.department,
    coDepartments: [...input.coDepartments],
    status: 'dispatched',
    supervised: false,
    acceptBy,
    dueAt,
    returnCount: 0,
    reopenCount: 0,
    attachments: draft.attachments.map((a) => ({ ...a })),
    createdAt: now,
    dispatchedAt: now,
    updatedAt: now,
  };
  const department = ctx.directory.department(input.department)?.name ?? input.department;
  const effects = [
    send(toGroup(input.department), dispatchMessage(ticket, ctx.directory, '新工单')),
    ...input.coDepartments.map((co) =>
      send(toGroup(co), dispatchMessage(ticket, ctx.directory, '协办工单', `主办单位：${department}`)),
    ),
    ...ticketTimers(ticket, ctx),
  ];
  return {
    ticket,
    events: [
      { type: 'received', actor: 'resident', at: now },
      { type: 'dispatched', actor: 'system', at: now, data: { department: input.department } },
    ],
    effects,
    reply: fill(ctx.templates.filed, { number: ticket.number, department, due: formatDeadline(dueAt) }),
  };
}
