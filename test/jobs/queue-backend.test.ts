import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEEP_JOBS } from '../../jobs/job-payloads.js';
import { createQueueBackend, type QueueBackend, type QueueBackendConfig } from '../../jobs/queue-backend.js';

const RUN = randomBytes(4).toString('hex');
const CONFIGS: readonly QueueBackendConfig[] = [
  { kind: 'redis', url: 'redis://127.0.0.1:6379', prefix: `qbtest-${RUN}` },
  // BullMQ keeps every queue in one schema (`bullmq`); unique queue names keep runs apart.
  { kind: 'postgres', connectionString: 'postgresql://postgres@127.0.0.1:5432/test' },
];

/** Lateness allowed on top of a delay; measured here at 20–170 ms on either backend. */
const SLACK_MS = 1_000;

describe.each(CONFIGS)('BullMQ on $kind', (config) => {
  let backend: QueueBackend;
  let cleanUps: (() => Promise<unknown>)[] = [];
  let caseNumber = 0;
  const queueName = () => {
    caseNumber += 1;
    return `qb-${RUN}-${config.kind}-${caseNumber}`;
  };

  beforeEach(() => {
    backend = createQueueBackend(config);
    cleanUps = [];
  });

  afterEach(async () => {
    for (const cleanUp of cleanUps) await cleanUp();
    await backend.close();
  });

  /** A queue and a worker on it that records when each job started; cleaned up after the test. */
  const setUp = async (
    handle: (job: Job<{ n: number }>) => Promise<unknown> = async () => 'done',
    workerOptions: Parameters<QueueBackend['worker']>[2] = {},
  ) => {
    const name = queueName();
    const queue = backend.queue<{ n: number }>(name);
    const started: { id: string; n: number; at: number }[] = [];
    const completed: string[] = [];
    const worker = backend.worker<{ n: number }>(
      name,
      async (job) => {
        started.push({ id: job.id!, n: job.data.n, at: Date.now() });
        return handle(job);
      },
      workerOptions,
    );
    worker.on('completed', (job) => completed.push(job.id!));
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    cleanUps.push(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
    });
    return { queue, worker, started, completed };
  };

  it('runs a job and keeps its result', async () => {
    const { queue, completed } = await setUp(async (job) => ({ doubled: job.data.n * 2 }));
    const job = await queue.add('double', { n: 21 });
    await waitFor(() => completed.length === 1);
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ doubled: 42 });
  });

  it('fires a delayed job after its delay and not before', async () => {
    const { queue, started } = await setUp();
    const addedAt = Date.now();
    await queue.add('later', { n: 1 }, { delay: 1_000 });
    await waitFor(() => started.length === 1, 1_000 + SLACK_MS + 2_000);
    const lateness = started[0]!.at - addedAt - 1_000;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(SLACK_MS);
  });

  it('ignores a job added again under the same id', async () => {
    const { queue, started, completed } = await setUp();
    await queue.add('once', { n: 1 }, { jobId: 'reminder-t1-first-1' });
    await queue.add('once', { n: 2 }, { jobId: 'reminder-t1-first-1' });
    await waitFor(() => completed.length === 1);
    await queue.add('once', { n: 3 }, { jobId: 'reminder-t1-first-1' });
    await sleep(300);
    expect(started.map((s) => s.n)).toEqual([1]);
  });

  it("applies the worker's retention to jobs without their own", async () => {
    const kept = await setUp(undefined, KEEP_JOBS);
    await kept.queue.add('kept', { n: 1 }, { jobId: 'rem-t4-first-1' });
    await waitFor(() => kept.completed.length === 1);
    expect(await kept.queue.getJobState('rem-t4-first-1')).toBe('completed');
    await kept.queue.add('kept', { n: 2 }, { jobId: 'rem-t4-first-1' });
    await sleep(300);
    expect(kept.started.map((s) => s.n)).toEqual([1]);

    const dropped = await setUp(undefined, { removeOnComplete: { count: 0 } });
    await dropped.queue.add('dropped', { n: 1 }, { jobId: 'rem-t5-first-1' });
    await waitFor(() => dropped.completed.length === 1);
    await waitFor(async () => (await dropped.queue.getJob('rem-t5-first-1')) === undefined);
  });

  it('cancels a delayed job removed before it is due', async () => {
    const { queue, started } = await setUp();
    await queue.add('cancelled', { n: 1 }, { delay: 500, jobId: 'remind-t2-first-1' });
    await queue.add('kept', { n: 2 }, { delay: 500, jobId: 'remind-t3-first-1' });
    expect(await queue.remove('remind-t2-first-1')).toBe(1);
    await waitFor(() => started.length === 1, 500 + SLACK_MS + 2_000);
    await sleep(300);
    expect(started.map((s) => s.n)).toEqual([2]);
    expect(await queue.getJob('remind-t2-first-1')).toBeUndefined();
  });

  it('holds a worker to its rate limit', async () => {
    const { queue, started } = await setUp(undefined, { concurrency: 4, limiter: { max: 2, duration: 600 } });
    await queue.addBulk(Array.from({ length: 6 }, (_, n) => ({ name: 'limited', data: { n } })));
    await waitFor(() => started.length === 6, 5_000);
    const times = started.map((s) => s.at).sort((a, b) => a - b);
    // No three starts inside one window of the limiter.
    for (let i = 0; i + 2 < times.length; i += 1)
      expect(times[i + 2]! - times[i]!).toBeGreaterThanOrEqual(550);
  });

  it('retries a failing job with backoff until an attempt succeeds', async () => {
    const { queue, started, completed } = await setUp(async (job) => {
      if (job.attemptsMade < 2) throw new Error('channel unavailable');
      return 'sent';
    });
    await queue.add('flaky', { n: 1 }, { attempts: 3, backoff: { type: 'fixed', delay: 400 } });
    await waitFor(() => completed.length === 1, 5_000);
    expect(started).toHaveLength(3);
    const gaps = started.slice(1).map((s, i) => s.at - started[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(380);
  });

  it('refuses a queue name one of the backends could not hold', () => {
    expect(() => backend.queue('send:wechat')).toThrow(/invalid queue name/);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
