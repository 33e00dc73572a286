import { z } from 'zod';
import { decryptFeishuPayload } from './feishu-crypto.js';

/**
 * What a Feishu webhook body can be, once decrypted:
 * - a URL verification (`type: url_verification`, `challenge`, `token`), plain or encrypted;
 * - a schema 2.0 event or callback (`header.event_id/event_type/token/app_id`, `event`),
 *   `card.action.trigger` included;
 * - a 1.0 event (`type: event_callback`, `uuid`, `token`, `event.type`, `event.app_id`).
 * Anything else (the message-card callbacks of before schema 2.0 among them) is refused.
 */

const ChallengeSchema = z.looseObject({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(1024),
  token: z.string().optional(),
});

const EventV2Schema = z.looseObject({
  schema: z.literal('2.0'),
  header: z.looseObject({
    event_id: z.string().min(1).max(256),
    event_type: z.string().min(1).max(256),
    token: z.string().optional(),
    app_id: z.string().optional(),
  }),
});

const EventV1Schema = z.looseObject({
  type: z.literal('event_callback'),
  uuid: z.string().min(1).max(256),
  token: z.string().optional(),
  event: z.looseObject({ type: z.string().min(1).max(256), app_id: z.string().optional() }),
});

export type WebhookEnvelope =
  | { readonly kind: 'challenge'; readonly challenge: string; readonly token: string | undefined }
  | {
      readonly kind: 'event';
      readonly schema: '2.0' | '1.0';
      readonly eventId: string;
      readonly eventType: string;
      readonly token: string | undefined;
      readonly appId: string | undefined;
      /** The plain (decrypted) JSON object, as the long connection would deliver it. */
      readonly payload: Readonly<Record<string, unknown>>;
    };

export type EnvelopeResult =
  | { readonly ok: true; readonly envelope: WebhookEnvelope }
  | { readonly ok: false; readonly reason: 'undecryptable' | 'not_json' | 'unrecognised' };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unwraps `{ encrypt }` when present, then recognises the payload. */
export function openEnvelope(outer: Record<string, unknown>, encryptKey: string | undefined): EnvelopeResult {
  let payload: unknown = outer;
  if ('encrypt' in outer) {
    if (typeof outer.encrypt !== 'string' || encryptKey === undefined)
      return { ok: false, reason: 'undecryptable' };
    const plain = decryptFeishuPayload(outer.encrypt, encryptKey);
    if (plain === undefined) return { ok: false, reason: 'undecryptable' };
    try {
      payload = JSON.parse(plain);
    } catch {
      return { ok: false, reason: 'not_json' };
    }
  }
  if (!isPlainObject(payload)) return { ok: false, reason: 'not_json' };
  return recognise(payload);
}

function recognise(payload: Record<string, unknown>): EnvelopeResult {
  const challenge = ChallengeSchema.safeParse(payload);
  if (challenge.success) {
    return {
      ok: true,
      envelope: { kind: 'challenge', challenge: challenge.data.challenge, token: challenge.data.token },
    };
  }
  const v2 = EventV2Schema.safeParse(payload);
  if (v2.success) {
    const { header } = v2.data;
    return {
      ok: true,
      envelope: {
        kind: 'event',
        schema: '2.0',
        eventId: header.event_id,
        eventType: header.event_type,
        token: header.token,
        appId: header.app_id,
        payload,
      },
    };
  }
  const v1 = EventV1Schema.safeParse(payload);
  if (v1.success) {
    return {
      ok: true,
      envelope: {
        kind: 'event',
        schema: '1.0',
        eventId: v1.data.uuid,
        eventType: v1.data.event.type,
        token: v1.data.token,
        appId: v1.data.event.app_id,
        payload,
      },
    };
  }
  return { ok: false, reason: 'unrecognised' };
}
