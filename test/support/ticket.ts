import type { Ticket } from '../../core/domain/ticket.js';

const DAY_MS = 86_400_000;

/**
 * The order tests start from: a routine 投诉 about a street light, led by 县住建局 (zjj) and dispatched
 * the moment it was received, 签收 due a day later and 办结 five days later. `fields` override any
 * field; the callers give the number, the resident and, where they matter, the deadlines.
 */
export function ticketFixture(receivedAt: Date, fields: Partial<Ticket> = {}): Ticket {
  return {
    number: 'PY202603100001',
    channel: 'web',
    conversation: 'web:PY202603100001',
    residentRef: 'PY202603100001',
    confidential: false,
    appealType: '投诉',
    category: '城乡建设/路灯照明',
    title: '路灯不亮',
    description: '小区门口路灯不亮',
    urgency: '一般',
    flags: [],
    department: 'zjj',
    coDepartments: [],
    status: 'dispatched',
    supervised: false,
    acceptBy: new Date(receivedAt.getTime() + DAY_MS),
    dueAt: new Date(receivedAt.getTime() + 5 * DAY_MS),
    returnCount: 0,
    reopenCount: 0,
    attachments: [],
    createdAt: receivedAt,
    dispatchedAt: receivedAt,
    updatedAt: receivedAt,
    ...fields,
  };
}
