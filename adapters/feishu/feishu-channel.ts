import { createHash } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { DirectoryIndex, GroupRef } from '../../core/directory/directory-index.js';
import type { Person } from '../../core/directory/directory-schema.js';
import type { OutboundMessage, Sender } from '../../core/messages.js';
import type { ChannelPort } from '../../core/ports/channel-port.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import { renderCard, renderOutbound } from './card-render.js';
import type { FeishuCardStore } from './feishu-card-store.js';
import { FeishuApiError, type FeishuClient } from './feishu-client.js';
import { decodeFeishuKey, encodeFeishuKey } from './feishu-keys.js';

/**
 * The Feishu channel as the core sees it. Groups are bound by `chat_id`, people by `open_id`
 * (or `user_id`). A send is idempotent per key (Feishu's `uuid`); a dispatch card is remembered
 * per chat and order so that `updateCard` patches it in place. Failures that another try cannot
 * fix (the bot removed from the chat, no permission) become `UnrecoverableError`, so the send
 * queue stops retrying them; rate limits and server errors are thrown as they are, to be retried.
 */

export interface FeishuChannelDeps {
  readonly client: FeishuClient;
  readonly directory: DirectoryIndex;
  readonly cards: FeishuCardStore;
  readonly logger: LoggerPort;
}

/** Feishu keeps a `uuid` of at most 50 characters. */
function uuidFor(key: string): string {
  return key.length <= 50 ? key : `k-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

function isMember(person: Person, sender: Sender): boolean {
  const ids = [sender.id, ...(sender.altIds ?? [])];
  const { openId, userId } = person.feishu ?? {};
  return (openId !== undefined && sender.id === openId) || (userId !== undefined && ids.includes(userId));
}

/** Another try cannot help: stop the send queue from retrying. */
function final(error: unknown): unknown {
  return error instanceof FeishuApiError && !error.retryable ? new UnrecoverableError(error.message) : error;
}

export function createFeishuChannel(deps: FeishuChannelDeps): ChannelPort {
  const { client, cards, logger } = deps;
  const byChat = new Map<string, GroupRef>();
  for (const group of deps.directory.groups) if (group.chat.feishu) byChat.set(group.chat.feishu, group);

  const chatOf = (message: OutboundMessage): string => {
    const chat = decodeFeishuKey(message.conversation);
    if (chat === undefined)
      throw new UnrecoverableError(`not a Feishu conversation: ${message.conversation}`);
    return chat;
  };

  async function post(message: OutboundMessage, key: string): Promise<void> {
    const chat = chatOf(message);
    const { msgType, content } = renderOutbound(message);
    try {
      const messageId = await client.send({ receiveId: chat, msgType, content, uuid: uuidFor(key) });
      const ticket = message.card?.ticketNumber;
      if (ticket) await cards.remember(chat, ticket, messageId);
    } catch (error) {
      throw final(error);
    }
  }

  return {
    name: 'feishu',
    groupConversation: (group) => (group.chat.feishu ? encodeFeishuKey(group.chat.feishu) : undefined),
    groupOf(conversation) {
      const chat = decodeFeishuKey(conversation);
      return chat === undefined ? undefined : byChat.get(chat);
    },
    identify: (group, sender) => group.members.find((person) => isMember(person, sender)),
    mentionIds: (people) =>
      people.flatMap((p) => {
        const id = p.feishu?.openId ?? p.feishu?.userId;
        return id ? [id] : [];
      }),
    send: post,

    async updateCard(message, key) {
      const ticket = message.card?.ticketNumber;
      if (!message.card || !ticket) return post(message, key);
      const chat = chatOf(message);
      const known = await cards.find(chat, ticket);
      if (known) {
        try {
          await client.patch(known, JSON.stringify(renderCard(message)));
          return;
        } catch (error) {
          if (!(error instanceof FeishuApiError) || error.retryable) throw error;
          // Deleted, too old to edit, or otherwise gone for good: the group still gets the news.
          logger.warn(
            { chat, ticket, code: error.code },
            'feishu card could not be updated; posting a new one',
          );
        }
      }
      await post(message, key);
    },
  };
}
