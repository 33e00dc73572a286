import { inspect } from 'node:util';
import { z } from 'zod';

/** A secret that prints as `[redacted]` wherever it ends up: logs, JSON, `util.inspect`, templates. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

const SecretSchema = z
  .string()
  .min(1)
  .transform((value) => new Secret(value));

/** `feishu` (open.feishu.cn), `lark` (open.larksuite.com), or a base URL (a private deployment, a test fake). */
const DomainSchema = z.union([z.enum(['feishu', 'lark']), z.url({ protocol: /^https?$/ })]);

const common = {
  /** The long connection silently refuses anything else, so it is checked here with a clear message. */
  appId: z
    .string()
    .regex(/^cli_[0-9a-fA-F]{16}$/, 'a Feishu app id looks like cli_ followed by 16 hex digits'),
  appSecret: SecretSchema,
  domain: DomainSchema.default('feishu'),
  /** Feishu allows 5 messages a second into one chat and 50 a second per app. */
  sendPerSecond: z.coerce.number().int().min(1).max(50).default(5),
};

export const FeishuConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('ws'), ...common }),
  z
    .object({
      mode: z.literal('webhook'),
      ...common,
      encryptKey: SecretSchema.optional(),
      verificationToken: SecretSchema.optional(),
      webhookPath: z
        .string()
        .regex(/^\/[^?#\s]*$/, 'a path starting with / and without a query')
        .default('/feishu/events'),
    })
    .refine((c) => c.encryptKey !== undefined || c.verificationToken !== undefined, {
      message:
        'webhook mode needs FEISHU_ENCRYPT_KEY or FEISHU_VERIFICATION_TOKEN (else anyone can post events)',
      path: ['encryptKey'],
    }),
]);

export type FeishuConfig = z.output<typeof FeishuConfigSchema>;
export type FeishuWebhookModeConfig = Extract<FeishuConfig, { mode: 'webhook' }>;

const ENV_NAMES: Readonly<Record<string, string>> = {
  mode: 'FEISHU_MODE',
  appId: 'FEISHU_APP_ID',
  appSecret: 'FEISHU_APP_SECRET',
  domain: 'FEISHU_DOMAIN',
  sendPerSecond: 'FEISHU_SEND_PER_SECOND',
  encryptKey: 'FEISHU_ENCRYPT_KEY',
  verificationToken: 'FEISHU_VERIFICATION_TOKEN',
  webhookPath: 'FEISHU_WEBHOOK_PATH',
};

export class FeishuConfigError extends Error {
  override readonly name = 'FeishuConfigError';
}

/**
 * The Feishu channel's settings from the environment; `undefined` when `FEISHU_APP_ID` is unset
 * (the channel is off). A malformed value throws an error naming the variable, never its value.
 */
export function parseFeishuConfig(
  env: Readonly<Record<string, string | undefined>>,
): FeishuConfig | undefined {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  if (get('FEISHU_APP_ID') === undefined) return undefined;
  const input = Object.fromEntries(
    Object.entries(ENV_NAMES).flatMap(([key, name]) => {
      const value = get(name);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  const result = FeishuConfigSchema.safeParse({ mode: 'ws', ...input });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'mode');
    return `${ENV_NAMES[key] ?? key}: ${issue.code === 'invalid_union' ? 'must be ws or webhook' : issue.message}`;
  });
  throw new FeishuConfigError(`invalid Feishu settings:\n${lines.join('\n')}`);
}

/** What may be logged about the configuration: no secret, only whether each is set. */
export function describeFeishuConfig(config: FeishuConfig): Record<string, unknown> {
  return {
    mode: config.mode,
    appId: config.appId,
    domain: config.domain,
    sendPerSecond: config.sendPerSecond,
    ...(config.mode === 'webhook'
      ? {
          webhookPath: config.webhookPath,
          encryptKey: config.encryptKey ? 'set' : 'unset',
          verificationToken: config.verificationToken ? 'set' : 'unset',
        }
      : {}),
  };
}
