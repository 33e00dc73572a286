import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import {
  decryptFeishuPayload,
  encryptFeishuPayload,
  feishuSignature,
  safeEqual,
} from '../../../adapters/feishu/feishu-crypto.js';
import { encryptPayload } from '../../fakes/fake-feishu/webhook-delivery.js';

const KEY = 'kx9Q-encrypt-key';
const PLAIN = JSON.stringify({ schema: '2.0', header: { event_id: 'e1' }, event: { text: '路灯坏了' } });

describe('Feishu webhook crypto', () => {
  it("produces what the SDK's own AESCipher decrypts", () => {
    expect(new lark.AESCipher(KEY).decrypt(encryptFeishuPayload(PLAIN, KEY))).toBe(PLAIN);
  });

  it('decrypts what Feishu (the fake) encrypts, and nothing under another key', () => {
    const encrypted = encryptPayload(PLAIN, KEY);
    expect(decryptFeishuPayload(encrypted, KEY)).toBe(PLAIN);
    expect(decryptFeishuPayload(encrypted, 'another-key')).toBeUndefined();
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['too short for an iv', Buffer.alloc(10).toString('base64')],
    ['not a whole number of blocks', Buffer.alloc(16 + 20).toString('base64')],
    ['empty', ''],
  ])('refuses %s without throwing', (_label, value) => {
    expect(decryptFeishuPayload(value, KEY)).toBeUndefined();
  });

  it('signs the raw body bytes like the SDK does for compact JSON', () => {
    const body = JSON.stringify({ encrypt: encryptPayload(PLAIN, KEY) });
    const sdkWay = createHash('sha256').update(`1750000000nonce1${KEY}${body}`).digest('hex');
    expect(feishuSignature('1750000000', 'nonce1', KEY, Buffer.from(body))).toBe(sdkWay);
  });

  it('compares secrets exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
