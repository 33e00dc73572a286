/** Web conversation keys: `web:<chat id>`. Only this adapter encodes and decodes them. */
const PREFIX = 'web:';

export function encodeWebKey(chat: string): string {
  return `${PREFIX}${chat}`;
}

export function decodeWebKey(key: string): string | undefined {
  return key.startsWith(PREFIX) ? key.slice(PREFIX.length) : undefined;
}
