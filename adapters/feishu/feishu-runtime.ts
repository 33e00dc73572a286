import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import type pg from 'pg';
import type { HotlineApp } from '../../core/app/hotline-app.js';
import type { DirectoryIndex } from '../../core/directory/directory-index.js';
import type { ChannelPort } from '../../core/ports/channel-port.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import type { Route } from '../web/http-server.js';
import { createBotIdentity } from './bot-identity.js';
import { createAttachmentFetcher, DEFAULT_MAX_ATTACHMENT_BYTES } from './feishu-attachments.js';
import { createPgCardStore } from './feishu-card-store.js';
import { createFeishuChannel } from './feishu-channel.js';
import { createFeishuClient } from './feishu-client.js';
import { describeFeishuConfig, type FeishuConfig } from './feishu-config.js';
import { createFeishuEvents } from './feishu-events.js';
import { encodeFeishuKey } from './feishu-keys.js';
import { sdkDomain, sdkLogger } from './feishu-sdk.js';
import { feishuWebhookRoute } from './feishu-webhook-route.js';
import { createPgDedupeStore } from './pg-dedupe-store.js';
import { isPlainObject } from './webhook-envelope.js';
import { createWebhookGuard } from './webhook-guard.js';

/**
 * The Feishu channel as the process runs it: the port for the core, the send rate, and the way
 * events come in — the long connection (WSClient, the default: nothing to expose to the internet)
 * or the webhook route behind the hardened guard. Both feed the same SDK EventDispatcher, so one
 * set of handlers serves either mode.
 */

/** What the channel needs of the process (structurally the process's ChannelContext). */
export interface FeishuRuntimeContext {
  readonly directory: DirectoryIndex;
  readonly logger: LoggerPort;
  readonly pool: pg.Pool;
  readonly dataDir: string;
  readonly clock: () => Date;
}

export type FeishuState = 'online' | 'connecting' | 'offline';

/** Structurally the process's ChannelRuntime. */
export interface FeishuRuntime {
  readonly port: ChannelPort;
  readonly sendLimit: { readonly max: number; readonly durationMs: number };
  readonly routes?: readonly Route[];
  start(app: HotlineApp): Promise<void>;
  stop(): Promise<void>;
  status(): { readonly state: FeishuState; readonly detail?: string };
}

export interface FeishuRuntimeOptions {
  readonly maxAttachmentBytes?: number;
  /** How long `stop` waits for queued messages. */
  readonly drainMs?: number;
}

export function createFeishuRuntime(
  config: FeishuConfig,
  context: FeishuRuntimeContext,
  options: FeishuRuntimeOptions = {},
): FeishuRuntime {
  const { logger } = context;
  const appSecret = config.appSecret.reveal();
  const client = createFeishuClient({ appId: config.appId, appSecret, domain: config.domain, logger });
  const port = createFeishuChannel({
    client,
    directory: context.directory,
    cards: createPgCardStore(context.pool),
    logger,
  });
  const bot = createBotIdentity(client, logger);
  const events = createFeishuEvents({
    port,
    client,
    botOpenId: () => bot.openId(),
    fetchAttachments: createAttachmentFetcher({
      client,
      dir: path.join(context.dataDir, 'attachments', 'feishu'),
      logger,
      maxBytes: options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    }),
    dedupe: createPgDedupeStore(context.pool, { scope: 'event' }),
    logger,
    clock: context.clock,
  });

  const dispatcher = new lark.EventDispatcher({
    logger: sdkLogger(logger),
    loggerLevel: lark.LoggerLevel.warn,
  });
  dispatcher.register({
    'im.message.receive_v1': (data: unknown) => events.onMessage(data),
    'card.action.trigger': (data: unknown) => events.onCardAction(data),
    // Adding the bot to a group is how a group gets its chat_id into the directory.
    'im.chat.member.bot.added_v1': async (data: unknown) => {
      const chatId = isPlainObject(data) ? data.chat_id : undefined;
      const bound = typeof chatId === 'string' && port.groupOf(encodeFeishuKey(chatId)) !== undefined;
      logger.info(
        { chatId, bound },
        'feishu bot added to a group (bind it in the directory by this chat_id)',
      );
    },
    'im.message.message_read_v1': async () => undefined,
  });
  const dispatch = (payload: unknown) => dispatcher.invoke(payload, { needCheck: false });

  let ws: lark.WSClient | undefined;
  let wsFailed: string | undefined;
  let routes: Route[] | undefined;
  if (config.mode === 'webhook') {
    const guard = createWebhookGuard({
      config: {
        path: config.webhookPath,
        appId: config.appId,
        ...(config.encryptKey ? { encryptKey: config.encryptKey.reveal() } : {}),
        ...(config.verificationToken ? { verificationToken: config.verificationToken.reveal() } : {}),
      },
      dedupe: createPgDedupeStore(context.pool, { scope: 'webhook' }),
      onEvent: async (event) => void (await dispatch(event.payload)),
      onCallback: (event) => dispatch(event.payload),
      logger,
    });
    routes = [feishuWebhookRoute(guard)];
  }

  return {
    port,
    sendLimit: { max: config.sendPerSecond, durationMs: 1_000 },
    ...(routes ? { routes } : {}),

    async start(app) {
      logger.info(describeFeishuConfig(config), 'feishu channel starting');
      events.attach(app);
      bot.start();
      if (config.mode !== 'ws') return;
      ws = new lark.WSClient({
        appId: config.appId,
        appSecret,
        domain: sdkDomain(config.domain),
        logger: sdkLogger(logger),
        loggerLevel: lark.LoggerLevel.info,
        autoReconnect: true,
        onReady: () => {
          wsFailed = undefined;
        },
        onError: (error) => {
          wsFailed = error.message;
          logger.error({ err: error }, 'feishu long connection gave up');
        },
      });
      // Connecting and reconnecting go on in the background; status() tells how it goes.
      void ws.start({ eventDispatcher: dispatcher }).catch((error: unknown) => {
        wsFailed = error instanceof Error ? error.message : String(error);
        logger.error({ err: error }, 'feishu long connection failed to start');
      });
    },

    async stop() {
      ws?.close({ force: true });
      bot.stop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        events.idle(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, options.drainMs ?? 5_000);
        }),
      ]);
      clearTimeout(timer);
    },

    status() {
      if (!bot.known()) {
        const problem = bot.problem();
        return { state: 'connecting', detail: problem ? `bot info: ${problem}` : 'fetching bot info' };
      }
      if (config.mode === 'webhook') return { state: 'online', detail: `webhook ${config.webhookPath}` };
      if (wsFailed) return { state: 'offline', detail: wsFailed };
      const state = ws?.getConnectionStatus().state;
      if (state === 'connected') return { state: 'online', detail: 'long connection' };
      if (state === 'failed') return { state: 'offline', detail: 'long connection failed' };
      return { state: 'connecting', detail: `long connection ${state ?? 'idle'}` };
    },
  };
}
