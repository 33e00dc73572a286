/**
 * Feishu conversation keys: `feishu:<chat_id>`, for group chats and private (p2p) chats alike —
 * both have a chat_id, and sending by chat_id reaches either. Only this adapter encodes and decodes them.
 */
const PREFIX = 'feishu:';

export function encodeFeishuKey(chatId: string): string {
  return `${PREFIX}${chatId}`;
}

/** The chat_id of a Feishu key; `undefined` for another channel's key or a malformed one. */
export function decodeFeishuKey(key: string): string | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  const chatId = key.slice(PREFIX.length);
  return /^[^\s:]+$/.test(chatId) ? chatId : undefined;
}
