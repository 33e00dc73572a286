import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { encodeWebKey } from '../../adapters/web/web-keys.js';
import { parseEnv } from '../../bots/config/env.js';
import { type Hotline, startHotline } from '../../bots/hotline.js';
import { createLogger } from '../../bots/logger.js';
import type { Directory } from '../../core/directory/directory-schema.js';
import type { Ticket } from '../../core/domain/ticket.js';
import type { Attachment } from '../../core/messages.js';
import { testDirectory } from './test-hotline.js';
import { createWebClient, type WebClient, type WebMessage } from './web-client.js';

/**
 * Dialogue tests that read like a script: a real hotline (embedded PostgreSQL, the web channel,
 * no LLM) with a shortened quiet window, residents who `says(...)` things, and `expectReply(...)`
 * for each message the bot sends back, in order.
 */

export interface DialogueOptions {
  /** Quiet window of the burst batching (default 800 ms: a burst must fit in it even on a loaded machine). */
  readonly quietWindow?: number;
  readonly intake?: Partial<Omit<Directory['intake'], 'quietWindow'>>;
  readonly edit?: (directory: Directory) => Directory;
  /** Extra environment for the hotline (e.g. an LLM pointing at a fake server). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The hotline's clock: real time plus an offset a script moves forward. */
export interface OffsetClock {
  readonly now: () => Date;
  advance(ms: number): void;
}

export interface DialogueHotline {
  readonly hotline: Hotline;
  readonly directory: Directory;
  readonly web: WebClient;
  readonly clock: OffsetClock;
  resident(id?: string): Resident;
  /** Orders filed by a resident, newest first. */
  ordersOf(residentId: string): Promise<Ticket[]>;
  /** The next message in a group's web chat (a department, the staff group) matching `pattern`. */
  expectGroupMessage(groupId: string, pattern: RegExp, timeoutMs?: number): Promise<WebMessage>;
  stop(): Promise<void>;
}

export interface Resident {
  readonly id: string;
  /** Sends each text as a message; several are sent in quick succession (within the quiet window). */
  says(...texts: string[]): Promise<void>;
  /** Sends a message with attachments (as a channel adapter would deliver it). */
  sends(message: { readonly text?: string; readonly attachments: readonly Attachment[] }): Promise<void>;
  /** The bot's next message to this resident: it must match. */
  expectReply(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Nothing more from the bot for `ms`. */
  expectNoReply(ms?: number): Promise<void>;
  /** Messages the bot sent since the last look, taken as read (for runners that react to them). */
  readNew(): Promise<string[]>;
  /** Everything the bot said to this resident so far. */
  readonly transcript: readonly string[];
}

const LLM_SETTINGS = /^LLM_/;
/** Gap between messages sent "in quick succession": well inside any quiet window used here. */
const BURST_GAP_MS = 40;

export async function startDialogueHotline(options: DialogueOptions = {}): Promise<DialogueHotline> {
  const base = await testDirectory();
  const edited: Directory = {
    ...base,
    intake: { ...base.intake, ...options.intake, quietWindow: options.quietWindow ?? 800 },
  };
  const directory = options.edit ? options.edit(edited) : edited;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hotline-dialogue-'));
  const env = parseEnv({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let offset = 0;
  const clock: OffsetClock = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  // Nothing leaves the machine unless a test says so: whatever the shell says, no LLM is configured.
  const rawEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !LLM_SETTINGS.test(key))),
    ...options.env,
  };
  const hotline = await startHotline({
    env,
    rawEnv,
    directory,
    logger: createLogger(env.LOG_LEVEL, false),
    clock: clock.now,
    channels: async () => [],
  });
  const web = createWebClient(hotline.url);

  const resident = (id: string = `r-${randomUUID().slice(0, 8)}`): Resident => {
    const transcript: string[] = [];
    const unread: WebMessage[] = [];
    const post = async (text: string, attachments: readonly Attachment[] = []) => {
      if (!attachments.length) {
        const res = await web.post(id, id, text);
        if (res.status !== 202)
          throw new Error(`web post refused: ${res.status} ${JSON.stringify(res.body)}`);
        return;
      }
      await hotline.app.receive({
        channel: 'web',
        conversation: encodeWebKey(id),
        isGroup: false,
        id: randomUUID(),
        sender: { id },
        text,
        mentionsBot: true,
        attachments,
        receivedAt: clock.now(),
      });
    };
    const pull = async () => {
      const fresh = await web.read(id);
      unread.push(...fresh);
      transcript.push(...fresh.map((m) => m.text));
    };
    return {
      id,
      transcript,
      async says(...texts) {
        for (const [i, text] of texts.entries()) {
          if (i > 0) await sleep(BURST_GAP_MS);
          await post(text);
        }
      },
      async sends(message) {
        await post(message.text ?? '', message.attachments);
      },
      async expectReply(pattern, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        while (!unread.length) {
          if (Date.now() > deadline) {
            throw new Error(
              `no reply matching ${pattern}; the bot said so far:\n${transcript.join('\n---\n')}`,
            );
          }
          await sleep(50);
          await pull();
        }
        const next = unread.shift()!;
        if (!pattern.test(next.text)) {
          throw new Error(`expected a reply matching ${pattern}, got:\n${next.text}`);
        }
        return next.text;
      },
      async readNew() {
        await pull();
        return unread.splice(0).map((m) => m.text);
      },
      async expectNoReply(ms = 1_000) {
        await sleep(ms);
        await pull();
        if (unread.length)
          throw new Error(`expected no reply, got:\n${unread.map((m) => m.text).join('\n---\n')}`);
      },
    };
  };

  return {
    hotline,
    directory,
    web,
    clock,
    resident,
    ordersOf: (residentId) =>
      hotline.store.transaction((tx) => tx.findTickets({ channel: 'web', residentRef: residentId })),
    expectGroupMessage: (groupId, pattern, timeoutMs) => {
      const group =
        directory.departments.find((d) => d.id === groupId) ??
        [directory.staff, directory.supervisors].find((g) => g.id === groupId);
      return web.expectMessage(group?.chat.web ?? groupId, pattern, timeoutMs);
    },
    async stop() {
      await hotline.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── Scripts ───────────────────────────────────────────────────────────────────────────────────

export interface ScriptContext {
  readonly d: DialogueHotline;
  readonly resident: Resident;
}

export type Line = (ctx: ScriptContext) => Promise<unknown>;

/** The resident sends these messages (several: in quick succession). */
export const says =
  (...texts: string[]): Line =>
  ({ resident }) =>
    resident.says(...texts);

/** The resident sends attachments, with or without text. */
export const sends =
  (attachments: readonly Attachment[], text = ''): Line =>
  ({ resident }) =>
    resident.sends({ text, attachments });

/** The bot's next message matches. */
export const expectReply =
  (pattern: RegExp): Line =>
  ({ resident }) =>
    resident.expectReply(pattern);

/** The bot stays silent for a while. */
export const expectNoReply =
  (ms = 1_000): Line =>
  ({ resident }) =>
    resident.expectNoReply(ms);

/** Time passes on the hotline's clock (e.g. a draft left idle). */
export const timePasses =
  (ms: number): Line =>
  async ({ d }) =>
    d.clock.advance(ms);

/** The resident's newest order passes a check. */
export const expectOrder =
  (check: (order: Ticket) => void): Line =>
  async ({ d, resident }) => {
    const [newest] = await d.ordersOf(resident.id);
    if (!newest) throw new Error(`no order for ${resident.id}`);
    check(newest);
  };

/** The resident has this many orders. */
export const expectOrderCount =
  (n: number): Line =>
  async ({ d, resident }) => {
    const orders = await d.ordersOf(resident.id);
    if (orders.length !== n)
      throw new Error(`expected ${n} orders for ${resident.id}, found ${orders.length}`);
  };

/** Any other step, written inline. */
export const step = (run: Line): Line => run;

/** Plays a script line by line for a fresh resident (or the one given). */
export async function play(
  d: DialogueHotline,
  script: readonly Line[],
  resident = d.resident(),
): Promise<Resident> {
  for (const line of script) await line({ d, resident });
  return resident;
}

/** Every reply is short, except the read-back and answers to 查询 (a list, a status with its timeline). */
export function expectShortReplies(resident: Resident): void {
  for (const reply of resident.transcript) {
    if (!/^请核对|^工单 PY|^PY\d{12} /.test(reply)) expect(reply.length, reply).toBeLessThanOrEqual(200);
  }
}
