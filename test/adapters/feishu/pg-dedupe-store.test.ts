import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDedupeStore } from '../../../adapters/feishu/pg-dedupe-store.js';
import { migrate } from '../../../adapters/store/pg/migrate.js';
import { BACKENDS, openBackend } from '../../support/store-backends.js';

describe.each(BACKENDS)('feishu event ids on %s PostgreSQL', (kind) => {
  let database: Awaited<ReturnType<typeof openBackend>>;
  let pool: pg.Pool;
  let now = Date.UTC(2026, 10, 27, 2);
  const clock = () => now;

  beforeAll(async () => {
    database = await openBackend(kind);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await migrate(pool);
  });

  afterAll(async () => {
    await pool.end();
    await database.close();
  });

  it('lets two gateways handle an event once between them', async () => {
    const first = createPgDedupeStore(pool, { scope: 'event', now: clock });
    const second = createPgDedupeStore(pool, { scope: 'event', now: clock });
    const answers = await Promise.all([first.seen('ev-1'), second.seen('ev-1')]);
    expect(answers.sort()).toEqual([false, true]);
    expect(await first.seen('ev-1')).toBe(true);
    expect(await second.seen('ev-2')).toBe(false);
  });

  it('keeps the webhook check apart from the event check', async () => {
    const webhook = createPgDedupeStore(pool, { scope: 'webhook', now: clock });
    const events = createPgDedupeStore(pool, { scope: 'event', now: clock });
    expect(await webhook.seen('ev-3')).toBe(false);
    expect(await events.seen('ev-3')).toBe(false);
    expect(await webhook.seen('ev-3')).toBe(true);
  });

  it('forgets an id after a day, and deletes expired ids as it goes', async () => {
    const store = createPgDedupeStore(pool, {
      scope: 'expiry',
      ttlMs: 60_000,
      purgeEveryMs: 120_000,
      now: clock,
    });
    expect(await store.seen('ev-4')).toBe(false);
    now += 59_999;
    expect(await store.seen('ev-4')).toBe(true);
    now += 60_001;
    expect(await store.seen('ev-4')).toBe(false);
    expect(await store.seen('ev-5')).toBe(false);
    now += 180_000;
    expect(await store.seen('ev-6')).toBe(false);
    const { rows } = await pool.query<{ event_id: string }>(
      "SELECT event_id FROM hotline.feishu_events WHERE scope = 'expiry' ORDER BY event_id",
    );
    expect(rows.map((r) => r.event_id)).toEqual(['ev-6']);
  });
});
