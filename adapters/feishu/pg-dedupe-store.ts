import type pg from 'pg';
import type { DedupeStore } from './webhook-guard.js';

export interface PgDedupeOptions {
  /** Which check this is: the webhook guard and the event handler look at the same event ids. */
  readonly scope: string;
  /** Feishu resends an unanswered event after 15 s, 5 min, 1 h and 6 h: a day covers them. */
  readonly ttlMs?: number;
  /** How often expired ids are deleted (at most once per interval, by whichever call comes). */
  readonly purgeEveryMs?: number;
  readonly now?: () => number;
}

/**
 * Event ids in `hotline.feishu_events`, shared by every gateway on the database: an event that
 * Feishu delivers to two gateways, or again after a restart, is handled once. One statement per
 * event: it inserts the id, or renews an expired one; no row back means a live duplicate.
 */
export function createPgDedupeStore(pool: pg.Pool, options: PgDedupeOptions): DedupeStore {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const purgeEveryMs = options.purgeEveryMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  let lastPurge = now();

  async function purge(at: number): Promise<void> {
    lastPurge = at;
    await pool.query('DELETE FROM hotline.feishu_events WHERE scope = $1 AND seen_at < $2', [
      options.scope,
      new Date(at - ttlMs),
    ]);
  }

  return {
    async seen(eventId) {
      const at = now();
      const { rows } = await pool.query(
        `INSERT INTO hotline.feishu_events (scope, event_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (scope, event_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
           WHERE hotline.feishu_events.seen_at <= $4
         RETURNING event_id`,
        [options.scope, eventId, new Date(at), new Date(at - ttlMs)],
      );
      if (at - lastPurge >= purgeEveryMs) await purge(at);
      return rows.length === 0;
    },
  };
}
