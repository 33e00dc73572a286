import type { AddressInfo } from 'node:net';
import type { Queue, Worker } from 'bullmq';
import { createPgStore, type PgStore } from '../adapters/store/pg/pg-store.js';
import { healthRoute } from '../adapters/web/health-route.js';
import { createHttpServer } from '../adapters/web/http-server.js';
import { createWebChannel } from '../adapters/web/web-channel.js';
import { webRoutes } from '../adapters/web/web-routes.js';
import type { AppDeps } from '../core/app/app-deps.js';
import { createHotlineApp, type HotlineApp } from '../core/app/hotline-app.js';
import { type DirectoryIndex, indexDirectory } from '../core/directory/directory-index.js';
import type { Directory } from '../core/directory/directory-schema.js';
import type { ChannelName } from '../core/messages.js';
import type { ChannelPort } from '../core/ports/channel-port.js';
import { createTemplates } from '../core/text/templates.js';
import { TIMER_QUEUE, timerJob } from '../jobs/job-payloads.js';
import { createOutboxRelay, type OutboxRelay } from '../jobs/outbox-relay.js';
import { createQueueBackend, type QueueBackend } from '../jobs/queue-backend.js';
import { createSendWorker, sendQueueName } from '../jobs/send-worker.js';
import { createTimerWorker } from '../jobs/timer-worker.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { configuredChannels } from './channels.js';
import type { Env } from './config/env.js';
import { type Database, openDatabase } from './database.js';
import type { Logger } from './logger.js';
import { createPolicy } from './policy.js';
import { createUnderstanding } from './understanding.js';

/** What a channel factory gets to build its runtime. */
export interface ChannelContext {
  readonly directory: DirectoryIndex;
  readonly logger: Logger;
  readonly pool: PgStore['pool'];
  readonly dataDir: string;
  readonly clock: () => Date;
}

export interface HotlineOptions {
  readonly env: Env;
  /** The raw environment for settings outside `Env` (LLM_*, HOTLINE_CLASSIFIER, channels); default process.env. */
  readonly rawEnv?: Readonly<Record<string, string | undefined>>;
  readonly directory: Directory;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** BullMQ key prefix on Redis (tests use a unique one). */
  readonly queuePrefix?: string;
  /** Channels besides the web one; default: those configured in the environment. */
  readonly channels?: (context: ChannelContext) => Promise<readonly ChannelRuntime[]>;
}

export interface Hotline {
  /** Where the web chat and webhooks listen; '' for a worker, which serves neither. */
  readonly url: string;
  /** Where `/healthz` answers: the gateway's `url`, a worker's WORKER_HEALTH_PORT listener, or ''. */
  readonly healthUrl: string;
  readonly app: HotlineApp;
  readonly store: PgStore;
  readonly relay: OutboxRelay;
  readonly database: Database;
  /** Waits until inbound messages are processed and the outbox is relayed. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: database, queues, channels, the app, workers and the HTTP server. */
export async function startHotline(options: HotlineOptions): Promise<Hotline> {
  const { env, logger } = options;
  const rawEnv = options.rawEnv ?? process.env;
  const clock = options.clock ?? (() => new Date());
  const directory = indexDirectory(options.directory);
  const database = await openDatabase(env);
  const store = await createPgStore({ connectionString: database.connectionString });
  const backend: QueueBackend = env.REDIS_URL
    ? createQueueBackend({
        kind: 'redis',
        url: env.REDIS_URL,
        ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}),
      })
    : createQueueBackend({ kind: 'postgres', connectionString: database.connectionString });

  const context: ChannelContext = { directory, logger, pool: store.pool, dataDir: env.DATA_DIR, clock };
  const runtimes: ChannelRuntime[] = [
    {
      port: createWebChannel(store.pool, directory),
      sendLimit: { max: env.WEB_SEND_PER_SECOND, durationMs: 1_000 },
      start: async () => undefined,
      stop: async () => undefined,
      status: () => ({ state: 'online' }),
    },
    ...(await (options.channels ?? ((ctx) => configuredChannels(env, ctx, rawEnv)))(context)),
  ];
  const channels = new Map<ChannelName, ChannelPort>(runtimes.map((r) => [r.port.name, r.port]));

  const policy = createPolicy(options.directory);
  let relay: OutboxRelay | undefined;
  const deps: AppDeps = {
    store,
    understanding: await createUnderstanding({ directory: options.directory, env: rawEnv, logger }),
    channels,
    directory,
    templates: createTemplates(options.directory.templates),
    time: policy.time,
    residentSendTime: policy.residentSendTime,
    clock,
    logger,
    afterCommit: () => relay?.wake(),
  };
  const app = createHotlineApp(deps);

  const sendQueues = new Map<ChannelName, Queue>();
  for (const name of channels.keys()) sendQueues.set(name, backend.queue(sendQueueName(name)));
  const timerQueue = backend.queue(TIMER_QUEUE);
  relay = createOutboxRelay({ store, sendQueues, timerQueue, clock, logger });

  // Sends happen where the channel's connection lives (the gateway); timers run on workers.
  const isGateway = env.HOTLINE_ROLE !== 'worker';
  const isWorker = env.HOTLINE_ROLE !== 'gateway';
  const workers: Worker[] = [];
  if (isGateway) {
    for (const runtime of runtimes) {
      const worker = createSendWorker(backend, runtime.port, { store, logger, limit: runtime.sendLimit });
      // A channel that cannot send (e.g. logged out) pauses its queue; nothing is lost meanwhile.
      runtime.onSendability?.((canSend) => void (canSend ? worker.resume() : worker.pause()));
      if (runtime.canSend && !runtime.canSend()) void worker.pause();
      workers.push(worker);
    }
  }
  if (isWorker) workers.push(createTimerWorker(backend, app, logger));
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  // HTTP (the web chat, channel webhooks, /healthz) is the gateway's. A worker opens no port, unless
  // WORKER_HEALTH_PORT asks for a liveness check: then it serves /healthz alone there.
  const healthDetails = {
    role: env.HOTLINE_ROLE,
    database: database.embedded ? 'embedded' : 'server',
    queue: backend.kind,
  };
  const routes = isGateway
    ? [
        ...runtimes.flatMap((r) => r.routes ?? []),
        ...webRoutes({
          app,
          pool: store.pool,
          directory,
          clock,
          health: () => ({
            ok: true,
            details: {
              ...healthDetails,
              channels: Object.fromEntries(runtimes.map((r) => [r.port.name, r.status()])),
            },
          }),
        }),
      ]
    : env.WORKER_HEALTH_PORT !== undefined
      ? [healthRoute(() => ({ ok: true, details: healthDetails }))]
      : [];
  const port = isGateway ? env.PORT : env.WORKER_HEALTH_PORT;
  const server = routes.length ? createHttpServer(routes, logger) : undefined;
  let address = '';
  if (server) {
    await new Promise<void>((resolve) => server.listen(port, env.HOST, resolve));
    address = `http://${env.HOST}:${(server.address() as AddressInfo).port}`;
    if (!isGateway) logger.info({ url: `${address}/healthz` }, 'worker health check listening');
  }

  if (isGateway) {
    for (const runtime of runtimes) await runtime.start(app);
    // Inbound messages are the gateway's: a worker leaves a conversation's pending ones alone.
    await app.recover();
  }
  relay.start();
  if (isWorker) {
    // The 09:00 digest; upsert is idempotent, so every worker may declare it.
    await timerQueue.upsertJobScheduler(
      'daily-digest',
      { pattern: '0 9 * * *', tz: 'Asia/Shanghai' },
      timerJob({ kind: 'digest', ticket: '', expect: {} }),
    );
    await app.checkCalendar();
  }

  return {
    url: isGateway ? address : '',
    healthUrl: address,
    app,
    store,
    relay,
    database,
    async settle() {
      await app.idle();
      await relay?.drain();
    },
    async stop() {
      app.stop();
      if (isGateway) for (const runtime of runtimes) await runtime.stop();
      if (server) {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
      }
      await relay?.stop();
      await Promise.all(workers.map((w) => w.close()));
      await backend.close();
      await store.close();
      await database.close();
    },
  };
}
