import type { GroupRef } from '../directory/directory-index.js';
import type { Person } from '../directory/directory-schema.js';
import type { ChannelName, OutboundMessage, Sender } from '../messages.js';

/** What the core needs of a chat channel. Capabilities only some channels have are optional. */
export interface ChannelPort {
  readonly name: ChannelName;
  /** The conversation key of a directory group on this channel, if the group is bound here. */
  groupConversation(group: GroupRef): string | undefined;
  /** The directory group a conversation belongs to, if any. */
  groupOf(conversation: string): GroupRef | undefined;
  /** The member of `group` who sent a message, if the sender is one. */
  identify(group: GroupRef, sender: Sender): Person | undefined;
  /** This channel's ids of directory people, to @-mention them. */
  mentionIds(people: readonly Person[]): readonly string[];
  /** Delivers a message; `key` is stable across retries of the same message (for idempotent sends). */
  send(message: OutboundMessage, key: string): Promise<void>;
  /**
   * Updates the card already posted about `message.card.ticketNumber` in place. Channels without it
   * skip card updates (the person who acted already got a text answer).
   */
  updateCard?(message: OutboundMessage, key: string): Promise<void>;
}
