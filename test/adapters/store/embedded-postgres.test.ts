import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEmbedded,
  type EmbeddedPostgres,
  SOCKET_FILE,
  startEmbeddedPostgres,
} from '../../../adapters/store/embedded/embedded-postgres.js';
import { createQueueBackend } from '../../../jobs/queue-backend.js';

const OWNER_IDLE_TIMEOUT_MS = 3_000;
const hasPsql = spawnSync('psql', ['--version']).status === 0;

describe('embedded PostgreSQL served to many clients', () => {
  let dataDir: string;
  let db: EmbeddedPostgres;
  const pools: pg.Pool[] = [];
  const newPool = (max: number) => {
    const pool = new pg.Pool({ connectionString: db.connectionString, max });
    pool.on('error', () => undefined);
    pools.push(pool);
    return pool;
  };
  const newClient = async (connectionString = db.connectionString) => {
    const client = new pg.Client(connectionString);
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hotline-embedded-'));
    db = await startEmbeddedPostgres({ dataDir, tcpPort: 0, ownerIdleTimeoutMs: OWNER_IDLE_TIMEOUT_MS });
    await newPool(1).query(`
      CREATE SCHEMA mux;
      CREATE TABLE mux.accounts (id int PRIMARY KEY, balance int NOT NULL);
      CREATE TABLE mux.transfers (id serial PRIMARY KEY, source int NOT NULL, target int NOT NULL, amount int NOT NULL);
      CREATE TABLE mux.job_runs (job_id text PRIMARY KEY);
      CREATE TABLE mux.notes (body text NOT NULL);`);
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps 1,000 concurrent transactions exact while BullMQ adds and runs 200 jobs on the same server', async () => {
    const accounts = 20;
    const pool = newPool(8);
    await pool.query('INSERT INTO mux.accounts SELECT g, 1000 FROM generate_series(1, $1::int) g', [
      accounts,
    ]);
    const backend = createQueueBackend({ kind: 'postgres', connectionString: db.connectionString });
    try {
      const queue = backend.queue<{ n: number }>('mux-proof');
      const jobErrors: unknown[] = [];
      const completed = new Set<string>();
      const allJobsDone = new Promise<void>((resolve) => {
        const worker = backend.worker<{ n: number }>(
          'mux-proof',
          async (job) => {
            await pool.query('INSERT INTO mux.job_runs (job_id) VALUES ($1)', [job.id]);
          },
          { concurrency: 4 },
        );
        worker.on('failed', (_job, error) => jobErrors.push(error));
        worker.on('error', (error) => jobErrors.push(error));
        worker.on('completed', (job) => {
          completed.add(job.id!);
          if (completed.size === 200) resolve();
        });
      });

      const txErrors: unknown[] = [];
      let seed = 7;
      const next = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed % n;
      };
      const transfer = async () => {
        const source = 1 + next(accounts);
        const target = 1 + ((source + next(accounts - 1)) % accounts);
        const amount = 1 + next(50);
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT id FROM mux.accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE', [
            [source, target],
          ]);
          await client.query('UPDATE mux.accounts SET balance = balance - $2 WHERE id = $1', [
            source,
            amount,
          ]);
          await client.query('UPDATE mux.accounts SET balance = balance + $2 WHERE id = $1', [
            target,
            amount,
          ]);
          await client.query('INSERT INTO mux.transfers (source, target, amount) VALUES ($1, $2, $3)', [
            source,
            target,
            amount,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          txErrors.push(error);
          await client.query('ROLLBACK').catch(() => undefined);
        } finally {
          client.release();
        }
      };
      const transfers = Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 125; i += 1) await transfer();
      });
      const producer = (async () => {
        for (let batch = 0; batch < 20; batch += 1) {
          const jobs = Array.from({ length: 10 }, (_, i) => ({ name: 'n', data: { n: batch * 10 + i } }));
          await queue.addBulk(jobs);
          await sleep(25);
        }
      })();
      await Promise.all([...transfers, producer]);
      await Promise.race([allJobsDone, sleep(30_000)]);

      expect(txErrors).toEqual([]);
      expect(jobErrors).toEqual([]);
      expect(completed.size).toBe(200);
      const totals = await pool.query(`
        SELECT (SELECT sum(balance)::int FROM mux.accounts) AS total,
               (SELECT count(*)::int FROM mux.transfers) AS transfers,
               (SELECT count(*)::int FROM mux.job_runs) AS job_runs,
               (SELECT count(*)::int FROM mux.accounts a WHERE a.balance <> 1000
                  + (SELECT coalesce(sum(amount), 0) FROM mux.transfers WHERE target = a.id)
                  - (SELECT coalesce(sum(amount), 0) FROM mux.transfers WHERE source = a.id)) AS inconsistent`);
      expect(totals.rows[0]).toEqual({
        total: accounts * 1000,
        transfers: 1000,
        job_runs: 200,
        inconsistent: 0,
      });
    } finally {
      await backend.close();
    }
  });

  it('rolls back the open transaction of a client that disconnects, and the next client proceeds', async () => {
    const raw = await RawClient.open(join(dataDir, SOCKET_FILE));
    expect(await raw.exchange(frame('Q', cString("BEGIN; INSERT INTO mux.notes VALUES ('left open')")))).toBe(
      'T',
    );
    raw.socket.destroy();

    const pool = newPool(1);
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM mux.notes WHERE body = 'left open'");
    expect(rows[0].n).toBe(0);
    expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
  });

  it('frees the session when a client disconnects between Parse and Sync', async () => {
    const raw = await RawClient.open(join(dataDir, SOCKET_FILE));
    raw.socket.write(frame('P', Buffer.concat([cString(''), cString('SELECT 1'), Buffer.from([0, 0])])));
    await sleep(50);
    raw.socket.destroy();

    const { rows } = await newPool(1).query('SELECT $1::int AS n', [5]);
    expect(rows[0].n).toBe(5);
  });

  it('drops a client that holds a transaction open and silent, so the others are not blocked for good', async () => {
    const holder = await newClient();
    await holder.query('BEGIN');
    const startedAt = Date.now();
    const { rows } = await newPool(1).query('SELECT 2 AS n');
    expect(rows[0].n).toBe(2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(OWNER_IDLE_TIMEOUT_MS - 100);
    await expect(holder.query('SELECT 1')).rejects.toThrow();
  });

  it.each([
    ['an HTTP request', false, Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')],
    ['noise', false, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 17) % 256))],
    ['an unknown message type', true, frame('!', Buffer.alloc(0))],
    ['a negative message length', true, Buffer.from([0x51, 0xff, 0xff, 0xff, 0xf0])],
    ['a query without its terminator', true, frame('Q', Buffer.from('SELECT 1'))],
  ])(
    'closes a connection that sends %s and keeps serving the others',
    async (_label, afterStartup, bytes) => {
      const socket = connect({ path: join(dataDir, SOCKET_FILE) });
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.resume();
      socket.write(afterStartup ? Buffer.concat([startupPacket(), bytes]) : bytes);
      const closed = await Promise.race([
        once(socket, 'close').then(() => true),
        sleep(3_000).then(() => false),
      ]);
      socket.destroy();

      expect(closed).toBe(true);
      expect((await newPool(1).query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
    },
  );

  it('gives every client its own prepared statements and notifications, as a server session would', async () => {
    const [a, b] = [await newClient(), await newClient()];
    try {
      const fromA = await a.query({ name: 'same', text: 'SELECT $1::int + 1 AS v', values: [1] });
      const fromB = await b.query({ name: 'same', text: "SELECT $1::text || '!' AS v", values: ['b'] });
      expect([fromA.rows[0].v, fromB.rows[0].v]).toEqual([2, 'b!']);

      const heardByA: string[] = [];
      const heardByB: string[] = [];
      a.on('notification', (n) => heardByA.push(n.payload ?? ''));
      b.on('notification', (n) => heardByB.push(n.payload ?? ''));
      await a.query('LISTEN ticket_events');
      await b.query("SELECT pg_notify('ticket_events', 'created')");
      await sleep(100);
      expect({ heardByA, heardByB }).toEqual({ heardByA: ['created'], heardByB: [] });
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('refuses COPY FROM STDIN (it would stop PGlite) and goes on serving', async () => {
    const pool = newPool(1);
    await expect(pool.query('COPY mux.notes FROM STDIN')).rejects.toThrow(/COPY FROM STDIN/);
    expect((await pool.query('SELECT 3 AS n')).rows[0].n).toBe(3);
  });

  it('answers on 127.0.0.1 when asked for a TCP port', async () => {
    const client = await newClient(`postgresql://postgres@127.0.0.1:${db.tcpPort}/postgres`);
    expect((await client.query('SELECT 4 AS n')).rows[0].n).toBe(4);
    await client.end();
  });

  it.skipIf(!hasPsql)('is reachable with psql -h <data dir>', async () => {
    const { stdout } = await promisify(execFile)('psql', [
      '-h',
      dataDir,
      '-U',
      'postgres',
      '-Atc',
      'SELECT 40 + 2',
    ]);
    expect(stdout.trim()).toBe('42');
  });

  it('lets a second process join the live server instead of opening the data directory again', async () => {
    const joined = await connectEmbedded({ dataDir });
    expect(joined.owned).toBe(false);
    expect(joined.connectionString).toBe(db.connectionString);
    const client = await newClient(joined.connectionString);
    expect((await client.query('SELECT 5 AS n')).rows[0].n).toBe(5);
    await client.end();
    await joined.close();
    expect((await newPool(1).query('SELECT 6 AS n')).rows[0].n).toBe(6);
  });
});

describe('connecting to an embedded data directory nobody serves', () => {
  it('replaces a socket and lock left by a crashed process and opens the database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hotline-stale-'));
    const deadPid = spawnSync('true').pid!;
    await writeFile(join(dataDir, SOCKET_FILE), '');
    await writeFile(join(dataDir, `${SOCKET_FILE}.lock`), `${deadPid}\n`);
    const connection = await connectEmbedded({ dataDir });
    try {
      expect(connection.owned).toBe(true);
      const client = new pg.Client(connection.connectionString);
      await client.connect();
      expect((await client.query('SELECT 7 AS n')).rows[0].n).toBe(7);
      await client.end();
    } finally {
      await connection.close();
      expect(existsSync(join(dataDir, SOCKET_FILE))).toBe(false);
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('does not open a data directory a live process holds, even when it does not answer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hotline-held-'));
    await writeFile(join(dataDir, `${SOCKET_FILE}.lock`), `${process.ppid}\n`);
    await expect(connectEmbedded({ dataDir, waitMs: 300 })).rejects.toThrow(/held by another process/);
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already open in another process/);
    await rm(dataDir, { recursive: true, force: true });
  });
});

/** Speaks just enough of the protocol to leave a session in states `pg` would never leave it in. */
class RawClient {
  private received = Buffer.alloc(0);

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
    });
    socket.on('error', () => undefined);
  }

  static async open(path: string): Promise<RawClient> {
    const socket = connect({ path });
    await once(socket, 'connect');
    const client = new RawClient(socket);
    expect(await client.exchange(startupPacket())).toBe('I');
    return client;
  }

  /** Sends, then waits for ReadyForQuery and returns its transaction status. */
  async exchange(bytes: Buffer): Promise<string> {
    this.received = Buffer.alloc(0);
    this.socket.write(bytes);
    for (let waited = 0; waited < 5_000; waited += 10) {
      const status = readyStatus(this.received);
      if (status) return status;
      await sleep(10);
    }
    throw new Error('no ReadyForQuery');
  }
}

function readyStatus(buffer: Buffer): string | undefined {
  let status: string | undefined;
  for (let offset = 0; offset + 5 <= buffer.length; offset += 1 + buffer.readInt32BE(offset + 1)) {
    if (buffer[offset] === 0x5a && offset + 6 <= buffer.length)
      status = String.fromCharCode(buffer[offset + 5]!);
  }
  return status;
}

function cString(value: string): Buffer {
  return Buffer.from(`${value}\0`);
}

function frame(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function startupPacket(): Buffer {
  const body = Buffer.concat([
    cString('user'),
    cString('postgres'),
    cString('database'),
    cString('postgres'),
  ]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length + 1, 0);
  head.writeInt32BE(3 << 16, 4);
  return Buffer.concat([head, body, Buffer.from([0])]);
}

describe('the embedded database without autovacuum', () => {
  it('vacuums itself on a schedule, so space freed by deletes is used again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hotline-vacuum-'));
    const db = await startEmbeddedPostgres({ dataDir, vacuumEveryMs: 200 });
    const client = new pg.Client(db.connectionString);
    try {
      await client.connect();
      const size = async () =>
        Number(
          (await client.query<{ size: string }>("SELECT pg_relation_size('churn') AS size")).rows[0]?.size,
        );
      await client.query('CREATE TABLE churn (id int PRIMARY KEY, body text)');
      await client.query("INSERT INTO churn SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
      await client.query('DELETE FROM churn WHERE id % 2 = 0');
      const before = await size();
      const vacuumed = async () =>
        (
          await client.query<{ at: Date | null }>(
            "SELECT last_vacuum AS at FROM pg_stat_user_tables WHERE relname = 'churn'",
          )
        ).rows[0]?.at;
      const deadline = Date.now() + 10_000;
      while (!(await vacuumed()) && Date.now() < deadline) await sleep(50);
      expect(await vacuumed()).toBeInstanceOf(Date);
      await client.query("INSERT INTO churn SELECT g, repeat('y', 200) FROM generate_series(20001, 30000) g");
      expect(await size()).toBe(before);
    } finally {
      await client.end();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
