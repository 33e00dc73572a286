import {
  createPostgresBackend,
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
  | { readonly kind: 'postgres'; readonly connectionString: string };

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
 * BullMQ types a queue by its backend; callers use only the backend-neutral API, so PostgreSQL
 * queues and workers are handed out under the default (Redis) type.
 */
const OnPostgres = withBackend(createPostgresBackend);

export function createQueueBackend(config: QueueBackendConfig): QueueBackend {
  const queues: Queue[] = [];
  const workers: Worker[] = [];
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
      const worker = pg
        ? (new OnPostgres.Worker<T>(name, processor, { ...options, connection: pg }) as unknown as Worker<T>)
        : new Worker<T>(name, processor, { ...options, ...prefix, connection: redis!.workers });
      workers.push(worker as Worker);
      return worker;
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled(workers.map((worker) => worker.close()));
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
