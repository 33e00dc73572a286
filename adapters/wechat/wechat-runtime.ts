import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import qrcodeTerminal from 'qrcode-terminal';
import type { WechatyOptions } from 'wechaty';
import {
  type Contact,
  qrcodeValueToImageUrl,
  ScanStatus,
  type Wechaty,
  WechatyBuilder,
  log as wechatyLog,
} from 'wechaty';
import type { DirectoryIndex } from '../../core/directory/directory-index.js';
import type { InboundMessage } from '../../core/messages.js';
import type { ChannelPort } from '../../core/ports/channel-port.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import { createAttachmentStore } from './attachment-store.js';
import { createRoomBook } from './room-book.js';
import { createWechatChannel, type WechatSayer } from './wechat-channel.js';
import { describeWechatConfig, type WechatConfig } from './wechat-config.js';
import { createInboundHandler } from './wechat-inbound.js';

type PuppetInstance = Extract<WechatyOptions['puppet'], object>;
type State = 'online' | 'connecting' | 'offline' | 'logged-out';

/** What the runtime needs of the process (structurally the hotline's channel context). */
export interface WechatContext {
  readonly directory: DirectoryIndex;
  readonly logger: LoggerPort;
  readonly dataDir: string;
  readonly clock: () => Date;
}

export interface WechatRuntimeOptions {
  /** A ready puppet instance (tests pass the mock puppet); default: the one `config.puppet` names. */
  readonly puppet?: PuppetInstance;
  /** Where the login QR code is drawn; default: the terminal. */
  readonly printQr?: (drawing: string) => void;
}

/** The app as far as the channel uses it. */
interface Receiver {
  receive(message: InboundMessage): Promise<unknown>;
}

/** The runtime shape of bots/channel-runtime.ts, restated so adapters need not import bots/. */
export interface WechatRuntime {
  readonly port: ChannelPort;
  readonly sendLimit: { readonly max: number; readonly durationMs: number };
  start(app: Receiver): Promise<void>;
  stop(): Promise<void>;
  status(): { readonly state: State; readonly detail?: string };
  canSend(): boolean;
  onSendability(listener: (canSend: boolean) => void): void;
}

function buildBot(config: WechatConfig, memoryName: string, puppet: PuppetInstance | undefined): Wechaty {
  if (puppet) return WechatyBuilder.build({ name: memoryName, puppet });
  const puppetOptions = {
    ...(config.token ? { token: config.token } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
  // Any puppet package may be named; wechaty loads it by name at start.
  const options = { name: memoryName, puppet: config.puppet, puppetOptions } as WechatyOptions;
  return WechatyBuilder.build(options);
}

/** The WeChat channel: a wechaty bot, its login lifecycle, and the port the core sends through. */
export function createWechatRuntime(
  config: WechatConfig,
  context: WechatContext,
  options: WechatRuntimeOptions = {},
): WechatRuntime {
  const { logger } = context;
  wechatyLog.level(config.wechatyLogLevel);
  // The memory card (the saved login) lives under the data directory, not the working directory.
  const memoryDir = path.resolve(context.dataDir, 'wechat');
  const bot = buildBot(config, path.join(memoryDir, config.name), options.puppet);
  const book = createRoomBook(context.directory);
  const printQr = options.printQr ?? ((drawing: string) => process.stdout.write(`${drawing}\n`));

  let state: State = 'offline';
  let detail: string | undefined;
  let loggedIn = false;
  let app: Receiver | undefined;
  const listeners: ((canSend: boolean) => void)[] = [];
  const canSend = () => loggedIn && app !== undefined;
  /** Applies a change and tells the send worker when it makes sending possible or impossible. */
  const change = (apply: () => void) => {
    const before = canSend();
    apply();
    const after = canSend();
    if (after !== before) for (const listener of listeners) listener(after);
  };

  const sayer: WechatSayer = {
    async toContact(contactId) {
      const contact = await bot.Contact.find({ id: contactId });
      if (!contact) throw new Error('WeChat contact not found');
      return async (text) => void (await contact.say(text));
    },
    async toRoom(roomId, mentionIds) {
      const room = await bot.Room.find({ id: roomId });
      if (!room) throw new Error('WeChat room not found');
      let mentioned: Contact[] = [];
      if (mentionIds.length) {
        const wanted = new Set(mentionIds);
        mentioned = (await room.memberAll()).filter((member) => wanted.has(member.id));
      }
      return async (text) => void (await room.say(text, ...mentioned));
    },
    findRoomByTopic: async (topic) => (await bot.Room.find({ topic }))?.id,
  };
  const port = createWechatChannel({
    book,
    sayer,
    canSend,
    logger,
    intervalMs: config.sendIntervalMs,
    jitterMs: config.sendJitterMs,
  });

  const handleMessage = createInboundHandler({
    book,
    attachments: createAttachmentStore({
      dataDir: context.dataDir,
      maxBytes: config.maxAttachmentBytes,
      clock: context.clock,
    }),
    maxAttachmentBytes: config.maxAttachmentBytes,
    logger,
    receive: async (message) => app?.receive(message),
    notify: (conversation, text, key) => port.send({ channel: 'wechat', conversation, text }, key),
  });

  /** Binds topic-bound groups to the rooms the account is in. */
  async function resolveRooms(): Promise<void> {
    try {
      for (const room of await bot.Room.findAll()) book.learn(room.id, await room.topic());
      const missing = book.unresolvedTopics();
      if (missing.length) logger.warn({ topics: missing }, 'no WeChat room found for these bound topics yet');
    } catch (error) {
      logger.warn({ err: error }, 'could not list WeChat rooms');
    }
  }

  bot.on('scan', (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) {
      detail = `scan status ${ScanStatus[status] ?? status}`;
      return;
    }
    state = 'connecting';
    detail = 'waiting for the login QR code to be scanned';
    qrcodeTerminal.generate(qrcode, { small: true }, printQr);
    logger.info({ url: qrcodeValueToImageUrl(qrcode) }, 'scan the QR code to log in to WeChat');
  });
  bot.on('login', (user) => {
    state = 'online';
    detail = `logged in as ${user.name()}`;
    logger.info({ account: user.name() }, 'WeChat logged in');
    change(() => {
      loggedIn = true;
    });
    void resolveRooms();
  });
  bot.on('ready', () => void resolveRooms());
  bot.on('logout', (user, reason) => {
    state = app ? 'logged-out' : 'offline';
    detail = reason ? `logged out: ${reason}` : 'logged out';
    logger.warn({ account: user.name(), reason }, 'WeChat logged out; sending paused');
    change(() => {
      loggedIn = false;
    });
  });
  bot.on('error', (error) => {
    detail = `error: ${error.message}`;
    logger.error({ err: error }, 'WeChat error');
  });
  bot.on('room-topic', (room, topic) => void book.learn(room.id, topic));
  bot.on('room-join', async (room) => {
    try {
      book.learn(room.id, await room.topic());
    } catch {
      // The room is learned again when a message arrives from it.
    }
  });
  bot.on('message', (message) => {
    if (app) void handleMessage(message);
  });

  return {
    port,
    sendLimit: { max: 1, durationMs: config.sendIntervalMs },
    async start(receiver) {
      change(() => {
        app = receiver;
      });
      state = 'connecting';
      detail = 'starting';
      logger.info({ wechat: describeWechatConfig(config) }, 'starting WeChat');
      await mkdir(memoryDir, { recursive: true });
      try {
        await bot.start();
      } catch (error) {
        // The other channels keep working; /healthz shows why this one does not.
        state = 'offline';
        detail = `could not start: ${error instanceof Error ? error.message : String(error)}`;
        logger.error({ err: error }, 'WeChat could not start');
        return;
      }
      if (bot.isLoggedIn) {
        change(() => {
          loggedIn = true;
        });
      }
    },
    async stop() {
      change(() => {
        app = undefined;
      });
      await bot.stop();
      state = 'offline';
      detail = 'stopped';
    },
    status: () => ({ state, ...(detail ? { detail } : {}) }),
    canSend,
    onSendability(listener) {
      listeners.push(listener);
      // The send worker starts running: hold it until the account is logged in.
      if (!canSend()) listener(false);
    },
  };
}
