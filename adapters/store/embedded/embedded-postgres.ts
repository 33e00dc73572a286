import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { LoggerPort } from '../../../core/ports/logger-port.js';
import { acquireDataDirLock, releaseDataDirLock, socketAnswers } from './data-dir-lock.js';
import { startPgliteMuxServer } from './pglite-mux-server.js';
import { DEFAULT_VACUUM_EVERY_MS, startVacuumSchedule } from './vacuum-schedule.js';

/** The name libpq and `pg` look for in the directory given as `host`. */
export const SOCKET_FILE = '.s.PGSQL.5432';
const LOCK_FILE = `${SOCKET_FILE}.lock`;
/** sun_path is 108 bytes on Linux, NUL included. */
const MAX_SOCKET_PATH_BYTES = 107;
/**
 * Every connection shares PGlite's one session and the server ignores per-connection settings, so
 * BullMQ's tables (schema `bullmq`) must be found through the session's own search_path. The
 * application's tables live in schema `hotline` and are always named with it.
 */
const SESSION_SEARCH_PATH = 'SET search_path TO bullmq, public';

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  readonly logger?: LoggerPort;
  /** Also listen on 127.0.0.1 (0 picks a free port); for tests and tools that cannot use a socket. */
  readonly tcpPort?: number;
  /** See the multiplexer: a client holding the session silent this long is dropped. */
  readonly ownerIdleTimeoutMs?: number;
  /** How often the database vacuums itself (PGlite has no autovacuum); 0 turns it off. */
  readonly vacuumEveryMs?: number;
}

export interface EmbeddedPostgres {
  /** `postgresql://postgres@localhost/postgres?host=<dataDir>`: works for `pg`, BullMQ and psql. */
  readonly connectionString: string;
  /** The directory holding the unix socket (`psql -h <socketDir>`). */
  readonly socketDir: string;
  readonly tcpPort: number | undefined;
  close(): Promise<void>;
}

export interface EmbeddedConnection {
  readonly connectionString: string;
  readonly socketDir: string;
  /** True when this call opened the database (and `close()` shuts it); false when it joined a live one. */
  readonly owned: boolean;
  close(): Promise<void>;
}

export function embeddedConnectionString(socketDir: string): string {
  const host = encodeURIComponent(socketDir).replaceAll('%2F', '/');
  return `postgresql://postgres@localhost/postgres?host=${host}`;
}

/** Opens PGlite on `<dataDir>/pgdata` and serves it on `<dataDir>/.s.PGSQL.5432`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const started = await tryStart(options);
  if (started === 'locked') {
    throw new Error(
      `the embedded database in ${resolve(options.dataDir)} is already open in another process`,
    );
  }
  return started;
}

/**
 * Joins the database a running process serves from `dataDir`, or opens it when nobody does. A
 * socket file nobody answers on is left over from a crash and is replaced. While another live
 * process holds the directory but does not answer yet (PGlite takes seconds to open), it waits.
 */
export async function connectEmbedded(
  options: EmbeddedPostgresOptions & { readonly waitMs?: number },
): Promise<EmbeddedConnection> {
  const socketDir = resolve(options.dataDir);
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (;;) {
    if (await socketAnswers(join(socketDir, SOCKET_FILE))) {
      const connectionString = embeddedConnectionString(socketDir);
      return { connectionString, socketDir, owned: false, close: async () => undefined };
    }
    const started = await tryStart(options);
    if (started !== 'locked') {
      const { connectionString, close } = started;
      return { connectionString, socketDir, owned: true, close };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the embedded database in ${socketDir} is held by another process that does not answer`,
      );
    }
    await sleep(200);
  }
}

async function tryStart(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres | 'locked'> {
  const socketDir = resolve(options.dataDir);
  const socketPath = join(socketDir, SOCKET_FILE);
  const lockPath = join(socketDir, LOCK_FILE);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`data directory path too long for a unix socket (${socketPath}); choose a shorter one`);
  }
  await mkdir(socketDir, { recursive: true });
  const lock = await acquireDataDirLock(lockPath);
  if (!lock.acquired) return 'locked';

  const startedAt = Date.now();
  let db: PGlite | undefined;
  try {
    await rm(socketPath, { force: true });
    db = await PGlite.create({ dataDir: join(socketDir, 'pgdata') });
    await db.exec(SESSION_SEARCH_PATH);
    const server = await startPgliteMuxServer({
      db,
      socketPath,
      ...(options.tcpPort === undefined ? {} : { tcpPort: options.tcpPort }),
      ...(options.ownerIdleTimeoutMs === undefined ? {} : { ownerIdleTimeoutMs: options.ownerIdleTimeoutMs }),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    options.logger?.info({ socketDir, ms: Date.now() - startedAt }, 'embedded postgres ready');
    const connectionString = embeddedConnectionString(socketDir);
    const everyMs = options.vacuumEveryMs ?? DEFAULT_VACUUM_EVERY_MS;
    const vacuum =
      everyMs > 0
        ? startVacuumSchedule({
            connectionString,
            everyMs,
            ...(options.logger ? { logger: options.logger } : {}),
          })
        : undefined;
    const opened = db;
    let closed: Promise<void> | undefined;
    return {
      connectionString,
      socketDir,
      tcpPort: server.tcpPort,
      close: () => {
        closed ??= (async () => {
          try {
            await vacuum?.stop();
            await server.close();
            await opened.close();
          } finally {
            await releaseDataDirLock(lockPath);
          }
        })();
        return closed;
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await releaseDataDirLock(lockPath);
    throw error;
  }
}
