import pg from 'pg';
import type { OutboxRow, Store, StoreTx } from '../../../core/ports/store-port.js';
import { encodeInbound } from './inbound-codec.js';
import { migrate } from './migrate.js';
import { decodeOutboxItem } from './outbox-codec.js';
import { createStoreTx } from './pg-store-tx.js';
import { releaseRelayLease, takeRelayLease } from './relay-lease.js';

export interface PgStore extends Store {
  readonly pool: pg.Pool;
}

/** Serialization failures and deadlocks are retried; everything else propagates. */
const RETRYABLE = new Set(['40001', '40P01']);

export async function createPgStore(options: { connectionString: string; max?: number }): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 8 });
  pool.on('error', () => undefined); // an idle client's socket error must not crash the process
  await migrate(pool);

  async function transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(createStoreTx(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (attempt < 4 && code && RETRYABLE.has(code)) continue;
        throw error;
      } finally {
        client.release();
      }
    }
  }

  return {
    pool,
    transaction,
    async saveInbound(message) {
      const { rowCount } = await pool.query(
        `INSERT INTO hotline.inbound (channel, message_id, conversation, payload) VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel, message_id) DO NOTHING`,
        [message.channel, message.id, message.conversation, encodeInbound(message)],
      );
      return rowCount === 1;
    },
    async conversationsWithPending() {
      const { rows } = await pool.query<{ conversation: string }>(
        'SELECT DISTINCT conversation FROM hotline.inbound WHERE processed_at IS NULL',
      );
      return rows.map((r) => r.conversation);
    },
    async unrelayed(limit) {
      const { rows } = await pool.query<{ id: string; item: unknown }>(
        'SELECT id, item FROM hotline.outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1',
        [limit],
      );
      return rows.map((r): OutboxRow => ({ id: String(r.id), item: decodeOutboxItem(r.item) }));
    },
    takeRelayLease: (holder, ms) => takeRelayLease(pool, holder, ms),
    releaseRelayLease: (holder) => releaseRelayLease(pool, holder),
    async markRelayed(ids) {
      await pool.query('UPDATE hotline.outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [ids]);
    },
    async isDelivered(outboxId) {
      const { rows } = await pool.query(
        'SELECT 1 FROM hotline.outbox WHERE id = $1 AND delivered_at IS NOT NULL',
        [outboxId],
      );
      return rows.length > 0;
    },
    async markDelivered(outboxId) {
      await pool.query(
        'UPDATE hotline.outbox SET delivered_at = now() WHERE id = $1 AND delivered_at IS NULL',
        [outboxId],
      );
    },
    close: () => pool.end(),
  };
}
