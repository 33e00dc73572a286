import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { TimerPayload } from '../core/domain/effects.js';
import type { OutboundMessage } from '../core/messages.js';

/** Job payloads cross a process boundary: versioned and validated; an invalid one is never retried. */
const SendJobSchema = z.object({
  v: z.literal(1),
  outboxId: z.string(),
  message: z
    .object({ channel: z.enum(['web', 'wechat', 'feishu']), conversation: z.string(), text: z.string() })
    .passthrough(),
});

const TimerKindSchema = z.enum([
  'survey',
  'survey-reminder',
  'survey-close',
  'reminder',
  'escalation',
  'digest',
]);
const ExpectSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** Timer job data: `[ticket, expect]`, the kind being the job's name (see `timerJob`). */
const TimerJobSchema = z.tuple([z.string(), ExpectSchema]);

/** The first format, `{ v: 1, timer }`: jobs queued by an earlier version still run. */
const TimerJobV1Schema = z.object({
  v: z.literal(1),
  timer: z.object({ kind: TimerKindSchema, ticket: z.string(), expect: ExpectSchema }),
});

export interface SendJob {
  readonly v: 1;
  readonly outboxId: string;
  readonly message: OutboundMessage;
}

/**
 * A pending timer as queued. Up to a million may wait at once, so it is kept short: the kind is
 * the job's name, the rest positional. Together with keeping retention in the worker's options
 * rather than in every job, this keeps a pending reminder under 1 KB of Redis memory.
 */
export type TimerJob = readonly [ticket: string, expect: TimerPayload['expect']];

export const timerJob = (timer: TimerPayload): { name: TimerPayload['kind']; data: TimerJob } => ({
  name: timer.kind,
  data: [timer.ticket, timer.expect],
});

function parse<T>(schema: z.ZodType, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new UnrecoverableError(`invalid ${what} job: ${result.error.issues[0]?.message ?? ''}`);
  return result.data as T;
}

export const parseSendJob = (data: unknown) => parse<SendJob>(SendJobSchema, data, 'send');
export function parseTimerJob(name: string, data: unknown): TimerPayload {
  if (Array.isArray(data)) {
    const kind = parse<TimerPayload['kind']>(TimerKindSchema, name, 'timer (name)');
    const [ticket, expect] = parse<TimerJob>(TimerJobSchema, data, 'timer');
    return { kind, ticket, expect };
  }
  return parse<{ timer: TimerPayload }>(TimerJobV1Schema, data, 'timer').timer;
}

export const SEND_QUEUE_PREFIX = 'hotline-send-';
export const TIMER_QUEUE = 'hotline-timers';

/**
 * Completed jobs are kept a while so a re-added job id is still recognised as a duplicate. Given
 * to workers (BullMQ applies a worker's retention to jobs without their own), not to each job.
 */
export const KEEP_JOBS = {
  removeOnComplete: { age: 7 * 86_400, count: 50_000 },
  removeOnFail: { age: 14 * 86_400 },
} as const;

/** How a timer job is retried when handling it fails (the database away, say). */
export const TIMER_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } } as const;
