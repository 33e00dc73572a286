import { z } from 'zod';
import { feishuSignature, safeEqual } from './feishu-crypto.js';
import { declaredLength, readLimitedBody } from './webhook-body.js';
import { isPlainObject, openEnvelope } from './webhook-envelope.js';

/**
 * The one door Feishu's webhook (event subscription and card callbacks) comes through. Every
 * request gets an answer; only an authentic, first-seen event reaches `onEvent`, and it does so
 * after the answer is on its way (Feishu resends what is not answered within 3 s).
 *
 * Answers: 404 other path (matched on the path alone: a query string is ignored, since a request
 * URL configured in Feishu may carry one) · 405 not POST · 413 body over the limit (judged from
 * Content-Length before reading, else while reading) · 400 empty, not JSON, undecryptable, or no
 * known shape · 401 signature missing (when an Encrypt Key is set), wrong, or its timestamp off by
 * more than `maxSkewMs` either way (the timestamp is part of what is signed) · 403 wrong
 * verification token or app id · 503 dedupe store failing (Feishu will resend) · 200 otherwise:
 * `{ challenge }` for URL verification, `{}` for an event (a replay too, without delivering it).
 *
 * URL verification needs no signature (the SDKs do not check one there) but must carry the right
 * token, and when encrypted must decrypt with our key. Card callbacks are answered `{}` at once
 * (the card is then updated through the API), or with what `onCallback` returns when it is set.
 */

export const FeishuWebhookConfigSchema = z
  .object({
    /** Exact request path, e.g. `/feishu/events`. */
    path: z.string().regex(/^\/[^?#]*$/, 'a path starting with / and without query'),
    appId: z.string().min(1),
    /** Secret: never logged. With it, events must be signed and may be encrypted. */
    encryptKey: z.string().min(1).optional(),
    /** Secret: never logged. */
    verificationToken: z.string().min(1).optional(),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    maxSkewMs: z
      .number()
      .int()
      .positive()
      .default(5 * 60 * 1000),
  })
  .refine((c) => c.encryptKey !== undefined || c.verificationToken !== undefined, {
    message: 'a Feishu webhook needs an encrypt key or a verification token (else anyone can post events)',
  });

export type FeishuWebhookConfigInput = z.input<typeof FeishuWebhookConfigSchema>;
export type FeishuWebhookConfig = z.output<typeof FeishuWebhookConfigSchema>;

/** `seen` records the id and answers false the first time, true ever after (within its memory). */
export interface DedupeStore {
  seen(eventId: string): Promise<boolean>;
}

/** The subset of a pino logger the guard uses. */
export interface GuardLogger {
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export interface FeishuWebhookEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly schema: '2.0' | '1.0';
  /**
   * The decrypted JSON exactly as the long connection delivers it, so one handler serves both
   * modes: `eventDispatcher.invoke(payload, { needCheck: false })`.
   */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Structural; from node:http: `{ method: req.method, url: req.url, headers: req.headers, body: req }`. */
export interface GuardRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: Uint8Array | AsyncIterable<Uint8Array>;
}

export interface GuardResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WebhookGuardOptions {
  readonly config: FeishuWebhookConfigInput;
  readonly dedupe: DedupeStore;
  readonly onEvent: (event: FeishuWebhookEvent) => void | Promise<void>;
  /**
   * Answers a card callback (`card.action.trigger`) in the HTTP answer itself, e.g. with a toast.
   * When set, a first-seen callback goes here instead of `onEvent`; what it returns (a JSON object)
   * within `callbackTimeoutMs` is the body, `{}` past that or if it fails.
   */
  readonly onCallback?: (event: FeishuWebhookEvent) => Promise<unknown>;
  /** Default 2.5 s: Feishu gives up on a callback after 3 s. */
  readonly callbackTimeoutMs?: number;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  readonly logger?: GuardLogger;
}

export interface WebhookGuard {
  readonly config: FeishuWebhookConfig;
  handle(request: GuardRequest): Promise<GuardResponse>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;
const answer = (status: number, body: unknown, extra: Record<string, string> = {}): GuardResponse => ({
  status,
  headers: { ...JSON_HEADERS, ...extra },
  body: JSON.stringify(body),
});
const REFUSAL: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  413: 'payload too large',
  500: 'internal error',
  503: 'try again later',
};

export function createWebhookGuard(options: WebhookGuardOptions): WebhookGuard {
  const config = FeishuWebhookConfigSchema.parse(options.config);
  const now = options.now ?? Date.now;
  const logger = options.logger;

  const refuse = (status: number, reason: string, extra: Record<string, string> = {}): GuardResponse => {
    logger?.warn({ status, reason, path: config.path }, 'feishu webhook request refused');
    return answer(status, { error: REFUSAL[status] ?? 'refused' }, extra);
  };

  const deliver = (event: FeishuWebhookEvent): void => {
    // After the answer has been handed back: a slow or failing handler never delays or breaks it.
    setImmediate(() => {
      Promise.resolve()
        .then(() => options.onEvent(event))
        .catch((error: unknown) => {
          logger?.error(
            { err: error, eventId: event.eventId, eventType: event.eventType },
            'feishu event handler failed',
          );
        });
    });
  };

  const answerCallback = async (
    onCallback: (event: FeishuWebhookEvent) => Promise<unknown>,
    event: FeishuWebhookEvent,
  ): Promise<unknown> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), options.callbackTimeoutMs ?? 2_500);
    });
    try {
      const body = await Promise.race([onCallback(event), late]);
      return isPlainObject(body) ? body : {};
    } catch (error) {
      logger?.error({ err: error, eventId: event.eventId }, 'feishu callback handler failed');
      return {};
    } finally {
      clearTimeout(timer);
    }
  };

  async function handle(request: GuardRequest): Promise<GuardResponse> {
    const headers = lowerCaseKeys(request.headers);
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname !== config.path) return refuse(404, 'unknown path');
    if ((request.method ?? '').toUpperCase() !== 'POST') return refuse(405, 'not POST', { allow: 'POST' });

    const body = await readJsonObject(headers, request.body, config.maxBodyBytes);
    if ('refused' in body) return refuse(body.status, body.reason);
    const { bytes, outer } = body;
    const auth = checkSignature(headers, bytes, config, now());
    if ('refused' in auth) return refuse(auth.status, auth.reason);
    const { signed } = auth;

    const opened = openEnvelope(outer, config.encryptKey);
    if (!opened.ok) return refuse(400, `payload ${opened.reason}`);
    const envelope = opened.envelope;
    const wrongToken = !tokenMatches(envelope.token, config.verificationToken);
    if (envelope.kind === 'challenge') {
      return wrongToken
        ? refuse(403, 'wrong verification token')
        : answer(200, { challenge: envelope.challenge });
    }
    if (config.encryptKey !== undefined && !signed) return refuse(401, 'unsigned event');
    if (wrongToken) return refuse(403, 'wrong verification token');
    if (envelope.appId !== config.appId && !(envelope.schema === '1.0' && envelope.appId === undefined)) {
      return refuse(403, 'wrong app id');
    }

    let duplicate: boolean;
    try {
      duplicate = await options.dedupe.seen(envelope.eventId);
    } catch (error) {
      logger?.error({ err: error, eventId: envelope.eventId }, 'feishu dedupe store failed');
      return answer(503, { error: REFUSAL[503] }, { 'retry-after': '5' });
    }
    const event: FeishuWebhookEvent = {
      eventId: envelope.eventId,
      eventType: envelope.eventType,
      schema: envelope.schema,
      payload: envelope.payload,
    };
    if (!duplicate && options.onCallback !== undefined && envelope.eventType === 'card.action.trigger') {
      return answer(200, await answerCallback(options.onCallback, event));
    }
    if (!duplicate) deliver(event);
    return answer(200, {});
  }

  return {
    config,
    handle: async (request) => {
      try {
        return await handle(request);
      } catch (error) {
        logger?.error({ err: error, path: config.path }, 'feishu webhook guard failed');
        return answer(500, { error: REFUSAL[500] });
      }
    },
  };
}

interface Refusal {
  readonly refused: true;
  readonly status: number;
  readonly reason: string;
}
const refusal = (status: number, reason: string): Refusal => ({ refused: true, status, reason });

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

async function readJsonObject(
  headers: Headers,
  source: GuardRequest['body'],
  maxBytes: number,
): Promise<Refusal | { readonly bytes: Buffer; readonly outer: Record<string, unknown> }> {
  const declared = declaredLength(headers['content-length']);
  if (declared !== undefined && Number.isNaN(declared)) return refusal(400, 'malformed content-length');
  if (declared !== undefined && declared > maxBytes) return refusal(413, 'declared body over the limit');
  const read = await readLimitedBody(source, maxBytes);
  if (!read.ok)
    return read.reason === 'too_large'
      ? refusal(413, 'body over the limit')
      : refusal(400, 'body unreadable');
  if (read.bytes.length === 0) return refusal(400, 'empty body');
  let outer: unknown;
  try {
    outer = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return refusal(400, 'body is not JSON');
  }
  return isPlainObject(outer) ? { bytes: read.bytes, outer } : refusal(400, 'body is not a JSON object');
}

/**
 * Verifies `X-Lark-Signature` when it is present and we hold the key (whether it must be present
 * depends on what the body turns out to be), and the timestamp window whenever one is sent.
 */
function checkSignature(
  headers: Headers,
  bytes: Buffer,
  config: FeishuWebhookConfig,
  nowMs: number,
): Refusal | { readonly signed: boolean } {
  const timestamp = single(headers['x-lark-request-timestamp']);
  const nonce = single(headers['x-lark-request-nonce']);
  const signature = single(headers['x-lark-signature']);
  let signed = false;
  if (config.encryptKey !== undefined && signature !== undefined) {
    if (timestamp === undefined || nonce === undefined)
      return refusal(401, 'signature without timestamp or nonce');
    const expected = feishuSignature(timestamp, nonce, config.encryptKey, bytes);
    if (!safeEqual(signature.toLowerCase(), expected)) return refusal(401, 'bad signature');
    signed = true;
  }
  if (timestamp !== undefined && !fresh(timestamp, nowMs, config.maxSkewMs)) {
    return refusal(401, 'timestamp outside its window');
  }
  return { signed };
}

function tokenMatches(received: string | undefined, expected: string | undefined): boolean {
  if (expected === undefined) return true;
  return received !== undefined && safeEqual(received, expected);
}

function fresh(timestampSeconds: string, nowMs: number, maxSkewMs: number): boolean {
  if (!/^\d{1,12}$/.test(timestampSeconds)) return false;
  return Math.abs(nowMs - Number(timestampSeconds) * 1000) <= maxSkewMs;
}

function single(value: string | readonly string[] | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value.length === 1 ? value[0] : undefined;
}

function lowerCaseKeys(headers: Headers): Record<string, string | readonly string[] | undefined> {
  const out: Record<string, string | readonly string[] | undefined> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}
