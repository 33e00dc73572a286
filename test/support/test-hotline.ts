import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { loadDirectory } from '../../bots/config/directory-loader.js';
import { type Env, parseEnv } from '../../bots/config/env.js';
import { type Hotline, type HotlineOptions, startHotline } from '../../bots/hotline.js';
import { createLogger } from '../../bots/logger.js';
import type { Directory } from '../../core/directory/directory-schema.js';
import { createFreshDatabase, REDIS_URL } from './fresh-database.js';
import { createWebClient, type WebClient } from './web-client.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export type Mode = 'embedded' | 'server';
export const MODES: readonly Mode[] = ['embedded', 'server'];

/** The shipped directory with test timings: a short survey delay, no quiet hours or quiet window. */
export async function testDirectory(overrides: Partial<Directory> = {}): Promise<Directory> {
  const shipped = await loadDirectory(path.join(REPO_ROOT, 'config/county.yaml'));
  return {
    ...shipped,
    survey: { ...shipped.survey, delay: 1_500 },
    quietHours: { ...shipped.quietHours, enabled: false },
    intake: { ...shipped.intake, quietWindow: 0 },
    ...overrides,
  };
}

/** A database on the PostgreSQL server and a Redis queue prefix that several hotlines share. */
export interface SharedServices {
  readonly databaseUrl: string;
  readonly queuePrefix: string;
  /** Drops the database and removes the queues' Redis keys (after every hotline on them stopped). */
  drop(): Promise<void>;
}

export async function createSharedServices(): Promise<SharedServices> {
  const fresh = await createFreshDatabase();
  const queuePrefix = `hltest-${randomBytes(4).toString('hex')}`;
  return {
    databaseUrl: fresh.url,
    queuePrefix,
    async drop() {
      await fresh.drop();
      await deleteRedisKeys(`${queuePrefix}:*`);
    },
  };
}

async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  for await (const keys of redis.scanStream({ match: pattern, count: 1_000 }) as AsyncIterable<string[]>)
    if (keys.length) await redis.del(...keys);
  await redis.quit();
}

export interface TestHotlineOptions {
  /** As `hotline start --role`; default `all`. */
  readonly role?: Env['HOTLINE_ROLE'];
  /** Server mode only: run on these (the caller drops them) instead of a fresh database of its own. */
  readonly shared?: SharedServices;
  readonly clock?: () => Date;
  /** PORT; default 0 (a free one). */
  readonly port?: number;
}

export interface TestHotline {
  readonly hotline: Hotline;
  readonly web: WebClient;
  readonly directory: Directory;
  stop(): Promise<void>;
}

/**
 * A real hotline on a free port: embedded PGlite + BullMQ on PostgreSQL, or a fresh database on the
 * PostgreSQL server + Redis with a unique queue prefix. `rawEnv` holds the settings read outside
 * `Env` (LLM_*, HOTLINE_CLASSIFIER); the shell's environment is never used, so no test reaches a
 * real LLM by accident. `options` runs it in a role, on a clock, or on services another hotline shares
 * (a gateway and a worker on one database and Redis); a worker has no HTTP, so its `web` is unusable.
 */
export async function startTestHotline(
  mode: Mode,
  directory?: Directory,
  channels?: HotlineOptions['channels'],
  rawEnv: Readonly<Record<string, string | undefined>> = {},
  options: TestHotlineOptions = {},
): Promise<TestHotline> {
  if (options.shared && mode !== 'server') throw new Error('shared services need the server mode');
  const dir = directory ?? (await testDirectory());
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hotline-test-'));
  const fresh = mode === 'server' && !options.shared ? await createFreshDatabase() : undefined;
  const databaseUrl = options.shared?.databaseUrl ?? fresh?.url;
  const env = parseEnv({
    PORT: String(options.port ?? 0),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOTLINE_ROLE: options.role,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, REDIS_URL } : {}),
  });
  const hotline = await startHotline({
    env,
    rawEnv,
    directory: dir,
    logger: createLogger(env.LOG_LEVEL, false),
    queuePrefix: options.shared?.queuePrefix ?? `hltest-${randomBytes(4).toString('hex')}`,
    channels: channels ?? (async () => []),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    hotline,
    web: createWebClient(hotline.url),
    directory: dir,
    async stop() {
      await hotline.stop();
      await fresh?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
