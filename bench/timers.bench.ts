/**
 * Timer load on the job queue, shaped like the hotline's reminders (deterministic ids, the same
 * payload and options as the outbox relay): schedule many pending reminders, cancel a share of them
 * by id, then have a batch fall due in the same second and measure how late the worker runs them.
 *
 *   npm run bench:timers                         # full size: Redis 1,000,000 / PostgreSQL 100,000
 *   TIMERS_PENDING=20000 PG_PENDING=5000 npm run bench:timers   # a quick run
 *
 * Env: BENCH_BACKENDS (redis,postgres), BENCH_REDIS_URL, TIMERS_PENDING / TIMERS_CANCEL / TIMERS_DUE
 * (Redis), PG_PENDING / PG_CANCEL / PG_DUE (embedded PostgreSQL), TIMERS_BATCH (addBulk size, 1000),
 * TIMERS_INFLIGHT (batches in flight, 4), TIMERS_CONCURRENCY (worker, 50).
 * Redis keys go under a prefix of their own and are deleted afterwards; nothing else is touched.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { connectEmbedded } from '../adapters/store/embedded/embedded-postgres.js';
import type { TimerPayload } from '../core/domain/effects.js';
import { KEEP_JOBS, TIMER_JOB_OPTIONS, TIMER_QUEUE, type TimerJob, timerJob } from '../jobs/job-payloads.js';
import { createQueueBackend, type QueueBackend } from '../jobs/queue-backend.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BATCH = num('TIMERS_BATCH', 1_000);
const INFLIGHT = num('TIMERS_INFLIGHT', 4);
const CONCURRENCY = num('TIMERS_CONCURRENCY', 50);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY_MS = 86_400_000;

interface Sizes {
  readonly pending: number;
  readonly cancel: number;
  readonly due: number;
}

/** CPU seconds used by this process and, when known, by the queue's server. */
interface Cpu {
  readonly bench: number;
  readonly server?: number;
}

interface Result {
  readonly backend: string;
  readonly sizes: Sizes;
  readonly schedulePerSecond: number;
  readonly bytesPerJob: number;
  readonly cancelPerSecond: number;
  readonly pendingAfterCancel: number;
  readonly lateness: { p50: number; p99: number; max: number };
  readonly dueRanForMs: number;
  /** CPU seconds per phase: who was the bottleneck on a machine of two cores. */
  readonly cpu: { schedule: Cpu; cancel: Cpu; due: Cpu };
}

const KINDS = ['accept-50', 'accept-100', 'due-yellow', 'due-red', 'overdue'] as const;
const FIRST_DAY = Date.UTC(2026, 0, 5);

/**
 * Reminder `i` as the app plans it: five per order (签收 50 %/100 %, yellow, red, first overdue), order
 * numbers PY + yyyymmdd + a 4-digit daily sequence, the basis being the minute of the limit.
 */
function reminder(i: number): { id: string; name: string; data: TimerJob } {
  const order = Math.floor(i / KINDS.length);
  const kind = KINDS[i % KINDS.length]!;
  const day = new Date(FIRST_DAY + Math.floor(order / 9_999) * DAY_MS)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const ticket = `PY${day}${String((order % 9_999) + 1).padStart(4, '0')}`;
  const basis = 29_450_000 + Math.floor(order / 9_999) * 1_440 + (kind.startsWith('accept') ? 1_440 : 7_200);
  const timer: TimerPayload = { kind: 'reminder', ticket, expect: { reminder: kind, n: 1, basis } };
  return { id: `rem-${ticket}-${kind}-1-${basis}`, ...timerJob(timer) };
}

/** The outbox relay's options for a timer job. */
const timerOptions = (jobId: string, delay: number) => ({ jobId, delay, ...TIMER_JOB_OPTIONS });

async function inParallel(count: number, width: number, work: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** What a backend can tell about itself: storage in bytes, and its server's CPU seconds if separate. */
interface Probe {
  memory(): Promise<number>;
  serverCpu?(): Promise<number>;
}

/** Starts a CPU meter; calling the result gives the CPU seconds used since. */
async function cpuMeter(probe: Probe): Promise<() => Promise<Cpu>> {
  const bench = process.cpuUsage();
  const server = await probe.serverCpu?.();
  return async () => {
    const used = process.cpuUsage(bench);
    const now = await probe.serverCpu?.();
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      bench: round((used.user + used.system) / 1e6),
      ...(now !== undefined && server !== undefined ? { server: round(now - server) } : {}),
    };
  };
}

async function run(label: string, backend: QueueBackend, sizes: Sizes, probe: Probe): Promise<Result> {
  const queue = backend.queue<TimerJob>(TIMER_QUEUE);
  await queue.waitUntilReady();

  // 1. Pending reminders, due over the next month: addBulk in batches, a few batches in flight.
  const before = await probe.memory();
  let meter = await cpuMeter(probe);
  const scheduleStart = performance.now();
  await inParallel(Math.ceil(sizes.pending / BATCH), INFLIGHT, async (b) => {
    const jobs = [];
    for (let i = b * BATCH; i < Math.min(sizes.pending, (b + 1) * BATCH); i++) {
      const { id, name, data } = reminder(i);
      const delay = DAY_MS + (i % 30) * DAY_MS + (i % 86_400) * 1_000;
      jobs.push({ name, data, opts: timerOptions(id, delay) });
    }
    await queue.addBulk(jobs);
    if ((b + 1) % 100 === 0) log(`${label}: scheduled ${(b + 1) * BATCH}`);
  });
  const scheduleMs = performance.now() - scheduleStart;
  const scheduleCpu = await meter();
  const bytesPerJob = ((await probe.memory()) - before) / sizes.pending;
  log(`${label}: ${sizes.pending} scheduled in ${(scheduleMs / 1000).toFixed(1)} s`);

  // 2. Cancel a share of them by id, as the relay does (remove): a batch of concurrent removes at a time.
  const stride = Math.max(1, Math.floor(sizes.pending / sizes.cancel));
  meter = await cpuMeter(probe);
  const cancelStart = performance.now();
  await inParallel(Math.ceil(sizes.cancel / BATCH), 1, async (b) => {
    const ids = [];
    for (let k = b * BATCH; k < Math.min(sizes.cancel, (b + 1) * BATCH); k++)
      ids.push(reminder(k * stride).id);
    await Promise.all(ids.map((id) => queue.remove(id)));
  });
  const cancelMs = performance.now() - cancelStart;
  const cancelCpu = await meter();
  const pendingAfterCancel = await queue.getDelayedCount();
  log(
    `${label}: ${sizes.cancel} cancelled in ${(cancelMs / 1000).toFixed(1)} s; ${pendingAfterCancel} pending`,
  );

  // 3. A batch falling due within one second, among all the pending ones.
  const lateness: number[] = [];
  let lastDone = 0;
  const worker = backend.worker<TimerJob>(
    TIMER_QUEUE,
    async (job) => {
      lateness.push(Date.now() - job.timestamp - (job.opts.delay ?? 0));
      lastDone = Date.now();
    },
    { concurrency: CONCURRENCY, ...KEEP_JOBS },
  );
  await worker.waitUntilReady();
  const lead = Math.max(3_000, Math.ceil((sizes.due / Math.max(1, sizes.pending / scheduleMs)) * 2 + 2_000));
  const dueAt = Date.now() + lead;
  await inParallel(Math.ceil(sizes.due / BATCH), INFLIGHT, async (b) => {
    const jobs = [];
    for (let k = b * BATCH; k < Math.min(sizes.due, (b + 1) * BATCH); k++) {
      const { id, name, data } = reminder(sizes.pending + k);
      jobs.push({
        name,
        data,
        opts: timerOptions(id, Math.max(0, dueAt + (k % 1_000) - Date.now())),
      });
    }
    await queue.addBulk(jobs);
  });
  await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now() - 50)));
  meter = await cpuMeter(probe);
  const give = dueAt + 120_000;
  while (lateness.length < sizes.due && Date.now() < give) await new Promise((r) => setTimeout(r, 20));
  const dueCpu = await meter();
  await worker.close();
  const sorted = [...lateness].sort((x, y) => x - y);
  if (sorted.length < sizes.due) log(`${label}: only ${sorted.length} of ${sizes.due} due jobs ran`);

  return {
    backend: label,
    sizes,
    schedulePerSecond: Math.round(sizes.pending / (scheduleMs / 1000)),
    bytesPerJob: Math.round(bytesPerJob),
    cancelPerSecond: Math.round(sizes.cancel / (cancelMs / 1000)),
    pendingAfterCancel,
    lateness: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN },
    dueRanForMs: lastDone - dueAt,
    cpu: { schedule: scheduleCpu, cancel: cancelCpu, due: dueCpu },
  };
}

async function onRedis(sizes: Sizes): Promise<Result> {
  const prefix = `bench-timers-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
  const serverCpu = async () => {
    const info = await redis.info('cpu');
    return ['used_cpu_sys', 'used_cpu_user'].reduce(
      (sum, f) => sum + Number(new RegExp(`${f}:([\\d.]+)`).exec(info)?.[1]),
      0,
    );
  };
  const backend = createQueueBackend({ kind: 'redis', url: REDIS_URL, prefix });
  const before = await usedMemory();
  try {
    return await run('redis', backend, sizes, { memory: usedMemory, serverCpu });
  } finally {
    await backend.close();
    // Everything under our prefix, and only there.
    const cleanStart = performance.now();
    let removed = 0;
    const scan = redis.scanStream({ match: `${prefix}:*`, count: 10_000 }) as AsyncIterable<string[]>;
    for await (const keys of scan) if (keys.length) removed += await redis.unlink(...keys);
    const seconds = ((performance.now() - cleanStart) / 1000).toFixed(1);
    log(
      `redis: removed ${removed} keys in ${seconds} s; used_memory ${before} before, ${await usedMemory()} after`,
    );
    await redis.quit();
  }
}

async function onEmbeddedPostgres(sizes: Sizes): Promise<Result> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-timers-'));
  const db = await connectEmbedded({ dataDir });
  const client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  const size = async () =>
    Number(
      (await client.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]
        ?.size,
    );
  const backend = createQueueBackend({ kind: 'postgres', connectionString: db.connectionString });
  try {
    // PGlite runs inside this process: its CPU is the bench's.
    return await run('postgres (embedded)', backend, sizes, { memory: size });
  } finally {
    await backend.close();
    await client.end();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const backends = (process.env.BENCH_BACKENDS ?? 'redis,postgres').split(',');
const results: Result[] = [];
if (backends.includes('redis'))
  results.push(
    await onRedis({
      pending: num('TIMERS_PENDING', 1_000_000),
      cancel: num('TIMERS_CANCEL', 100_000),
      due: num('TIMERS_DUE', 10_000),
    }),
  );
if (backends.includes('postgres'))
  results.push(
    await onEmbeddedPostgres({
      pending: num('PG_PENDING', 100_000),
      cancel: num('PG_CANCEL', 10_000),
      due: num('PG_DUE', 1_000),
    }),
  );

for (const r of results) {
  console.log(
    [
      `${r.backend}: ${r.sizes.pending} pending, ${r.sizes.cancel} cancelled, ${r.sizes.due} due in one second`,
      `  schedule  ${r.schedulePerSecond}/s, ${r.bytesPerJob} bytes per pending job (storage growth)`,
      `  cancel    ${r.cancelPerSecond}/s, ${r.pendingAfterCancel} still pending`,
      `  lateness  p50 ${r.lateness.p50} ms, p99 ${r.lateness.p99} ms, max ${r.lateness.max} ms (concurrency ${CONCURRENCY}); last ran ${r.dueRanForMs} ms after the second began`,
      `  cpu s     ${(['schedule', 'cancel', 'due'] as const).map((k) => `${k} bench ${r.cpu[k].bench}${r.cpu[k].server === undefined ? '' : ` server ${r.cpu[k].server}`}`).join('; ')}`,
    ].join('\n'),
  );
}
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(JSON.stringify(results));
process.exit(0);
