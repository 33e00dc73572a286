import type { Queue } from 'bullmq';
import type { ChannelName } from '../core/messages.js';
import type { LoggerPort } from '../core/ports/logger-port.js';
import type { OutboxRow, Store } from '../core/ports/store-port.js';
import { type SendJob, TIMER_JOB_OPTIONS, timerJob } from './job-payloads.js';

export interface OutboxRelay {
  /** Asks for a pass soon (after a commit that wrote outbox rows). */
  wake(): void;
  /** Runs passes until the outbox is empty. */
  drain(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export interface OutboxRelayDeps {
  readonly store: Store;
  readonly sendQueues: ReadonlyMap<ChannelName, Queue>;
  readonly timerQueue: Queue;
  readonly clock: () => Date;
  readonly logger: LoggerPort;
  readonly pollMs?: number;
}

/**
 * Moves committed outbox rows into BullMQ. The job id is derived from the outbox id (or is the
 * timer's deterministic id), and BullMQ ignores a duplicate job id, so a crash between adding the
 * job and marking the row loses nothing and sends nothing twice.
 */
export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let active = false;

  async function relay(row: OutboxRow): Promise<void> {
    const now = deps.clock().getTime();
    const item = row.item;
    switch (item.kind) {
      case 'send': {
        const queue = deps.sendQueues.get(item.message.channel);
        if (!queue) {
          deps.logger.warn(
            { outboxId: row.id, channel: item.message.channel },
            'no channel for outbound message',
          );
          return;
        }
        const job: SendJob = { v: 1, outboxId: row.id, message: item.message };
        const delay = item.notBefore ? Math.max(0, item.notBefore.getTime() - now) : 0;
        await queue.add('send', job, {
          jobId: `out-${row.id}`,
          delay,
          attempts: 12,
          backoff: { type: 'exponential', delay: 1_000 },
        });
        return;
      }
      case 'schedule': {
        const { name, data } = timerJob(item.timer);
        await deps.timerQueue.add(name, data, {
          jobId: item.jobId,
          delay: Math.max(0, item.at.getTime() - now),
          ...TIMER_JOB_OPTIONS,
        });
        return;
      }
      case 'cancel':
        await deps.timerQueue.remove(item.jobId);
        return;
    }
  }

  async function pass(): Promise<void> {
    for (;;) {
      const rows = await deps.store.unrelayed(200);
      if (rows.length === 0) return;
      for (const row of rows) await relay(row);
      await deps.store.markRelayed(rows.map((r) => r.id));
    }
  }

  function run(): Promise<void> {
    if (!active) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'outbox relay pass failed'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  }

  return {
    wake: () => void run(),
    async drain() {
      await running;
      if (active) await pass();
    },
    start() {
      active = true;
      timer ??= setInterval(() => void run(), deps.pollMs ?? 1_000);
      void run();
    },
    async stop() {
      active = false;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
