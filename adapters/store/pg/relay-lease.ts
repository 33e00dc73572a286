import type { Pool } from 'pg';

/**
 * The outbox relay's lease, the one row `outbox` of `hotline.relay_lease`: who holds it and until
 * when, by the database's clock (so the hosts' clocks never matter). Each statement is atomic on its
 * own — no transaction stays open while the relay talks to the job queue. On a server, a second
 * taker of a free lease waits for the first one's row lock and then finds the lease taken.
 */

/** Takes the lease for `holder` when it is free, run out or already `holder`'s, for `ms` from now. */
export async function takeRelayLease(pool: Pool, holder: string, ms: number): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE hotline.relay_lease SET holder = $1, expires_at = now() + $2::integer * interval '1 millisecond'
      WHERE name = 'outbox' AND (holder IS NULL OR holder = $1 OR expires_at < now())`,
    [holder, Math.ceil(ms)],
  );
  return rowCount === 1;
}

/** Frees the lease if `holder` has it. */
export async function releaseRelayLease(pool: Pool, holder: string): Promise<void> {
  await pool.query(
    `UPDATE hotline.relay_lease SET holder = NULL, expires_at = NULL WHERE name = 'outbox' AND holder = $1`,
    [holder],
  );
}
