import { startsWithCommand } from '../../core/domain/commands.js';
import type { Attachment, AttachmentKind, InboundMessage, Sender } from '../../core/messages.js';
import type { WechatMessageKind, WechatSnapshot } from './message-snapshot.js';
import { dmKey, roomKey } from './wechat-keys.js';

export type IgnoreReason =
  /** The bot's own message coming back. */
  | 'own-message'
  /** A room no directory group is bound to. */
  | 'unbound-room'
  /** Room talk that neither @-mentions the bot nor starts with a command word. */
  | 'room-chatter'
  /** A kind of message the hotline has no use for (contact card, transfer, recall …). */
  | 'unsupported'
  | 'empty';

export type InboundPlan =
  | {
      readonly action: 'receive';
      readonly message: InboundMessage;
      /** The first attachment is a file still to be fetched from WeChat; its `ref` is a placeholder. */
      readonly download: boolean;
    }
  | { readonly action: 'ignore'; readonly reason: IgnoreReason };

export interface ToInboundContext {
  /** Whether a room belongs to a directory group (by id, or by topic). */
  readonly roomBound: (room: { readonly id: string; readonly topic: string }) => boolean;
}

/** The platform key of a message's content, until (or instead of) a saved file. */
export const messageRef = (id: string) => `wechat-message:${id}`;

const FILE_KINDS: Partial<Record<WechatMessageKind, AttachmentKind>> = {
  image: 'image',
  file: 'file',
  video: 'video',
  voice: 'audio',
};

function senderOf(snapshot: WechatSnapshot): Sender {
  const { id, name, alias, roomAlias } = snapshot.talker;
  const altIds = [...new Set([alias, roomAlias].filter((v): v is string => Boolean(v) && v !== name))];
  return { id, ...(name ? { name } : {}), ...(altIds.length ? { altIds } : {}) };
}

/** What the message carries besides text, for a private chat; `undefined` when the hotline can't use it. */
function attachmentOf(snapshot: WechatSnapshot): { attachment: Attachment; download: boolean } | undefined {
  const ref = messageRef(snapshot.id);
  const fileKind = FILE_KINDS[snapshot.kind];
  if (fileKind) return { attachment: { kind: fileKind, ref }, download: true };
  switch (snapshot.kind) {
    case 'emoticon':
      return { attachment: { kind: 'sticker', ref }, download: false };
    case 'link':
    case 'mini-program': {
      const title = snapshot.link?.title;
      return {
        attachment: { kind: 'link', ref: snapshot.link?.url || ref, ...(title ? { name: title } : {}) },
        download: false,
      };
    }
    case 'location': {
      const where = [snapshot.location?.name, snapshot.location?.address].filter(Boolean).join(' ');
      return { attachment: { kind: 'location', ref, ...(where ? { text: where } : {}) }, download: false };
    }
    default:
      return undefined;
  }
}

/**
 * Decides what a WeChat message is for the hotline. Private chats go to the resident bot; in a bound
 * room the bot listens only when @-mentioned or when a command word starts the message.
 */
export function toInbound(snapshot: WechatSnapshot, context: ToInboundContext): InboundPlan {
  if (snapshot.self) return { action: 'ignore', reason: 'own-message' };
  const base = {
    channel: 'wechat' as const,
    id: snapshot.id,
    sender: senderOf(snapshot),
    receivedAt: new Date(snapshot.date),
    raw: snapshot,
  };

  if (snapshot.room) {
    if (!context.roomBound(snapshot.room)) return { action: 'ignore', reason: 'unbound-room' };
    if (snapshot.kind !== 'text') return { action: 'ignore', reason: 'room-chatter' };
    const text = (snapshot.mentionSelf ? snapshot.mentionText : snapshot.text).trim();
    if (!snapshot.mentionSelf && !startsWithCommand(text))
      return { action: 'ignore', reason: 'room-chatter' };
    const message: InboundMessage = {
      ...base,
      conversation: roomKey(snapshot.room.id),
      isGroup: true,
      text,
      mentionsBot: snapshot.mentionSelf,
      attachments: [],
    };
    return { action: 'receive', message, download: false };
  }

  const dm = { ...base, conversation: dmKey(snapshot.talker.id), isGroup: false, mentionsBot: false };
  if (snapshot.kind === 'text') {
    const text = snapshot.text.trim();
    if (!text) return { action: 'ignore', reason: 'empty' };
    return { action: 'receive', message: { ...dm, text, attachments: [] }, download: false };
  }
  const carried = attachmentOf(snapshot);
  if (!carried) return { action: 'ignore', reason: 'unsupported' };
  return {
    action: 'receive',
    message: { ...dm, text: '', attachments: [carried.attachment] },
    download: carried.download,
  };
}
