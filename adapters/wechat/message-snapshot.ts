import { type Message, types } from 'wechaty';

/** What a WeChat message is, by the names this adapter uses (puppets number them). */
export type WechatMessageKind =
  | 'text'
  | 'image'
  | 'file'
  | 'video'
  | 'voice'
  | 'emoticon'
  | 'link'
  | 'mini-program'
  | 'location'
  | 'contact-card'
  | 'chat-history'
  | 'money'
  | 'recalled'
  | 'other';

/** A plain, serializable copy of what the adapter needs of a wechaty message (fixtures record these). */
export interface WechatSnapshot {
  readonly id: string;
  readonly kind: WechatMessageKind;
  readonly text: string;
  /** Sent by the bot's own account. */
  readonly self: boolean;
  /** ISO time the message was sent. */
  readonly date: string;
  readonly room?: { readonly id: string; readonly topic: string };
  readonly talker: {
    readonly id: string;
    readonly name: string;
    /** The remark the bot's account gave the contact. */
    readonly alias?: string;
    /** The contact's nickname in the room. */
    readonly roomAlias?: string;
  };
  /** The bot was @-mentioned (rooms only). */
  readonly mentionSelf: boolean;
  /** The text with the @-mentions taken out. */
  readonly mentionText: string;
  readonly link?: { readonly url?: string; readonly title?: string };
  readonly location?: { readonly address: string; readonly name?: string };
}

const KINDS: Partial<Record<types.Message, WechatMessageKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.Image]: 'image',
  [types.Message.Attachment]: 'file',
  [types.Message.Video]: 'video',
  [types.Message.Audio]: 'voice',
  [types.Message.Emoticon]: 'emoticon',
  [types.Message.Url]: 'link',
  [types.Message.MiniProgram]: 'mini-program',
  [types.Message.Location]: 'location',
  [types.Message.Contact]: 'contact-card',
  [types.Message.ChatHistory]: 'chat-history',
  [types.Message.Transfer]: 'money',
  [types.Message.RedEnvelope]: 'money',
  [types.Message.Recalled]: 'recalled',
};

/** A puppet that cannot give a detail should not lose the message. */
async function optional<T>(read: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

export async function snapshotMessage(message: Message): Promise<WechatSnapshot> {
  const kind = KINDS[message.type()] ?? 'other';
  const talker = message.talker();
  const room = message.room();
  const text = message.text() ?? '';
  const [alias, topic, roomAlias, mentionSelf, mentionText] = await Promise.all([
    optional(() => talker.alias()),
    room ? optional(() => room.topic()) : undefined,
    room ? optional(() => room.alias(talker)) : undefined,
    room ? optional(() => message.mentionSelf()) : false,
    room ? optional(() => message.mentionText()) : text,
  ]);
  const link =
    kind === 'link'
      ? await optional(async () => {
          const url = await message.toUrlLink();
          return { url: url.url(), title: url.title() };
        })
      : kind === 'mini-program'
        ? await optional(async () => ({ title: (await message.toMiniProgram()).title() ?? '' }))
        : undefined;
  const location =
    kind === 'location'
      ? // wechaty 1.20's toLocation() cannot build its result; the puppet's payload is what it wraps.
        await optional(async () => {
          const place = await message.wechaty.puppet.messageLocation(message.id);
          return { address: place.address ?? '', ...(place.name ? { name: place.name } : {}) };
        })
      : undefined;
  return {
    id: message.id,
    kind,
    text,
    self: message.self(),
    date: message.date().toISOString(),
    ...(room ? { room: { id: room.id, topic: topic ?? '' } } : {}),
    talker: {
      id: talker.id,
      name: talker.name() ?? '',
      ...(alias ? { alias } : {}),
      ...(roomAlias ? { roomAlias } : {}),
    },
    mentionSelf: mentionSelf ?? false,
    mentionText: mentionText ?? text,
    ...(link ? { link } : {}),
    ...(location ? { location } : {}),
  };
}
