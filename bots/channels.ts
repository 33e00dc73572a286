import { parseFeishuConfig } from '../adapters/feishu/feishu-config.js';
import { parseWechatConfig } from '../adapters/wechat/wechat-config.js';
import type { ChannelRuntime } from './channel-runtime.js';
import type { Env } from './config/env.js';
import type { ChannelContext } from './hotline.js';

/** The chat channels the environment configures besides the web one; SDKs load only when used. */
export async function configuredChannels(
  _env: Env,
  context: ChannelContext,
  raw: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ChannelRuntime[]> {
  const runtimes: ChannelRuntime[] = [];
  const wechat = parseWechatConfig(raw);
  if (wechat) {
    const { createWechatRuntime } = await import('../adapters/wechat/wechat-runtime.js');
    runtimes.push(createWechatRuntime(wechat, context));
  }
  const feishu = parseFeishuConfig(raw);
  if (feishu) {
    const { createFeishuRuntime } = await import('../adapters/feishu/feishu-runtime.js');
    runtimes.push(createFeishuRuntime(feishu, context));
  }
  return runtimes;
}
