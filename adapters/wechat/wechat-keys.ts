/**
 * WeChat conversation keys. Only this adapter encodes and decodes them:
 * - `wechat:dm:<contactId>`  a private chat with a contact;
 * - `wechat:room:<roomId>`   a room (`…@chatroom`);
 * - `wechat:topic:<topic>`   a room bound by topic whose id is not known yet; sending resolves it.
 */
export type WechatAddress =
  | { readonly kind: 'dm'; readonly contactId: string }
  | { readonly kind: 'room'; readonly roomId: string }
  | { readonly kind: 'topic'; readonly topic: string };

const PREFIX = { dm: 'wechat:dm:', room: 'wechat:room:', topic: 'wechat:topic:' } as const;

export function encodeWechatKey(address: WechatAddress): string {
  switch (address.kind) {
    case 'dm':
      return `${PREFIX.dm}${address.contactId}`;
    case 'room':
      return `${PREFIX.room}${address.roomId}`;
    case 'topic':
      return `${PREFIX.topic}${address.topic}`;
  }
}

export const dmKey = (contactId: string) => encodeWechatKey({ kind: 'dm', contactId });
export const roomKey = (roomId: string) => encodeWechatKey({ kind: 'room', roomId });
export const topicKey = (topic: string) => encodeWechatKey({ kind: 'topic', topic });

/** The address a key names; `undefined` for keys of other channels or with nothing after the prefix. */
export function decodeWechatKey(key: string): WechatAddress | undefined {
  if (key.startsWith(PREFIX.dm) && key.length > PREFIX.dm.length) {
    return { kind: 'dm', contactId: key.slice(PREFIX.dm.length) };
  }
  if (key.startsWith(PREFIX.room) && key.length > PREFIX.room.length) {
    return { kind: 'room', roomId: key.slice(PREFIX.room.length) };
  }
  if (key.startsWith(PREFIX.topic) && key.length > PREFIX.topic.length) {
    return { kind: 'topic', topic: key.slice(PREFIX.topic.length) };
  }
  return undefined;
}
