import type { ChannelRuntime } from './channel-runtime.js';
import type { Env } from './config/env.js';
import type { ChannelContext } from './hotline.js';

/** The chat channels the environment configures besides the web one. */
export async function configuredChannels(_env: Env, _context: ChannelContext): Promise<ChannelRuntime[]> {
  return [];
}
