import * as lark from '@larksuiteoapi/node-sdk';
import type { LoggerPort } from '../../core/ports/logger-port.js';

/** What the SDK's Client and WSClient need from us: their domain, a token cache, a logger. */

/** The SDK's key type (it uses a Symbol for the tenant token). */
type CacheKey = Parameters<lark.Cache['get']>[0];

/** The Client's token cache, kept per client so that it can be cleared when Feishu refuses the token. */
export class TokenCache implements lark.Cache {
  private readonly values = new Map<string, { value: unknown; expiresAt: number | undefined }>();
  async get(key: CacheKey, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.key(key, options));
    if (!entry || (entry.expiresAt !== undefined && entry.expiresAt <= Date.now())) return undefined;
    return entry.value;
  }
  async set(key: CacheKey, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.values.set(this.key(key, options), { value, expiresAt });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
  private key(key: CacheKey, options?: { namespace?: string }): string {
    return `${options?.namespace ?? ''}/${String(key)}`;
  }
}

export function sdkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

/**
 * The SDK's own logging, minus its objects: its error records carry request bodies (message
 * content, i.e. residents' words), so only its plain sentences are passed on.
 */
export function sdkLogger(logger: LoggerPort): lark.Logger {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const text = args
        .flat()
        .filter((a): a is string => typeof a === 'string')
        .join(' ')
        .slice(0, 500);
      if (text) logger[level]({ sdk: 'feishu' }, text);
    };
  return {
    error: forward('warn'),
    warn: forward('warn'),
    info: forward('info'),
    debug: forward('debug'),
    trace: forward('debug'),
  };
}
