import { describe, expect, it } from 'vitest';
import {
  describeWechatConfig,
  parseWechatConfig,
  WechatConfigError,
} from '../../../adapters/wechat/wechat-config.js';

const SERVICE = {
  WECHATY_PUPPET: 'wechaty-puppet-service',
  WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_3f9c2e',
};

describe('WeChat settings from the environment', () => {
  it('leaves the channel off when no puppet is named', () => {
    expect(parseWechatConfig({})).toBeUndefined();
    expect(parseWechatConfig({ WECHATY_PUPPET: '  ', WECHATY_PUPPET_SERVICE_TOKEN: 'x' })).toBeUndefined();
  });

  it('has defaults that protect the account', () => {
    expect(parseWechatConfig({ WECHATY_PUPPET: 'wechaty-puppet-mock' })).toEqual({
      puppet: 'wechaty-puppet-mock',
      name: 'hotline',
      wechatyLogLevel: 'warn',
      sendIntervalMs: 1_500,
      sendJitterMs: 500,
      maxAttachmentBytes: 20 * 1_048_576,
    });
  });

  it.each([
    ['WECHAT_SEND_INTERVAL', '2', 'sendIntervalMs', 2_000],
    ['WECHAT_SEND_INTERVAL', '2.5s', 'sendIntervalMs', 2_500],
    ['WECHAT_SEND_INTERVAL', '800ms', 'sendIntervalMs', 800],
    ['WECHAT_SEND_JITTER', '0', 'sendJitterMs', 0],
    ['WECHAT_SEND_JITTER', '1s', 'sendJitterMs', 1_000],
    ['WECHAT_MAX_ATTACHMENT', '5', 'maxAttachmentBytes', 5 * 1_048_576],
    ['WECHAT_MAX_ATTACHMENT', '512KB', 'maxAttachmentBytes', 512 * 1_024],
    ['WECHAT_MAX_ATTACHMENT', '1gb', 'maxAttachmentBytes', 1_073_741_824],
    ['WECHATY_NAME', 'county-bot_2', 'name', 'county-bot_2'],
  ])('reads %s=%s', (variable, value, field, expected) => {
    const config = parseWechatConfig({ ...SERVICE, [variable]: value });
    expect(config?.[field as keyof typeof config]).toBe(expected);
  });

  it('passes the service token and endpoint to the puppet', () => {
    const config = parseWechatConfig({ ...SERVICE, WECHATY_PUPPET_SERVICE_ENDPOINT: '10.0.0.5:8788' });
    expect(config).toMatchObject({ token: 'puppet_workpro_3f9c2e', endpoint: '10.0.0.5:8788' });
  });

  it.each([
    [{ WECHATY_PUPPET: 'wechaty-puppet-service' }, 'WECHATY_PUPPET_SERVICE_TOKEN'],
    [{ WECHATY_PUPPET: 'wechaty-puppet-padlocal' }, 'WECHATY_PUPPET_SERVICE_TOKEN'],
    [{ WECHATY_PUPPET: 'padlocal' }, 'WECHATY_PUPPET'],
    [{ ...SERVICE, WECHAT_SEND_INTERVAL: 'fast' }, 'WECHAT_SEND_INTERVAL'],
    [{ ...SERVICE, WECHAT_SEND_INTERVAL: '0' }, 'WECHAT_SEND_INTERVAL'],
    [{ ...SERVICE, WECHAT_MAX_ATTACHMENT: 'big' }, 'WECHAT_MAX_ATTACHMENT'],
    [{ ...SERVICE, WECHATY_NAME: '../etc/passwd' }, 'WECHATY_NAME'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => parseWechatConfig(env)).toThrow(WechatConfigError);
    expect(() => parseWechatConfig(env)).toThrow(variable);
  });

  it('never shows the token when describing the settings', () => {
    const described = JSON.stringify(describeWechatConfig(parseWechatConfig(SERVICE)!));
    expect(described).not.toContain('puppet_workpro_3f9c2e');
    expect(described).toContain('"token":"set"');
  });

  it('does not echo the token in an error about another variable', () => {
    const error = (() => {
      try {
        parseWechatConfig({ ...SERVICE, WECHAT_SEND_JITTER: 'x' });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/WECHAT_SEND_JITTER/);
    expect(error?.message).not.toContain('puppet_workpro_3f9c2e');
  });
});
