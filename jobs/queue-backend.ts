import {
  createPostgresBackend,
  type KeepJobs,
  type Processor,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
  withBackend,
} from 'bullmq';
import { Redis } from 'ioredis';

/** Redis (production) or BullMQ's PostgreSQL backend on the application's own database. */
export type QueueBackendConfig =
  | { readonly kind: 'redis'; readonly url: string; readonly prefix?: string }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      /** How often workers' retention is applied (see RETENTION_SWEEP_MS); for tests. */
      readonly retentionSweepMs?: number;
    };

/** Options that mean the same on both backends; the connection is the factory's business. */
export type QueueCreateOptions = Omit<QueueOptions, 'connection' | 'prefix'>;
export type WorkerCreateOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

export interface QueueBackend {
  readonly kind: QueueBackendConfig['kind'];
  queue<T = unknown>(name: string, options?: QueueCreateOptions): Queue<T>;
  worker<T = unknown>(name: string, processor: Processor<T>, options?: WorkerCreateOptions): Worker<T>;
  /** Closes every queue and worker it made (workers finish their active jobs first), then its connections. */
  close(): Promise<void>;
}

/** Valid on both backends: Redis keys forbid `:`; PostgreSQL stores the name as a value. */
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * Every queue and worker on PostgreSQL gets a pool of its own; kept small because on the embedded
 * database all connections share one session anyway, and its server admits a limited number.
 */
const PG_QUEUE_POOL_MAX = 2;
const PG_WORKER_POOL_MAX = 4;

/**
 * Retention on PostgreSQL. BullMQ's SQL applies `removeOnComplete` / `removeOnFail` inside each job's
 * completion, and its count limit there (`DELETE … WHERE id NOT IN (the newest <count>)`) reads
 * every kept job of the queue every time: on the embedded database about 1.5 µs per kept job, so
 * 15 ms per completion with 10,000 kept and 75 ms with 50,000 — it outweighed the job itself many
 * times over. So a worker's retention that keeps jobs is not handed to BullMQ on PostgreSQL; a sweep
 * applies it every RETENTION_SWEEP_MS instead, in batches, removing the finished jobs older than
 * the age and those beyond the count (the newest are kept). Between sweeps a queue may hold up to a
 * sweep interval's worth of jobs more than the limit. Retention that keeps nothing (`count: 0` or
 * `age: 0`) stays with BullMQ: there each job deletes itself. A job's own retention, if it has one,
 * is still applied by BullMQ when that job finishes.
 */
const RETENTION_SWEEP_MS = 60_000;
/** Jobs removed per statement; on the embedded database a batch holds its one session up to ~0.1 s. */
const RETENTION_SWEEP_BATCH = 1_000;

/**
 * BullMQ types a queue by its backend; callers use only the backend-neutral API, so PostgreSQL
 * queues and workers are handed out under the default (Redis) type.
 */
const OnPostgres = withBackend(createPostgresBackend);

export function createQueueBackend(config: QueueBackendConfig): QueueBackend {
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const sweeps: RetentionSweep[] = [];
  const redis = config.kind === 'redis' ? createRedisConnections(config.url) : undefined;
  const prefix = config.kind === 'redis' && config.prefix ? { prefix: config.prefix } : {};
  const postgres = (max: number) =>
    config.kind === 'postgres'
      ? { connectionString: config.connectionString, migrate: true, max }
      : undefined;
  let closing: Promise<void> | undefined;

  const checkName = (name: string) => {
    if (!QUEUE_NAME.test(name)) throw new Error(`invalid queue name "${name}": use letters, digits, - and _`);
    if (closing) throw new Error('the queue backend is closed');
  };

  return {
    kind: config.kind,
    queue<T>(name: string, options: QueueCreateOptions = {}): Queue<T> {
      checkName(name);
      const pg = postgres(PG_QUEUE_POOL_MAX);
      const queue = pg
        ? (new OnPostgres.Queue<T>(name, { ...options, connection: pg }) as unknown as Queue<T>)
        : new Queue<T>(name, { ...options, ...prefix, connection: redis!.queues });
      queues.push(queue as Queue);
      return queue;
    },
    worker<T>(name: string, processor: Processor<T>, options: WorkerCreateOptions = {}): Worker<T> {
      checkName(name);
      const pg = postgres(PG_WORKER_POOL_MAX);
      if (!pg) {
        const worker = new Worker<T>(name, processor, { ...options, ...prefix, connection: redis!.workers });
        workers.push(worker as Worker);
        return worker;
      }
      const { removeOnComplete, removeOnFail, ...rest } = options;
      const completed = sweptRetention(removeOnComplete);
      const failed = sweptRetention(removeOnFail);
      const worker = new OnPostgres.Worker<T>(name, processor, {
        ...rest,
        ...(completed || !removeOnComplete ? {} : { removeOnComplete }),
        ...(failed || !removeOnFail ? {} : { removeOnFail }),
        connection: pg,
      }) as unknown as Worker<T>;
      workers.push(worker as Worker);
      if (completed || failed) {
        const sweeper = new OnPostgres.Queue(name, { connection: postgres(1)! }) as unknown as Queue;
        const everyMs = (config.kind === 'postgres' && config.retentionSweepMs) || RETENTION_SWEEP_MS;
        sweeps.push(startRetentionSweep(sweeper, { completed, failed }, everyMs));
      }
      return worker;
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled(workers.map((worker) => worker.close()));
        await Promise.allSettled(sweeps.map((sweep) => sweep.stop()));
        await Promise.allSettled(queues.map((queue) => queue.close()));
        if (redis) await Promise.allSettled([redis.queues.quit(), redis.workers.quit()]);
      })();
      return closing;
    },
  };
}

/**
 * Producers fail fast while Redis is away (ioredis' default retry limit); workers must not, or their
 * blocking commands error out, so theirs retries forever as BullMQ requires. BullMQ duplicates the
 * worker connection for its blocking reads and closes those copies itself.
 */
function createRedisConnections(url: string): { queues: Redis; workers: Redis } {
  return {
    queues: new Redis(url),
    workers: new Redis(url, { maxRetriesPerRequest: null }),
  };
}

/** What a sweep keeps of one kind of finished job. */
interface Retention {
  readonly ageMs?: number;
  readonly count?: number;
}

/** The retention a sweep applies instead of BullMQ, or undefined when BullMQ's own is cheap. */
function sweptRetention(keep: KeepJobs | undefined): Retention | undefined {
  if (!keep) return undefined;
  const age = 'age' in keep ? keep.age : undefined;
  const { count } = keep;
  if (age === 0 || count === 0) return undefined;
  const retention = {
    ...(age !== undefined && age > 0 ? { ageMs: age * 1_000 } : {}),
    ...(count !== undefined && count > 0 ? { count } : {}),
  };
  return Object.keys(retention).length > 0 ? retention : undefined;
}

interface RetentionSweep {
  /** Stops sweeping, waits for a sweep under way, closes the sweep's queue. */
  stop(): Promise<void>;
}

function startRetentionSweep(
  queue: Queue,
  keep: { readonly completed?: Retention | undefined; readonly failed?: Retention | undefined },
  everyMs: number,
): RetentionSweep {
  let running: Promise<void> | undefined;
  const sweepAll = async () => {
    if (keep.completed) await sweep(queue, 'completed', keep.completed);
    if (keep.failed) await sweep(queue, 'failed', keep.failed);
  };
  const timer = setInterval(() => {
    // Best effort: a sweep that fails (the database away, say) is simply tried again next time.
    running ??= sweepAll()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await queue.close();
    },
  };
}

async function sweep(queue: Queue, state: 'completed' | 'failed', keep: Retention): Promise<void> {
  if (keep.ageMs !== undefined) {
    const ageMs = keep.ageMs;
    await removeFinishedUpTo(queue, state, () => Date.now() - ageMs);
  }
  if (keep.count !== undefined) {
    // The newest job beyond the count: it and every job that finished no later go.
    const [first] = await queue.getJobs([state], keep.count, keep.count, false);
    const finishedOn = first?.finishedOn;
    if (finishedOn !== undefined) await removeFinishedUpTo(queue, state, () => finishedOn);
  }
}

/** Removes the jobs in `state` that finished at or before `until()`, a batch per statement. */
async function removeFinishedUpTo(
  queue: Queue,
  state: 'completed' | 'failed',
  until: () => number,
): Promise<void> {
  // `clean` counts its grace back from its own clock: computed afresh for every batch.
  while (
    (await queue.clean(Date.now() - until(), RETENTION_SWEEP_BATCH, state)).length === RETENTION_SWEEP_BATCH
  );
}
