import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * How Feishu delivers to a webhook (events and card callbacks alike), written from the protocol
 * rather than from our own adapter code so that a test can catch a mistake on either side:
 * - with an Encrypt Key the body is `{"encrypt": base64(iv16 ‖ AES-256-CBC(sha256(key), PKCS#7))}`;
 * - `X-Lark-Request-Timestamp` (seconds) and `X-Lark-Request-Nonce` are always sent, and
 *   `X-Lark-Signature = sha256_hex(timestamp + nonce + encryptKey + rawBody)` when a key is set.
 */

export interface WebhookRequestOptions {
  readonly encryptKey?: string;
  /** Seconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  readonly nonce?: string;
}

export interface BuiltWebhookRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function encryptPayload(plain: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function signBody(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  body: string | Buffer,
): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(timestamp + nonce + encryptKey, 'utf8'), Buffer.from(body)]))
    .digest('hex');
}

/** The exact bytes and headers Feishu would POST for this JSON payload. */
export function buildWebhookRequest(
  payload: unknown,
  options: WebhookRequestOptions = {},
): BuiltWebhookRequest {
  const plain = JSON.stringify(payload);
  const body =
    options.encryptKey === undefined
      ? plain
      : JSON.stringify({ encrypt: encryptPayload(plain, options.encryptKey) });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(8).toString('hex');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
  };
  if (options.encryptKey !== undefined) {
    headers['x-lark-signature'] = signBody(timestamp, nonce, options.encryptKey, body);
  }
  return { headers, body };
}

export interface WebhookAnswer {
  readonly status: number;
  readonly body: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly json?: unknown;
}

export async function postWebhook(
  url: string,
  payload: unknown,
  options: WebhookRequestOptions = {},
): Promise<WebhookAnswer> {
  const request = buildWebhookRequest(payload, options);
  const res = await fetch(url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: res.status, body, ...(json === undefined ? {} : { json }) };
}
