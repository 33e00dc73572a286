import type { ChannelName } from '../messages.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import type { Draft } from './draft.js';
import type { FaqEntry } from './faq.js';
import type { Ticket } from './ticket.js';

export interface DirectAnswerInput {
  readonly number: string;
  readonly draft: Draft;
  readonly faq: FaqEntry;
  readonly channel: ChannelName;
  readonly conversation: string;
  readonly residentRef: string;
}

/**
 * A question the directory's FAQ answers: recorded as a 直接答复 order, answered and closed at once,
 * dispatched to nobody. Its department is the staff group (热线办), who answered on the county's
 * behalf, so no department's indicators count an order it never saw.
 */
export function createDirectAnswer(input: DirectAnswerInput, ctx: DecisionContext): TicketDecision {
  const { draft, faq, number } = input;
  const now = ctx.now;
  const { acceptBy, dueAt } = ctx.time.deadlines({ receivedAt: now, urgency: '一般', appealType: '咨询' });
  const category = faq.category ?? draft.category ?? '其他';
  const ticket: Ticket = {
    number,
    channel: input.channel,
    conversation: input.conversation,
    residentRef: input.residentRef,
    ...(draft.name ? { residentName: draft.name } : {}),
    ...(draft.phone ? { phone: draft.phone } : {}),
    confidential: false,
    appealType: '咨询',
    category,
    title: draft.title ?? draft.description.slice(0, 30),
    description: draft.description,
    ...(draft.location ? { location: { ...draft.location } } : {}),
    urgency: '一般',
    flags: [...draft.flags],
    mode: '直接答复',
    department: ctx.directory.directory.staff.id,
    coDepartments: [],
    status: 'closed',
    supervised: false,
    acceptBy,
    dueAt,
    returnCount: 0,
    reopenCount: 0,
    reply: faq.answer,
    attachments: draft.attachments.map((a) => ({ ...a })),
    createdAt: now,
    acceptedAt: now,
    repliedAt: now,
    closedAt: now,
    updatedAt: now,
  };
  return {
    ticket,
    events: [
      { type: 'received', actor: 'resident', at: now },
      { type: 'replied', actor: 'system', at: now, note: '直接答复', data: { faq: faq.id } },
      { type: 'closed', actor: 'system', at: now },
    ],
    effects: [],
    reply: faq.answer,
  };
}
