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

const LocationSchema = z.object({
  text: z.string(),
  town: z.string().optional(),
  village: z.string().optional(),
});

const STEPS = ['description', 'location', 'phone', 'confirm'] as const;

/** An extraction kept with a held message (see HeldMessage). */
const ExtractionSchema = z.object({
  appealType: z.enum(APPEAL_TYPES).optional(),
  category: z.string().optional(),
  categoryConfidence: z.number().optional(),
  urgency: z.enum(URGENCIES).optional(),
  flags: z.array(z.enum(FLAGS)).optional(),
  mode: z.enum(HANDLING_MODES).optional(),
  title: z.string().optional(),
  phone: z.string().optional(),
  name: z.string().optional(),
  location: LocationSchema.optional(),
  occurredAt: DateSchema.optional(),
  duration: z.string().optional(),
  hasIdNumber: z.boolean().optional(),
});

const DraftSchema = z.object({
  description: z.string(),
  title: z.string().optional(),
  appealType: z.enum(APPEAL_TYPES).optional(),
  category: z.string().optional(),
  urgency: z.enum(URGENCIES).optional(),
  flags: z.array(z.enum(FLAGS)),
  mode: z.enum(HANDLING_MODES).optional(),
  location: LocationSchema.optional(),
  occurredAt: DateSchema.optional(),
  phone: z.string().optional(),
  phoneDeclined: z.boolean().optional(),
  name: z.string().optional(),
  attachments: z.array(AttachmentSchema),
  startedAt: DateSchema,
  updatedAt: DateSchema,
  asked: z.enum([...STEPS, 'resume']),
  resumeTo: z.enum(STEPS).optional(),
  held: z
    .object({ text: z.string(), attachments: z.array(AttachmentSchema), extraction: ExtractionSchema })
    .optional(),
  repeats: z.number().int().optional(),
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
      reminded: z.boolean().optional(),
    })
    .optional(),
  lastSurvey: z.object({ ticket: z.string(), closedAt: DateSchema }).optional(),
  lastFaq: z.object({ id: z.string(), at: DateSchema }).optional(),
});

export function parseConversationState(json: unknown): ConversationState {
  return ConversationStateSchema.parse(json ?? {}) as ConversationState;
}
