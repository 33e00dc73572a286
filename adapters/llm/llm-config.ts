import { z } from 'zod';
import { parseDuration } from '../../core/text/duration.js';

/**
 * How structured output is asked for. Providers differ: OpenAI and vLLM take `json_schema`;
 * DeepSeek and some Qwen endpoints take only `json_object` or `tools`.
 */
export const LLM_MODES = ['json_schema', 'json_object', 'tools'] as const;
export type LlmMode = (typeof LLM_MODES)[number];

export const DEFAULT_LLM_TIMEOUT_MS = 8_000;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 120_000;

const emptyAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** `8s`, `1500ms`, or a bare number of seconds (`8`). */
const TimeoutSchema = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Math.round(Number(trimmed) * 1000) : parseDuration(trimmed);
  if (ms === undefined || ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      message: `not a timeout between 100ms and 120s: "${text}" (use e.g. 8s)`,
    });
    return z.NEVER;
  }
  return ms;
});

/** The LLM's environment variables. All optional: without `LLM_BASE_URL` there is no LLM. */
export const LlmEnvSchema = z
  .object({
    LLM_BASE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
    /** Secret: never logged. Local servers (vLLM, Ollama) often need none. */
    LLM_API_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
    LLM_MODEL: z.preprocess(emptyAsUnset, z.string().optional()),
    LLM_MODE: z.preprocess(emptyAsUnset, z.enum(LLM_MODES).default('json_schema')),
    LLM_TIMEOUT: z.preprocess(emptyAsUnset, TimeoutSchema.optional()),
  })
  .superRefine((env, ctx) => {
    if (env.LLM_BASE_URL !== undefined && env.LLM_MODEL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['LLM_MODEL'],
        message: 'LLM_MODEL is required when LLM_BASE_URL is set',
      });
    }
  });

export interface LlmConfig {
  readonly baseUrl: string;
  /** Secret: never logged. */
  readonly apiKey?: string;
  readonly model: string;
  readonly mode: LlmMode;
  /** Bounds everything one `propose` does: requests, retries, waits and the repair. */
  readonly timeoutMs: number;
}

/**
 * Reads the LLM settings from the environment. `undefined` means no LLM: nothing leaves the machine.
 * Throws a ZodError naming the variable when a value is malformed (startup should stop on it).
 */
export function parseLlmConfig(env: Readonly<Record<string, string | undefined>>): LlmConfig | undefined {
  const parsed = LlmEnvSchema.parse(env);
  if (parsed.LLM_BASE_URL === undefined || parsed.LLM_MODEL === undefined) return undefined;
  return {
    baseUrl: parsed.LLM_BASE_URL,
    ...(parsed.LLM_API_KEY === undefined ? {} : { apiKey: parsed.LLM_API_KEY }),
    model: parsed.LLM_MODEL,
    mode: parsed.LLM_MODE,
    timeoutMs: parsed.LLM_TIMEOUT ?? DEFAULT_LLM_TIMEOUT_MS,
  };
}

/** What may be logged about the configuration (no key). */
export function describeLlmConfig(config: LlmConfig | undefined): Record<string, unknown> {
  if (config === undefined) return { llm: 'off' };
  return {
    llm: 'on',
    baseUrl: config.baseUrl,
    model: config.model,
    mode: config.mode,
    timeoutMs: config.timeoutMs,
    apiKey: config.apiKey === undefined ? 'none' : '[redacted]',
  };
}
