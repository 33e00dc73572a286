import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectEmbedded } from '../../adapters/store/embedded/embedded-postgres.js';
import { createFreshDatabase } from './fresh-database.js';

export type Backend = 'embedded' | 'server';
export const BACKENDS: readonly Backend[] = ['embedded', 'server'];

/** A PostgreSQL of the given kind for one test file: an embedded one in a temp dir, or a fresh server database. */
export async function openBackend(kind: Backend): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === 'server') {
    const fresh = await createFreshDatabase();
    return { url: fresh.url, close: () => fresh.drop() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hotline-store-'));
  const embedded = await connectEmbedded({ dataDir: dir });
  return {
    url: embedded.connectionString,
    async close() {
      await embedded.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
