import { z } from 'zod';
import { startsWithCommand } from '../../core/domain/commands.js';
import type { Attachment, InboundMessage } from '../../core/messages.js';
import { encodeFeishuKey } from './feishu-keys.js';
import { postToText } from './post-text.js';
import { isPlainObject } from './webhook-envelope.js';

/**
 * `im.message.receive_v1` (as the SDK's dispatcher hands it over: header and event fields merged)
 * → what the hotline should do with it. Pure: downloads and replies are the caller's.
 *
 * Private chat (p2p) → the resident bot: text, rich text, images, files, videos and locations are
 * taken; voice, stickers and the rest get a courteous request for text. Group chat → only a bound
 * group, only text or rich text, and only when the bot is @-mentioned (by open_id) or the text
 * starts with a command word; the bot's mention is stripped. The bot's own messages are ignored.
 */

export interface InboundContext {
  readonly botOpenId: string;
  /** Whether a group chat is bound to a directory group. */
  readonly isBoundGroup: (chatId: string) => boolean;
  /** When the message carries no usable creation time. */
  readonly now: Date;
}

/** A platform file to fetch; once stored, `message.attachments[index].ref` becomes its path. */
export interface ResourceDownload {
  readonly index: number;
  readonly messageId: string;
  readonly key: string;
  /** What the message resource API calls it: images are `image`, everything else `file`. */
  readonly type: 'image' | 'file';
}

export type InboundDecision =
  | {
      readonly kind: 'message';
      readonly message: InboundMessage;
      readonly downloads: readonly ResourceDownload[];
    }
  | { readonly kind: 'decline'; readonly chatId: string; readonly messageId: string; readonly reply: string }
  | { readonly kind: 'ignore'; readonly reason: string };

export const DECLINE_REPLIES = {
  audio: '抱歉，暂时听不了语音。请用文字说说您遇到的问题，我来帮您登记。',
  sticker: '收到您的表情。请用文字说说遇到的问题，我来帮您登记。',
  other: '抱歉，暂不支持这类消息。请用文字描述您的问题，也可以发送图片或文件。',
} as const;

const MessageEventSchema = z.looseObject({
  sender: z.looseObject({
    sender_id: z
      .looseObject({
        open_id: z.string().optional(),
        user_id: z.string().optional(),
        union_id: z.string().optional(),
      })
      .optional(),
    sender_type: z.string().optional(),
  }),
  message: z.looseObject({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.string().optional(),
    mentions: z
      .array(
        z.looseObject({
          key: z.string(),
          id: z.looseObject({ open_id: z.string().optional(), user_id: z.string().optional() }).optional(),
          name: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

type MessageEvent = z.infer<typeof MessageEventSchema>;
type Mention = NonNullable<MessageEvent['message']['mentions']>[number];

interface Body {
  readonly text: string;
  readonly mentionsBot: boolean;
  readonly attachments: readonly Attachment[];
  readonly downloads: readonly Omit<ResourceDownload, 'messageId'>[];
}

const ignore = (reason: string): InboundDecision => ({ kind: 'ignore', reason });

export function toInbound(data: unknown, ctx: InboundContext): InboundDecision {
  const parsed = MessageEventSchema.safeParse(data);
  if (!parsed.success) return ignore('malformed message event');
  const { sender, message } = parsed.data;
  const openId = sender.sender_id?.open_id;
  if (sender.sender_type === 'app' || openId === ctx.botOpenId) return ignore('the bot’s own message');
  if (!openId) return ignore('no sender open_id');
  const isGroup = message.chat_type !== 'p2p';
  if (isGroup && !ctx.isBoundGroup(message.chat_id)) return ignore('group not bound to the directory');

  const content = parseContent(message.content);
  const mentions = message.mentions ?? [];
  const type = message.message_type;
  let body: Body;
  if (type === 'text') body = textBody(str(content.text) ?? '', mentions, ctx.botOpenId);
  else if (type === 'post') body = postBody(content, mentions, ctx.botOpenId, !isGroup);
  else if (isGroup) return ignore(`${type} message in a group`);
  else {
    const taken = mediaBody(type, content);
    if (typeof taken === 'string') {
      return { kind: 'decline', chatId: message.chat_id, messageId: message.message_id, reply: taken };
    }
    body = taken;
  }
  if (isGroup && !body.mentionsBot && !startsWithCommand(body.text))
    return ignore('not addressed to the bot');

  const altIds = [sender.sender_id?.user_id, sender.sender_id?.union_id].filter((id): id is string => !!id);
  const created = Number(message.create_time);
  return {
    kind: 'message',
    message: {
      channel: 'feishu',
      conversation: encodeFeishuKey(message.chat_id),
      isGroup,
      id: message.message_id,
      sender: { id: openId, ...(altIds.length ? { altIds } : {}) },
      text: body.text,
      mentionsBot: body.mentionsBot,
      attachments: body.attachments,
      receivedAt: Number.isFinite(created) && created > 0 ? new Date(created) : ctx.now,
      raw: data,
    },
    downloads: body.downloads.map((d) => ({ ...d, messageId: message.message_id })),
  };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function parseContent(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return isPlainObject(value) ? value : {};
  } catch {
    return {};
  }
}

const tidy = (text: string) => text.replace(/[ \t\u00a0]{2,}/g, ' ').trim();

/** Mention keys (`@_user_1`) become `@name`, except the bot's, which disappears. */
function textBody(raw: string, mentions: readonly Mention[], botOpenId: string): Body {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  let mentionsBot = false;
  const text = raw.replace(/@_[A-Za-z0-9_]+/g, (key) => {
    if (key === '@_all') return '@所有人';
    const mention = byKey.get(key);
    if (!mention) return key;
    if (mention.id?.open_id === botOpenId) {
      mentionsBot = true;
      return ' ';
    }
    return `@${mention.name ?? ''}`;
  });
  return { text: tidy(text), mentionsBot, attachments: [], downloads: [] };
}

function postBody(
  content: Record<string, unknown>,
  mentions: readonly Mention[],
  botOpenId: string,
  keepMedia: boolean,
): Body {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  let mentionsBot = false;
  const post = postToText(content, (userId, userName) => {
    const openId = byKey.get(userId)?.id?.open_id ?? userId;
    if (openId === botOpenId) {
      mentionsBot = true;
      return ' ';
    }
    if (userId === 'all' || userId === '@_all') return '@所有人';
    return `@${userName ?? byKey.get(userId)?.name ?? ''}`;
  });
  const media = keepMedia ? post.media : [];
  return {
    text: tidy(post.text),
    mentionsBot,
    attachments: media.map((m) => ({ kind: m.kind, ref: m.key })),
    downloads: media.map((m, index) => ({ index, key: m.key, type: m.kind === 'image' ? 'image' : 'file' })),
  };
}

/** A private chat's non-text message: an attachment to keep, or the reply that declines it. */
function mediaBody(type: string, content: Record<string, unknown>): Body | string {
  const none = { text: '', mentionsBot: false };
  switch (type) {
    case 'image': {
      const key = str(content.image_key);
      if (!key) return DECLINE_REPLIES.other;
      return {
        ...none,
        attachments: [{ kind: 'image', ref: key }],
        downloads: [{ index: 0, key, type: 'image' }],
      };
    }
    case 'file':
    case 'media': {
      const key = str(content.file_key);
      if (!key) return DECLINE_REPLIES.other;
      const name = str(content.file_name);
      const kind = type === 'media' ? 'video' : 'file';
      return {
        ...none,
        attachments: [{ kind, ref: key, ...(name ? { name } : {}) }],
        downloads: [{ index: 0, key, type: 'file' }],
      };
    }
    case 'location': {
      const name = str(content.name)?.trim() ?? '';
      const lat = str(content.latitude);
      const lng = str(content.longitude);
      const ref = lat && lng ? `geo:${lat},${lng}` : 'geo:unknown';
      return {
        ...none,
        text: name,
        attachments: [{ kind: 'location', ref, ...(name ? { text: name } : {}) }],
        downloads: [],
      };
    }
    case 'audio':
      return DECLINE_REPLIES.audio;
    case 'sticker':
      return DECLINE_REPLIES.sticker;
    default:
      return DECLINE_REPLIES.other;
  }
}
