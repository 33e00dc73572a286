import type { Job, Worker } from 'bullmq';
import type { HotlineApp } from '../core/app/hotline-app.js';
import type { LoggerPort } from '../core/ports/logger-port.js';
import { KEEP_JOBS, parseTimerJob, TIMER_QUEUE } from './job-payloads.js';
import type { QueueBackend } from './queue-backend.js';

/** Runs due timers (surveys, reminders, escalations) through the app, which re-reads the ticket. */
export function createTimerWorker(backend: QueueBackend, app: HotlineApp, logger: LoggerPort): Worker {
  return backend.worker(
    TIMER_QUEUE,
    async (job: Job) => {
      const timer = parseTimerJob(job.name, job.data);
      const outcome = await app.handleTimer(timer);
      logger.debug({ jobId: job.id, kind: timer.kind, ticket: timer.ticket, outcome }, 'timer handled');
      return outcome;
    },
    { concurrency: 8, ...KEEP_JOBS },
  );
}
