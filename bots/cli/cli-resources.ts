import path from 'node:path';
import type pg from 'pg';
import { createPgStore } from '../../adapters/store/pg/pg-store.js';
import { type DirectoryIndex, indexDirectory } from '../../core/directory/directory-index.js';
import { loadDirectory } from '../config/directory-loader.js';
import { parseEnv } from '../config/env.js';
import { openDatabase } from '../database.js';
import type { CliIo } from './cli-command.js';

/** The county directory named by `$HOTLINE_CONFIG` (default config/county.yaml), relative to the cwd. */
export async function loadCliDirectory(io: CliIo): Promise<DirectoryIndex> {
  return indexDirectory(
    await loadDirectory(path.resolve(io.cwd, io.env.HOTLINE_CONFIG ?? 'config/county.yaml')),
  );
}

/**
 * Runs `work` on a migrated pool of the hotline's database: `$DATABASE_URL`, else the embedded one
 * under `$DATA_DIR` — joined over its local socket while the hotline runs, opened for the call otherwise.
 */
export async function withStorePool<T>(io: CliIo, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const database = await openDatabase(parseEnv(io.env), io.cwd);
  try {
    const store = await createPgStore({ connectionString: database.connectionString, max: 2 });
    try {
      return await work(store.pool);
    } finally {
      await store.close();
    }
  } finally {
    await database.close();
  }
}
