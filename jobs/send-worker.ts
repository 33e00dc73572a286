import type { Job, Worker } from 'bullmq';
import type { ChannelName } from '../core/messages.js';
import type { ChannelPort } from '../core/ports/channel-port.js';
import type { LoggerPort } from '../core/ports/logger-port.js';
import type { Store } from '../core/ports/store-port.js';
import { KEEP_JOBS, parseSendJob, SEND_QUEUE_PREFIX } from './job-payloads.js';
import type { QueueBackend } from './queue-backend.js';

export interface SendLimit {
  readonly max: number;
  readonly durationMs: number;
}

/**
 * One send worker per channel, rate-limited to protect the account. A message already delivered
 * (by an earlier attempt) is not sent again; a failed send is retried with backoff by BullMQ.
 */
export function createSendWorker(
  backend: QueueBackend,
  channel: ChannelPort,
  deps: { store: Store; logger: LoggerPort; limit: SendLimit; concurrency?: number },
): Worker {
  return backend.worker(
    sendQueueName(channel.name),
    async (job: Job) => {
      const { outboxId, message } = parseSendJob(job.data);
      if (await deps.store.isDelivered(outboxId)) return;
      try {
        if (message.updatesCard && channel.updateCard) await channel.updateCard(message, `out-${outboxId}`);
        else await channel.send(message, `out-${outboxId}`);
      } catch (error) {
        deps.logger.warn(
          { channel: channel.name, outboxId, attempt: job.attemptsMade + 1, err: error },
          'send failed; will retry',
        );
        throw error;
      }
      await deps.store.markDelivered(outboxId);
    },
    {
      concurrency: deps.concurrency ?? 1,
      ...KEEP_JOBS,
      limiter: { max: deps.limit.max, duration: deps.limit.durationMs },
    },
  );
}

export const sendQueueName = (channel: ChannelName) => `${SEND_QUEUE_PREFIX}${channel}`;
