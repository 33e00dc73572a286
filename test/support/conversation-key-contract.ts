import { describe, expect, it } from 'vitest';

/**
 * The contract every channel's conversation keys keep: a key is `<channel>:…`, decoding what was
 * encoded gives back the same value, different values never share a key, and a key of another
 * channel (or no key at all) is refused with `undefined`. Each adapter runs it on its own samples:
 *
 *   conversationKeyContract({ channel: 'feishu', encode: encodeFeishuKey, decode: decodeFeishuKey,
 *     samples: ['oc_5b1c…'] });
 */
export interface ConversationKeyContract<T> {
  readonly channel: 'web' | 'wechat' | 'feishu';
  readonly encode: (value: T) => string;
  readonly decode: (key: string) => T | undefined;
  /** Values as the channel meets them (at least one); include unusual but valid ones. */
  readonly samples: readonly T[];
  /** Keys of this channel's own prefix that are malformed and must be refused too. */
  readonly malformed?: readonly string[];
}

/** Keys other channels produce; a decoder must refuse every one that is not of its own channel. */
const OTHER_CHANNELS: Readonly<Record<ConversationKeyContract<unknown>['channel'], readonly string[]>> = {
  web: ['web:r-1', 'web:dept-zjj', 'web:staff'],
  wechat: ['wechat:dm:wxid_r6qp5ctgyxsj7k', 'wechat:room:20815443207@chatroom'],
  feishu: ['feishu:oc_5b1cadb1a240f1cd0240b5aac5667502', 'feishu:oc_p2p_1'],
};
const NOT_KEYS = ['', ':', 'oc_5b1cadb1a240f1cd0240b5aac5667502', 'wxid_abc', 'WEB:r-1', ' feishu:oc_x'];

const show = (value: unknown) => JSON.stringify(value);

export function conversationKeyContract<T>(contract: ConversationKeyContract<T>): void {
  const { channel, encode, decode, samples } = contract;
  const foreign = [
    ...Object.entries(OTHER_CHANNELS).flatMap(([name, keys]) => (name === channel ? [] : keys)),
    ...NOT_KEYS,
    ...(contract.malformed ?? []),
  ];

  describe(`${channel} conversation keys (contract)`, () => {
    it('has samples to check', () => {
      expect(samples.length).toBeGreaterThan(0);
    });

    it.each(samples.map((s) => [show(s), s] as const))('round-trips %s', (_label, sample) => {
      const key = encode(sample);
      expect(key.startsWith(`${channel}:`)).toBe(true);
      expect(decode(key)).toEqual(sample);
      expect(encode(decode(key) as T)).toBe(key);
    });

    it('gives different values different keys', () => {
      const keys = samples.map((s) => encode(s));
      const distinct = new Set(samples.map((s) => show(s)));
      expect(new Set(keys).size).toBe(distinct.size);
    });

    it.each(foreign.map((k) => [JSON.stringify(k), k] as const))('refuses %s', (_label, key) => {
      expect(decode(key)).toBeUndefined();
    });
  });
}
