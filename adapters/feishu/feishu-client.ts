import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as lark from '@larksuiteoapi/node-sdk';
import { z } from 'zod';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import { sdkDomain, sdkLogger, TokenCache } from './feishu-sdk.js';

/**
 * The Open API calls the hotline makes, over the SDK's Client, with what the SDK leaves to us:
 * an answer with `code != 0` (even on HTTP 200) is an error; an error says whether retrying can
 * help; a refused tenant token (which the SDK would keep using until it nears expiry) is dropped
 * from the Client's own cache and the call tried once more with a fresh one.
 */

/** The token was refused: missing, invalid or expired. */
const TOKEN_CODES = new Set([99991661, 99991663, 99991668]);
/** Rate limits: the app's, and a chat's message frequency. */
const RATE_CODES = new Set([99991400, 230020, 11232]);

export class FeishuApiError extends Error {
  override readonly name = 'FeishuApiError';
  constructor(
    readonly operation: string,
    readonly code: number | undefined,
    readonly apiMessage: string,
    readonly httpStatus: number | undefined,
    /** Rate limits, server errors, network failures, token trouble: worth another try later. */
    readonly retryable: boolean,
  ) {
    super(`feishu ${operation}: ${code ?? httpStatus ?? 'network error'} ${apiMessage}`.trim());
  }
}

export interface FeishuClientOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** `feishu`, `lark` or a base URL. */
  readonly domain: string;
  readonly logger: LoggerPort;
}

export interface SendInput {
  readonly receiveId: string;
  readonly receiveIdType?: 'chat_id' | 'open_id';
  readonly msgType: string;
  /** A JSON string. */
  readonly content: string;
  /** Feishu sends a message once per uuid within an hour (≤ 50 characters). */
  readonly uuid?: string;
}

export interface ResourceInput {
  readonly messageId: string;
  readonly key: string;
  readonly type: 'image' | 'file';
}

export interface FeishuClient {
  botOpenId(): Promise<string>;
  /** Sends a message; resolves with its message_id. */
  send(input: SendInput): Promise<string>;
  /** Replaces the content of a card the bot sent. */
  patch(messageId: string, content: string): Promise<void>;
  /** Stores a message's image or file at `dest`, refusing more than `maxBytes`. */
  download(
    input: ResourceInput,
    dest: string,
    maxBytes: number,
  ): Promise<{ bytes: number; contentType?: string }>;
}

interface ApiAnswer {
  readonly code?: number | undefined;
  readonly msg?: string | undefined;
}

const BotInfoSchema = z.looseObject({ bot: z.looseObject({ open_id: z.string().min(1) }) });

export function createFeishuClient(options: FeishuClientOptions): FeishuClient {
  const { logger } = options;
  const cache = new TokenCache();
  const sdk = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: sdkDomain(options.domain),
    cache,
    logger: sdkLogger(logger),
    loggerLevel: lark.LoggerLevel.warn,
  });

  function failure(operation: string, error: unknown): FeishuApiError {
    const response = (error as { response?: { status?: number; data?: unknown } }).response;
    const data = response?.data as ApiAnswer | undefined;
    const code = typeof data?.code === 'number' ? data.code : undefined;
    const status = response?.status;
    const message =
      typeof data?.msg === 'string' ? data.msg : error instanceof Error ? error.message : String(error);
    return classify(operation, code, message, status);
  }

  function classify(
    operation: string,
    code: number | undefined,
    message: string,
    status: number | undefined,
  ) {
    const retryable =
      status === undefined ||
      status >= 500 ||
      status === 429 ||
      (code !== undefined && (RATE_CODES.has(code) || TOKEN_CODES.has(code)));
    return new FeishuApiError(operation, code, message, status, retryable);
  }

  async function call<T extends ApiAnswer>(operation: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let error: FeishuApiError;
      try {
        const answer = await run();
        if (answer.code === undefined || answer.code === 0) return answer;
        error = classify(operation, answer.code, answer.msg ?? '', 200);
      } catch (thrown) {
        error = failure(operation, thrown);
      }
      if (attempt === 1 && error.code !== undefined && TOKEN_CODES.has(error.code)) {
        logger.info({ operation, code: error.code }, 'feishu refused the tenant token; fetching a new one');
        cache.clear();
        continue;
      }
      logger.warn(
        {
          operation,
          code: error.code,
          feishuMsg: error.apiMessage,
          httpStatus: error.httpStatus,
          retryable: error.retryable,
        },
        'feishu api call failed',
      );
      throw error;
    }
  }

  return {
    async botOpenId() {
      const answer = await call('bot.info', () =>
        sdk.request<ApiAnswer>({ method: 'GET', url: '/open-apis/bot/v3/info' }),
      );
      const info = BotInfoSchema.safeParse(answer);
      if (!info.success) throw new FeishuApiError('bot.info', 0, 'no bot.open_id in the answer', 200, true);
      return info.data.bot.open_id;
    },

    async send(input) {
      const answer = await call('im.message.create', () =>
        sdk.im.v1.message.create({
          params: { receive_id_type: input.receiveIdType ?? 'chat_id' },
          data: {
            receive_id: input.receiveId,
            msg_type: input.msgType,
            content: input.content,
            ...(input.uuid ? { uuid: input.uuid } : {}),
          },
        }),
      );
      const id = answer.data?.message_id;
      if (!id) throw new FeishuApiError('im.message.create', 0, 'no message_id in the answer', 200, true);
      return id;
    },

    async patch(messageId, content) {
      await call('im.message.patch', () =>
        sdk.im.v1.message.patch({ path: { message_id: messageId }, data: { content } }),
      );
    },

    async download(input, dest, maxBytes) {
      const get = () =>
        sdk.im.v1.messageResource.get({
          path: { message_id: input.messageId, file_key: input.key },
          params: { type: input.type },
        });
      let resource: Awaited<ReturnType<typeof get>>;
      try {
        resource = await get();
      } catch (error) {
        // The body of a failed download is a stream, so a refused token can only be guessed from
        // the status: one retry with a fresh token costs little.
        if ((error as { response?: { status?: number } }).response?.status !== 400)
          throw failure('resource.get', error);
        cache.clear();
        resource = await get().catch((again: unknown) => Promise.reject(failure('resource.get', again)));
      }
      const headers = (resource.headers ?? {}) as Record<string, unknown>;
      const stream = resource.getReadableStream();
      if (Number(headers['content-length']) > maxBytes) {
        stream.destroy();
        throw new FeishuApiError('resource.get', undefined, `larger than ${maxBytes} bytes`, 200, false);
      }
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > maxBytes ? new Error(`larger than ${maxBytes} bytes`) : null, chunk);
        },
      });
      try {
        await pipeline(stream, limit, createWriteStream(dest));
      } catch (error) {
        await rm(dest, { force: true });
        throw error;
      }
      const type = headers['content-type'];
      return { bytes, ...(typeof type === 'string' ? { contentType: type } : {}) };
    },
  };
}
