import type { HotlineApp } from '../../core/app/hotline-app.js';
import type { ChannelPort } from '../../core/ports/channel-port.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import { CARD_TOASTS, cardActionToInbound } from './card-action.js';
import type { AttachmentFetcher } from './feishu-attachments.js';
import type { FeishuClient } from './feishu-client.js';
import { encodeFeishuKey } from './feishu-keys.js';
import { toInbound } from './to-inbound.js';
import { isPlainObject } from './webhook-envelope.js';
import type { DedupeStore } from './webhook-guard.js';

/**
 * What to do with each Feishu event, whichever way it came (long connection or webhook).
 *
 * A message is acknowledged at once: the handler only records the event id and queues the work
 * (Feishu resends what is not answered within 3 s, and the long connection waits for the handler
 * before answering). The work runs in arrival order per chat, inside an error boundary that logs
 * the chat and message id and never makes Feishu resend.
 *
 * A card button must be answered with a toast in that same answer, so it is checked (member of the
 * group? order still in a state for this button?) and stored before answering; that is one read
 * and one insert. The core then updates the card through the send queue.
 */

export interface CardAnswer {
  readonly toast: { readonly type: 'success' | 'error' | 'info' | 'warning'; readonly content: string };
}

export interface FeishuEventsDeps {
  readonly port: ChannelPort;
  readonly client: FeishuClient;
  readonly fetchAttachments: AttachmentFetcher;
  readonly botOpenId: () => Promise<string>;
  readonly dedupe: DedupeStore;
  readonly logger: LoggerPort;
  readonly clock: () => Date;
}

export interface FeishuEvents {
  /** Events before this wait (messages) or are asked to come back later (buttons). */
  attach(app: HotlineApp): void;
  onMessage(data: unknown): Promise<void>;
  onCardAction(data: unknown): Promise<CardAnswer>;
  /** Resolves when no queued message is waiting or being handled. */
  idle(): Promise<void>;
}

const toast = (type: CardAnswer['toast']['type'], content: string): CardAnswer => ({
  toast: { type, content },
});
const RECEIVE_ATTEMPTS = 3;

function field(data: unknown, ...keys: string[]): string | undefined {
  let value: unknown = data;
  for (const key of keys) value = isPlainObject(value) ? value[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function createFeishuEvents(deps: FeishuEventsDeps): FeishuEvents {
  const { logger } = deps;
  let app: HotlineApp | undefined;
  let wake: (app: HotlineApp) => void = () => undefined;
  const attached = new Promise<HotlineApp>((resolve) => {
    wake = resolve;
  });
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();

  function enqueue(chat: string, task: () => Promise<void>): void {
    const next = (tails.get(chat) ?? Promise.resolve()).then(task);
    tails.set(chat, next);
    running.add(next);
    void next.finally(() => {
      running.delete(next);
      if (tails.get(chat) === next) tails.delete(chat);
    });
  }

  async function receive(target: HotlineApp, message: Parameters<HotlineApp['receive']>[0]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await target.receive(message);
        return;
      } catch (error) {
        if (attempt >= RECEIVE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      }
    }
  }

  async function handleMessage(data: unknown): Promise<void> {
    const target = await attached;
    const botOpenId = await deps.botOpenId();
    const decision = toInbound(data, {
      botOpenId,
      isBoundGroup: (chat) => deps.port.groupOf(encodeFeishuKey(chat)) !== undefined,
      now: deps.clock(),
    });
    switch (decision.kind) {
      case 'ignore':
        logger.debug(
          { reason: decision.reason, messageId: field(data, 'message', 'message_id') },
          'feishu message ignored',
        );
        return;
      case 'decline':
        await deps.client.send({
          receiveId: decision.chatId,
          msgType: 'text',
          content: JSON.stringify({ text: decision.reply }),
          uuid: `decline-${decision.messageId}`.slice(0, 50),
        });
        return;
      case 'message': {
        const message = await deps.fetchAttachments(decision.message, decision.downloads);
        await receive(target, message);
        return;
      }
    }
  }

  /**
   * Whether Feishu delivered this event before. Should the shared store fail, the event is handled:
   * the message itself is stored once by its message id, so a repeat still cannot file twice.
   */
  async function deliveredBefore(eventId: string): Promise<boolean> {
    try {
      return await deps.dedupe.seen(eventId);
    } catch (error) {
      logger.warn({ eventId, err: error }, 'feishu event dedupe unavailable; handling the event');
      return false;
    }
  }

  return {
    attach(target) {
      app = target;
      wake(target);
    },

    async onMessage(data) {
      const eventId = field(data, 'event_id');
      if (eventId !== undefined && (await deliveredBefore(eventId))) {
        logger.debug({ eventId }, 'feishu event delivered again; dropped');
        return;
      }
      const chat = field(data, 'message', 'chat_id') ?? '';
      enqueue(chat, () =>
        handleMessage(data).catch((error: unknown) => {
          logger.error(
            {
              conversation: chat ? encodeFeishuKey(chat) : undefined,
              messageId: field(data, 'message', 'message_id'),
              eventId,
              err: error,
            },
            'feishu message could not be handled',
          );
        }),
      );
    },

    async onCardAction(data) {
      if (!app) return toast('info', CARD_TOASTS.starting);
      const decision = cardActionToInbound(data, deps.clock());
      if (decision.kind === 'refuse') return toast('warning', decision.toast);
      const { message } = decision;
      const group = deps.port.groupOf(message.conversation);
      if (!group) return toast('error', CARD_TOASTS.unbound);
      try {
        const check = await app.check(group, message);
        if (!check.ok) return toast('error', check.reason);
        const outcome = await app.receive(message);
        return outcome === 'duplicate'
          ? toast('info', CARD_TOASTS.duplicate)
          : toast('success', CARD_TOASTS.accepted);
      } catch (error) {
        logger.error(
          { conversation: message.conversation, messageId: message.id, err: error },
          'feishu card action could not be handled',
        );
        return toast('error', CARD_TOASTS.failed);
      }
    },

    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
