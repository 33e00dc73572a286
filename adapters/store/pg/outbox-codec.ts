import { z } from 'zod';
import type { OutboundMessage } from '../../../core/messages.js';
import type { OutboxItem } from '../../../core/ports/store-port.js';

const OutboundSchema = z
  .object({ channel: z.enum(['web', 'wechat', 'feishu']), conversation: z.string(), text: z.string() })
  .passthrough();

const TimerSchema = z.object({
  kind: z.enum(['survey', 'survey-reminder', 'survey-close', 'reminder', 'escalation', 'digest']),
  ticket: z.string(),
  expect: z.record(z.string(), z.union([z.string(), z.number()])),
});

const OutboxItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), message: OutboundSchema, notBefore: z.coerce.date().optional() }),
  z.object({ kind: z.literal('schedule'), jobId: z.string(), at: z.coerce.date(), timer: TimerSchema }),
  z.object({ kind: z.literal('cancel'), jobId: z.string() }),
]);

/** Outbox rows are JSON; dates are revived and the shape checked when read back. */
export function decodeOutboxItem(json: unknown): OutboxItem {
  const item = OutboxItemSchema.parse(json);
  if (item.kind === 'send') {
    return { ...item, message: item.message as unknown as OutboundMessage };
  }
  return item;
}
