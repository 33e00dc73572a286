import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeFeishuConfig, parseFeishuConfig } from '../../../adapters/feishu/feishu-config.js';

const APP_ID = 'cli_a5f2c81e9b7d4036';
const SECRET = 'app-secret-Zq81xY';
const base = { FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: SECRET };

describe('parseFeishuConfig', () => {
  it.each([
    ['unset', {}],
    ['empty', { FEISHU_APP_ID: '  ', FEISHU_APP_SECRET: SECRET }],
  ])('is off when FEISHU_APP_ID is %s', (_label, env) => {
    expect(parseFeishuConfig(env)).toBeUndefined();
  });

  it('defaults to the long connection on feishu.cn, 5 messages a second', () => {
    const config = parseFeishuConfig(base);
    expect(config).toMatchObject({ mode: 'ws', appId: APP_ID, domain: 'feishu', sendPerSecond: 5 });
    expect(config?.appSecret.reveal()).toBe(SECRET);
  });

  it.each([
    ['lark', 'lark'],
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100'],
  ])('takes FEISHU_DOMAIN=%s', (domain, expected) => {
    expect(parseFeishuConfig({ ...base, FEISHU_DOMAIN: domain })?.domain).toBe(expected);
  });

  it('webhook mode takes its keys and path', () => {
    const config = parseFeishuConfig({
      ...base,
      FEISHU_MODE: 'webhook',
      FEISHU_ENCRYPT_KEY: 'ek-1',
      FEISHU_WEBHOOK_PATH: '/hooks/feishu',
      FEISHU_SEND_PER_SECOND: '10',
    });
    expect(config).toMatchObject({ mode: 'webhook', webhookPath: '/hooks/feishu', sendPerSecond: 10 });
    expect(config?.mode === 'webhook' && config.encryptKey?.reveal()).toBe('ek-1');
    const token = parseFeishuConfig({ ...base, FEISHU_MODE: 'webhook', FEISHU_VERIFICATION_TOKEN: 'vt' });
    expect(token).toMatchObject({ mode: 'webhook', webhookPath: '/feishu/events' });
  });

  it.each([
    [{ FEISHU_APP_SECRET: undefined }, /FEISHU_APP_SECRET/],
    [{ FEISHU_APP_ID: 'cli_short' }, /FEISHU_APP_ID: .*cli_ followed by 16 hex/],
    [{ FEISHU_MODE: 'polling' }, /FEISHU_MODE: must be ws or webhook/],
    [{ FEISHU_DOMAIN: 'ftp://x' }, /FEISHU_DOMAIN/],
    [{ FEISHU_SEND_PER_SECOND: '500' }, /FEISHU_SEND_PER_SECOND/],
    [{ FEISHU_MODE: 'webhook' }, /FEISHU_ENCRYPT_KEY: webhook mode needs/],
    [
      { FEISHU_MODE: 'webhook', FEISHU_ENCRYPT_KEY: 'k', FEISHU_WEBHOOK_PATH: '/a?b=1' },
      /FEISHU_WEBHOOK_PATH/,
    ],
  ])('refuses %o naming the variable', (overrides, message) => {
    expect(() => parseFeishuConfig({ ...base, ...overrides })).toThrow(message);
  });

  it('never shows a secret: not in errors, JSON, inspect or the description', () => {
    const config = parseFeishuConfig({ ...base, FEISHU_MODE: 'webhook', FEISHU_ENCRYPT_KEY: 'ek-secret-2' });
    const shown = [
      JSON.stringify(config),
      inspect(config, { depth: 5 }),
      JSON.stringify(describeFeishuConfig(config!)),
      `${config?.appSecret}`,
    ];
    for (const text of shown) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('ek-secret-2');
    }
    expect(describeFeishuConfig(config!)).toMatchObject({ encryptKey: 'set', verificationToken: 'unset' });
    try {
      parseFeishuConfig({ ...base, FEISHU_SEND_PER_SECOND: 'many' });
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
    }
  });
});
