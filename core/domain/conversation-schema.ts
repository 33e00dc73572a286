import { z } from 'zod';
import type { ConversationState } from './conversation-state.js';
import { APPEAL_TYPES, FLAGS, HANDLING_MODES, URGENCIES } from './vocabulary.js';

const DateSchema = z.coerce.date();

const AttachmentSchema = z.object({
  kind: z.enum(['image', 'file', 'video', 'audio', 'location', 'sticker', 'link']),
  ref: z.string(),
  name: z.string().optional(),
  size: z.number().optional(),
  text: z.string().optional(),
});

const DraftSchema = z.object({
  description: z.string(),
  title: z.string().optional(),
  appealType: z.enum(APPEAL_TYPES).optional(),
  category: z.string().optional(),
  urgency: z.enum(URGENCIES).optional(),
  flags: z.array(z.enum(FLAGS)),
  mode: z.enum(HANDLING_MODES).optional(),
  location: z
    .object({ text: z.string(), town: z.string().optional(), village: z.string().optional() })
    .optional(),
  occurredAt: DateSchema.optional(),
  phone: z.string().optional(),
  phoneDeclined: z.boolean().optional(),
  name: z.string().optional(),
  attachments: z.array(AttachmentSchema),
  startedAt: DateSchema,
  updatedAt: DateSchema,
  asked: z.enum(['description', 'location', 'phone', 'confirm']),
});

/** Conversation state as stored (JSON): validated and dates revived when read back. */
export const ConversationStateSchema = z.object({
  draft: DraftSchema.optional(),
  survey: z
    .object({
      ticket: z.string(),
      round: z.number().int(),
      askedAt: DateSchema,
      step: z.enum(['rating', 'resolved', 'comment']).default('rating'),
      rating: z.enum(['满意', '基本满意', '不满意']).optional(),
      resolved: z.boolean().optional(),
      comment: z.string().optional(),
      clarified: z.boolean(),
    })
    .optional(),
  lastSurvey: z.object({ ticket: z.string(), closedAt: DateSchema }).optional(),
});

export function parseConversationState(json: unknown): ConversationState {
  return ConversationStateSchema.parse(json ?? {}) as ConversationState;
}
