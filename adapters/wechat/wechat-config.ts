import { z } from 'zod';
import { parseDuration } from '../../core/text/duration.js';

/** `1.5s`, `1500ms`, or a bare number of seconds. */
const Interval = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Math.round(Number(trimmed) * 1_000) : parseDuration(trimmed);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a duration: "${text}" (use e.g. 1.5s or 1500ms)` });
    return z.NEVER;
  }
  return ms;
});

const SIZE_UNITS = { b: 1, kb: 1_024, mb: 1_048_576, gb: 1_073_741_824 } as const;

/** `20MB`, `512KB`, or a bare number of megabytes. */
const Size = z.string().transform((text, ctx) => {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `not a size: "${text}" (use e.g. 20MB or 512KB)` });
    return z.NEVER;
  }
  const unit = (match[2]?.toLowerCase() ?? 'mb') as keyof typeof SIZE_UNITS;
  return Math.round(Number(match[1]) * SIZE_UNITS[unit]);
});

const NEEDS_TOKEN = new Set(['wechaty-puppet-service', 'wechaty-puppet-padlocal']);

export const WechatEnvSchema = z
  .object({
    /** A puppet package name: wechaty-puppet-service, wechaty-puppet-padlocal, wechaty-puppet-mock … */
    WECHATY_PUPPET: z
      .string()
      .regex(
        /^(@[a-z0-9-]+\/)?wechaty-puppet-[a-z0-9-]+$/,
        'a puppet package name such as wechaty-puppet-service',
      ),
    /** Secret: never logged. */
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().min(1).optional(),
    WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().min(1).optional(),
    /** Name of the memory card (the saved login), kept under the data directory. */
    WECHATY_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dashes and underscores')
      .default('hotline'),
    /** wechaty's own log level (its lines go to stderr, apart from the hotline's log). */
    WECHATY_LOG: z.enum(['silent', 'error', 'warn', 'info', 'verbose', 'silly']).default('warn'),
    WECHAT_SEND_INTERVAL: Interval.default(1_500).pipe(z.number().int().min(1)),
    WECHAT_SEND_JITTER: Interval.default(500).pipe(z.number().int().min(0)),
    WECHAT_MAX_ATTACHMENT: Size.default(20 * SIZE_UNITS.mb).pipe(z.number().int().min(1)),
  })
  .superRefine((env, ctx) => {
    if (NEEDS_TOKEN.has(env.WECHATY_PUPPET) && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHATY_PUPPET_SERVICE_TOKEN'],
        message: `${env.WECHATY_PUPPET} needs a token`,
      });
    }
  })
  .transform((env) => ({
    puppet: env.WECHATY_PUPPET,
    ...(env.WECHATY_PUPPET_SERVICE_TOKEN ? { token: env.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
    ...(env.WECHATY_PUPPET_SERVICE_ENDPOINT ? { endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}),
    name: env.WECHATY_NAME,
    wechatyLogLevel: env.WECHATY_LOG,
    sendIntervalMs: env.WECHAT_SEND_INTERVAL,
    sendJitterMs: env.WECHAT_SEND_JITTER,
    maxAttachmentBytes: env.WECHAT_MAX_ATTACHMENT,
  }));

export type WechatConfig = z.output<typeof WechatEnvSchema>;

export class WechatConfigError extends Error {
  override readonly name = 'WechatConfigError';
}

/** The WeChat channel's settings, or `undefined` when `WECHATY_PUPPET` is not set (channel off). */
export function parseWechatConfig(
  env: Readonly<Record<string, string | undefined>>,
): WechatConfig | undefined {
  const keys = Object.keys(WechatEnvSchema.in.shape);
  const picked = Object.fromEntries(
    keys.flatMap((key) => {
      const value = env[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  if (!picked.WECHATY_PUPPET) return undefined;
  const result = WechatEnvSchema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new WechatConfigError(`invalid WeChat settings:\n${lines.join('\n')}`);
}

/** What may be logged about the settings: the token only as set / not set. */
export function describeWechatConfig(config: WechatConfig): Record<string, unknown> {
  const { token, ...rest } = config;
  return { ...rest, token: token ? 'set' : 'not set' };
}
