import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65_535);

/** Infrastructure settings from the environment (`.env.example` documents each). Secrets are redacted in logs. */
export const EnvSchema = z.object({
  PORT: Port.default(8080),
  /** A worker's liveness port: it serves only `GET /healthz` there (on HOST). Unset → a worker opens no port. */
  WORKER_HEALTH_PORT: Port.optional(),
  HOST: z.string().default('127.0.0.1'),
  /** A PostgreSQL server; unset → the embedded database under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Redis for the job queues; unset → BullMQ's PostgreSQL backend on the same database. */
  REDIS_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  HOTLINE_CONFIG: z.string().default('config/county.yaml'),
  HOTLINE_ROLE: z.enum(['all', 'gateway', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Web channel send rate. */
  WEB_SEND_PER_SECOND: z.coerce.number().int().positive().default(50),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses the environment once at startup; an error names each bad variable. */
export function parseEnv(env: Readonly<Record<string, string | undefined>>): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new EnvError(`invalid environment:\n${lines.join('\n')}`);
}
