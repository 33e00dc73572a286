import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadDirectory } from '../../bots/config/directory-loader.js';
import { parseEnv } from '../../bots/config/env.js';
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
 * real LLM by accident.
 */
export async function startTestHotline(
  mode: Mode,
  directory?: Directory,
  channels?: HotlineOptions['channels'],
  rawEnv: Readonly<Record<string, string | undefined>> = {},
): Promise<TestHotline> {
  const dir = directory ?? (await testDirectory());
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hotline-test-'));
  const fresh = mode === 'server' ? await createFreshDatabase() : undefined;
  const env = parseEnv({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(fresh ? { DATABASE_URL: fresh.url, REDIS_URL } : {}),
  });
  const hotline = await startHotline({
    env,
    rawEnv,
    directory: dir,
    logger: createLogger(env.LOG_LEVEL, false),
    queuePrefix: `hltest-${randomBytes(4).toString('hex')}`,
    channels: channels ?? (async () => []),
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
