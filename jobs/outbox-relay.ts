import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Queue } from 'bullmq';
import type { ChannelName } from '../core/messages.js';
import type { LoggerPort } from '../core/ports/logger-port.js';
import type { OutboxRow, Store } from '../core/ports/store-port.js';
import { type SendJob, TIMER_JOB_OPTIONS, timerJob } from './job-payloads.js';

export interface OutboxRelay {
  /** Asks for a pass soon (after a commit that wrote outbox rows). */
  wake(): void;
  /** Runs passes until the outbox is empty (waiting for another process's relay, if it has the lease). */
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
  /**
   * How long the relay lease lasts without renewal (default 15 s): a relay that dies holding it
   * keeps the other processes' relays waiting this long.
   */
  readonly leaseMs?: number;
}

const BATCH = 200;
/** How often `drain` looks again while another process's relay has the lease. */
const BUSY_RETRY_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves committed outbox rows into BullMQ. The job id is derived from the outbox id (or is the
 * timer's deterministic id), and BullMQ ignores a duplicate job id, so a crash between adding the
 * job and marking the row loses nothing and sends nothing twice.
 *
 * Every process runs a relay, but only the holder of the relay lease (in the database) moves rows,
 * so they reach the queues once each and in the order they were written: two relays reading the
 * same rows could otherwise schedule again a timer the other had just cancelled. No transaction is
 * held meanwhile (on the embedded database it would hold the one session the queue needs). The
 * lease is taken when there is something to relay, renewed before every further batch and freed
 * when a batch comes back short; the relay then looks once more, for rows whose writers' wakes
 * found the lease taken. A relay that dies holding it holds the others up until it runs out.
 *
 * No queue call starts later than half a lease after its renewal was asked for, so a relay that
 * stalls (a slow database, a paused process, a queue call that hangs) makes no further call once
 * another may have taken over; only the call in flight when the lease ran out can land after the
 * new holder's.
 */
export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  const leaseMs = deps.leaseMs ?? 15_000;
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let timer: ReturnType<typeof setInterval> | undefined;
  /** The pass in progress; resolves to whether it left the outbox empty. */
  let running: Promise<boolean> | undefined;
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

  /** Takes or renews the lease; returns until when (local monotonic time) queue calls may start. */
  async function lease(): Promise<number | undefined> {
    const asked = performance.now();
    return (await deps.store.takeRelayLease(holder, leaseMs)) ? asked + leaseMs / 2 : undefined;
  }

  /** Relays rows in order while the lease allows, then marks those relayed. */
  async function relayRows(rows: readonly OutboxRow[], until: number): Promise<void> {
    const done: string[] = [];
    try {
      for (const row of rows) {
        if (performance.now() > until) return;
        await relay(row);
        done.push(row.id);
      }
    } finally {
      if (done.length > 0) await deps.store.markRelayed(done);
    }
  }

  /** Relays until the outbox is empty (true), or returns false while another relay has the lease. */
  async function pass(): Promise<boolean> {
    for (;;) {
      if ((await deps.store.unrelayed(1)).length === 0) return true;
      let until = await lease();
      if (until === undefined) return false; // its holder looks once more after freeing it
      try {
        while (until !== undefined) {
          const rows = await deps.store.unrelayed(BATCH);
          await relayRows(rows, until);
          if (rows.length < BATCH) break;
          until = await lease();
        }
      } finally {
        await deps.store
          .releaseRelayLease(holder)
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'outbox relay lease not freed'));
      }
    }
  }

  /** Starts a pass, or asks the one in progress for another after it. */
  function run(): Promise<boolean> {
    if (running) {
      again = true;
      return running;
    }
    const current = pass().finally(() => {
      running = undefined;
      if (again && active) {
        again = false;
        background();
      }
    });
    running = current;
    return current;
  }

  function background(): void {
    if (!active) return;
    run().catch((error: unknown) => deps.logger.error({ err: error }, 'outbox relay pass failed'));
  }

  return {
    wake: background,
    async drain() {
      for (;;) {
        if (running) {
          await running.catch(() => undefined); // a background pass logged its own failure
          continue;
        }
        if (!active) return;
        if (await run()) return;
        await sleep(BUSY_RETRY_MS);
      }
    },
    start() {
      active = true;
      timer ??= setInterval(background, deps.pollMs ?? 1_000);
      background();
    },
    async stop() {
      active = false;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
