import { z } from 'zod';
import { APPEAL_TYPES, FLAGS, HANDLING_MODES, SURVEY_RESULTS, URGENCIES } from './vocabulary.js';

export const TICKET_STATUSES = [
  'received',
  'dispatched',
  'accepted',
  'replied',
  'reopened',
  'closed',
  'withdrawn',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  received: '已受理',
  dispatched: '已派单',
  accepted: '办理中',
  replied: '已答复',
  reopened: '重办',
  closed: '已办结',
  withdrawn: '已撤销',
};

const DateSchema = z.coerce.date();

export const AttachmentRefSchema = z.object({
  kind: z.string(),
  ref: z.string(),
  name: z.string().optional(),
  text: z.string().optional(),
});

export const TicketSchema = z.object({
  number: z.string().regex(/^[A-Z]{1,4}\d{12,}$/),
  channel: z.enum(['web', 'wechat', 'feishu']),
  /** The resident's conversation key: replies and surveys go there. */
  conversation: z.string(),
  residentRef: z.string(),
  residentName: z.string().optional(),
  phone: z.string().optional(),
  confidential: z.boolean(),
  appealType: z.enum(APPEAL_TYPES),
  category: z.string(),
  title: z.string().max(30),
  description: z.string(),
  location: z
    .object({ text: z.string(), town: z.string().optional(), village: z.string().optional() })
    .optional(),
  occurredAt: DateSchema.optional(),
  urgency: z.enum(URGENCIES),
  flags: z.array(z.enum(FLAGS)),
  mode: z.enum(HANDLING_MODES).optional(),
  department: z.string(),
  coDepartments: z.array(z.string()),
  /** Named handler (person id) for 专办 orders. */
  handler: z.string().optional(),
  status: z.enum(TICKET_STATUSES),
  supervised: z.boolean(),
  acceptBy: DateSchema,
  dueAt: DateSchema,
  extension: z
    .object({
      days: z.number().int(),
      reason: z.string(),
      status: z.enum(['requested', 'approved', 'refused']),
      requestedBy: z.string(),
    })
    .optional(),
  returnCount: z.number().int(),
  reopenCount: z.number().int(),
  reply: z.string().optional(),
  survey: z
    .object({
      round: z.number().int(),
      result: z.enum(SURVEY_RESULTS).optional(),
      resolved: z.boolean().optional(),
      comment: z.string().optional(),
    })
    .optional(),
  attachments: z.array(AttachmentRefSchema),
  createdAt: DateSchema,
  dispatchedAt: DateSchema.optional(),
  acceptedAt: DateSchema.optional(),
  repliedAt: DateSchema.optional(),
  closedAt: DateSchema.optional(),
  updatedAt: DateSchema,
});

export type Ticket = z.infer<typeof TicketSchema>;

/** One row of the append-only timeline. */
export interface TicketEvent {
  readonly type: TicketEventType;
  /** Who: a person id from the directory, `resident`, or `system`. */
  readonly actor: string;
  readonly at: Date;
  readonly note?: string;
  readonly data?: Record<string, unknown>;
}

export type TicketEventType =
  | 'received'
  | 'dispatched'
  | 'accepted'
  | 'returned'
  | 'redispatched'
  | 'replied'
  | 'surveyed'
  | 'reopened'
  | 'closed'
  | 'withdrawn'
  | 'supplemented'
  | 'extension-requested'
  | 'extension-approved'
  | 'extension-refused'
  | 'supervised'
  | 'reminded'
  | 'escalated';

export const EVENT_LABELS: Record<TicketEventType, string> = {
  received: '受理',
  dispatched: '派单',
  accepted: '签收',
  returned: '退回',
  redispatched: '改派',
  replied: '办结答复',
  surveyed: '回访',
  reopened: '重办',
  closed: '办结归档',
  withdrawn: '撤销',
  supplemented: '补充',
  'extension-requested': '申请延期',
  'extension-approved': '同意延期',
  'extension-refused': '驳回延期',
  supervised: '督办',
  reminded: '提醒',
  escalated: '超期督办',
};

/** Orders a resident may still withdraw. */
export function isOpen(status: TicketStatus): boolean {
  return status !== 'closed' && status !== 'withdrawn';
}
