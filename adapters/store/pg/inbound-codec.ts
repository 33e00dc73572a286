import { z } from 'zod';
import type { InboundMessage } from '../../../core/messages.js';

/** Inbound messages as stored: without the platform payload, validated when read back. */
const StoredInboundSchema = z.object({
  channel: z.enum(['web', 'wechat', 'feishu']),
  conversation: z.string(),
  isGroup: z.boolean(),
  id: z.string(),
  sender: z.object({ id: z.string(), name: z.string().optional(), altIds: z.array(z.string()).optional() }),
  text: z.string(),
  mentionsBot: z.boolean(),
  attachments: z.array(
    z.object({
      kind: z.enum(['image', 'file', 'video', 'audio', 'location', 'sticker', 'link']),
      ref: z.string(),
      name: z.string().optional(),
      size: z.number().optional(),
      text: z.string().optional(),
    }),
  ),
  receivedAt: z.coerce.date(),
});

export function encodeInbound(message: InboundMessage): string {
  const { raw: _raw, ...stored } = message;
  return JSON.stringify(stored);
}

export function decodeInbound(json: unknown): InboundMessage {
  return StoredInboundSchema.parse(json);
}
