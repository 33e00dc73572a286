import pg from 'pg';
import type { LoggerPort } from '../../../core/ports/logger-port.js';

/** Often enough that a busy day's finished jobs and moved orders do not pile up as dead rows. */
export const DEFAULT_VACUUM_EVERY_MS = 10 * 60_000;

export interface VacuumSchedule {
  /** Stops the schedule and waits for a vacuum under way. */
  stop(): Promise<void>;
}

/**
 * PGlite is a single backend: no autovacuum runs, so the rows every update and delete leaves behind
 * (the job queue's table churns with every job) would pile up and slow every scan. The embedded
 * database therefore vacuums and analyzes itself on a schedule, as a client of its own server: it
 * waits for its turn between other clients' transactions like anyone else.
 */
export function startVacuumSchedule(options: {
  readonly connectionString: string;
  readonly everyMs: number;
  readonly logger?: LoggerPort;
}): VacuumSchedule {
  let running: Promise<void> | undefined;
  const vacuum = async () => {
    const client = new pg.Client({ connectionString: options.connectionString });
    const startedAt = Date.now();
    try {
      await client.connect();
      await client.query('VACUUM (ANALYZE)');
      options.logger?.debug({ ms: Date.now() - startedAt }, 'embedded postgres vacuumed');
    } catch (error) {
      // Tried again at the next tick; a closing server is the usual cause.
      options.logger?.warn({ err: error }, 'embedded postgres vacuum failed');
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const timer = setInterval(() => {
    running ??= vacuum().finally(() => {
      running = undefined;
    });
  }, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
