import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueueBackend, type QueueBackend } from '../../jobs/queue-backend.js';

const RUN = randomBytes(4).toString('hex');
const SWEEP_MS = 200;

/** On PostgreSQL a worker's retention is applied by a periodic sweep rather than per job. */
describe('worker retention on PostgreSQL', () => {
  let backend: QueueBackend | undefined;
  const cleanUps: (() => Promise<unknown>)[] = [];

  afterEach(async () => {
    for (const cleanUp of cleanUps.splice(0)) await cleanUp();
    await backend?.close();
  });

  const setUp = async (
    name: string,
    retention: Parameters<QueueBackend['worker']>[2],
    handle: (n: number) => void = () => undefined,
  ) => {
    backend = createQueueBackend({
      kind: 'postgres',
      connectionString: 'postgresql://postgres@127.0.0.1:5432/test',
      retentionSweepMs: SWEEP_MS,
    });
    const queue = backend.queue<{ n: number }>(`${name}-${RUN}`);
    const finished: string[] = [];
    const worker = backend.worker<{ n: number }>(`${name}-${RUN}`, async (job) => handle(job.data.n), {
      concurrency: 1,
      ...retention,
    });
    worker.on('completed', (job) => finished.push(job.id!));
    worker.on('failed', (job) => finished.push(job!.id!));
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    cleanUps.push(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
    });
    return { queue, finished };
  };

  it('keeps the newest completed jobs up to the count', async () => {
    const { queue, finished } = await setUp('retention-count', { removeOnComplete: { count: 3 } });
    for (let n = 1; n <= 8; n++) {
      await queue.add('job', { n }, { jobId: `c-${n}` });
      await waitFor(() => finished.length === n);
      await sleep(2); // distinct finishing times
    }
    await waitFor(async () => (await queue.getCompletedCount()) === 3);
    const kept = await queue.getJobs(['completed']);
    expect(kept.map((job) => job.id).sort()).toEqual(['c-6', 'c-7', 'c-8']);
  });

  it('removes failed jobs older than the age', async () => {
    const { queue, finished } = await setUp('retention-age', { removeOnFail: { age: 1 } }, () => {
      throw new Error('fails');
    });
    await queue.add('job', { n: 1 }, { jobId: 'f-1' });
    await waitFor(() => finished.length === 1);
    expect(await queue.getJobState('f-1')).toBe('failed');
    await waitFor(async () => (await queue.getJob('f-1')) === undefined, 3_000);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
