import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Feishu's webhook cryptography (the same scheme as the SDK's AESCipher):
 * `encrypt = base64(iv16 ‖ AES-256-CBC(key = sha256(encryptKey), PKCS#7))`, and
 * `X-Lark-Signature = sha256_hex(timestamp + nonce + encryptKey + rawBody)` over the raw bytes
 * received (the SDK re-serialises the parsed body instead, which only matches compact JSON).
 */

const IV_BYTES = 16;
const BLOCK_BYTES = 16;

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** The plaintext, or `undefined` when the value is not something this key encrypted. */
export function decryptFeishuPayload(encrypt: string, encryptKey: string): string | undefined {
  const bytes = Buffer.from(encrypt, 'base64');
  const cipherLength = bytes.length - IV_BYTES;
  if (cipherLength <= 0 || cipherLength % BLOCK_BYTES !== 0) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), bytes.subarray(0, IV_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES)), decipher.final()]);
    // A wrong key passes the padding check about once in 256 tries; bad UTF-8 catches most of those.
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return undefined;
  }
}

export function encryptFeishuPayload(plain: string, encryptKey: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function feishuSignature(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: Uint8Array,
): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(rawBody)
    .digest('hex');
}

/** Constant-time string comparison (lengths may leak; contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
