import path from 'node:path';
import { connectEmbedded } from '../adapters/store/embedded/embedded-postgres.js';
import type { Env } from './config/env.js';

export interface Database {
  readonly connectionString: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * The configured PostgreSQL server, or the embedded one under DATA_DIR — reused if another process
 * (the running hotline) already serves it on its local socket, so the CLI works alongside it.
 */
export async function openDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>,
  cwd = process.cwd(),
): Promise<Database> {
  if (env.DATABASE_URL)
    return { connectionString: env.DATABASE_URL, embedded: false, close: async () => undefined };
  const embedded = await connectEmbedded({ dataDir: path.resolve(cwd, env.DATA_DIR) });
  return { connectionString: embedded.connectionString, embedded: true, close: () => embedded.close() };
}
