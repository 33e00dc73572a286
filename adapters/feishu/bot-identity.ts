import type { LoggerPort } from '../../core/ports/logger-port.js';
import type { FeishuClient } from './feishu-client.js';

/**
 * The bot's own open_id, which tells an @-mention of the bot (and the bot's own messages) apart:
 * a name can be changed or copied, the id cannot. Fetched at start and retried with backoff until
 * Feishu answers; messages that need it wait for it.
 */
export interface BotIdentity {
  start(): void;
  stop(): void;
  /** Resolves once known; rejects if the channel stops first. */
  openId(): Promise<string>;
  known(): boolean;
  /** Why it is not known yet, for the health check. */
  problem(): string | undefined;
}

export function createBotIdentity(
  client: FeishuClient,
  logger: LoggerPort,
  maxDelayMs = 30_000,
): BotIdentity {
  let value: string | undefined;
  let problem: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let settle: { resolve(id: string): void; reject(error: Error): void } | undefined;
  const ready = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejection nobody waits for must not crash the process.
  ready.catch(() => undefined);

  async function attempt(n: number): Promise<void> {
    if (stopped) return;
    try {
      value = await client.botOpenId();
      problem = undefined;
      logger.info({ botOpenId: value }, 'feishu bot identified');
      settle?.resolve(value);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      const delay = Math.min(maxDelayMs, 500 * 2 ** n);
      logger.warn({ err: error, retryInMs: delay }, 'feishu bot info unavailable; retrying');
      timer = setTimeout(() => void attempt(n + 1), delay);
    }
  }

  return {
    start: () => void attempt(0),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (value === undefined) settle?.reject(new Error('feishu channel stopped'));
    },
    openId: () => ready,
    known: () => value !== undefined,
    problem: () => problem,
  };
}
