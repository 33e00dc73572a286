import type { GroupRef } from '../../core/directory/directory-index.js';
import type { Person } from '../../core/directory/directory-schema.js';
import type { Sender } from '../../core/messages.js';
import type { ChannelPort } from '../../core/ports/channel-port.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import { renderWechatText } from './outbound-text.js';
import type { RoomBook } from './room-book.js';
import { decodeWechatKey } from './wechat-keys.js';

/** Says a text; looked up beforehand so that pacing spaces the says themselves. */
export type Speak = (text: string) => Promise<void>;

/** The few things the channel asks of the logged-in WeChat account. */
export interface WechatSayer {
  toContact(contactId: string): Promise<Speak>;
  /** Speaks in a room, @-mentioning the members with these contact ids. */
  toRoom(roomId: string, mentionIds: readonly string[]): Promise<Speak>;
  /** The id of the room with exactly this topic, if the account is in one. */
  findRoomByTopic(topic: string): Promise<string | undefined>;
}

export type WechatSendErrorCode = 'logged-out' | 'bad-conversation' | 'room-not-found';

export class WechatSendError extends Error {
  override readonly name = 'WechatSendError';
  constructor(
    readonly code: WechatSendErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface WechatChannelDeps {
  readonly book: RoomBook;
  readonly sayer: WechatSayer;
  readonly canSend: () => boolean;
  /** Least time between two messages the account says, whatever the queue's timing. */
  readonly intervalMs: number;
  /** Up to this many ms of random delay before each send, so the account does not look like a bot. */
  readonly jitterMs: number;
  readonly logger?: LoggerPort;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const REMEMBERED_SENDS = 2_000;

/**
 * Who of a group sent a message: by WeChat contact id, or — only for members the directory lists
 * without an id — by the name the directory states (matching the contact's name, remark or room nickname).
 */
export function identifyMember(group: GroupRef, sender: Sender): Person | undefined {
  const byId = group.members.find((m) => m.wechat?.id === sender.id);
  if (byId) return byId;
  const names = new Set([sender.name, ...(sender.altIds ?? [])].filter(Boolean));
  return group.members.find((m) => !m.wechat?.id && m.wechat?.name !== undefined && names.has(m.wechat.name));
}

export function createWechatChannel(deps: WechatChannelDeps): ChannelPort {
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // The queue's limiter spaces job starts; the work before saying varies, so the says are spaced here.
  let lastSay = Number.NEGATIVE_INFINITY;
  let turn: Promise<unknown> = Promise.resolve();
  const paced = <T>(say: () => Promise<T>): Promise<T> => {
    const run = turn.then(async () => {
      const wait = lastSay + deps.intervalMs - Date.now();
      const jitter = deps.jitterMs > 0 ? Math.floor(random() * deps.jitterMs) : 0;
      if (wait + jitter > 0) await sleep(Math.max(0, wait) + jitter);
      lastSay = Date.now();
      return say();
    });
    turn = run.catch(() => undefined);
    return run;
  };
  // A retry after a send that went out but was not marked delivered must not say it twice.
  const sent = new Set<string>();
  const remember = (key: string) => {
    sent.add(key);
    if (sent.size > REMEMBERED_SENDS) sent.delete(sent.values().next().value!);
  };

  async function roomOfTopic(topic: string): Promise<string> {
    const known = deps.book.roomIdOfTopic(topic);
    if (known) return known;
    const found = await deps.sayer.findRoomByTopic(topic);
    if (!found)
      throw new WechatSendError('room-not-found', 'no WeChat room has the topic the directory binds');
    deps.book.learn(found, topic);
    return found;
  }

  return {
    name: 'wechat',
    groupConversation: (group) => deps.book.keyOf(group),
    groupOf: (conversation) => deps.book.groupOfKey(conversation),
    identify(group, sender) {
      const member = identifyMember(group, sender);
      // The contact id is what the directory needs to list the person (`wechat.id`).
      if (!member)
        deps.logger?.info(
          { group: group.id, contactId: sender.id },
          'WeChat sender is not listed in the group',
        );
      return member;
    },
    mentionIds: (people) => people.flatMap((p) => (p.wechat?.id ? [p.wechat.id] : [])),
    async send(message, key) {
      if (sent.has(key)) return;
      if (!deps.canSend()) throw new WechatSendError('logged-out', 'WeChat is not logged in');
      const address = decodeWechatKey(message.conversation);
      if (!address)
        throw new WechatSendError('bad-conversation', `not a WeChat conversation: ${message.conversation}`);
      const text = renderWechatText(message);
      const speak =
        address.kind === 'dm'
          ? await deps.sayer.toContact(address.contactId)
          : await deps.sayer.toRoom(
              address.kind === 'room' ? address.roomId : await roomOfTopic(address.topic),
              message.mentions ?? [],
            );
      await paced(() => speak(text));
      remember(key);
    },
  };
}
