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

const TimerJobSchema = z.object({
  v: z.literal(1),
  timer: z.object({
    kind: z.enum(['survey', 'survey-reminder', 'survey-close', 'reminder', 'escalation', 'digest']),
    ticket: z.string(),
    expect: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});

export interface SendJob {
  readonly v: 1;
  readonly outboxId: string;
  readonly message: OutboundMessage;
}

export interface TimerJob {
  readonly v: 1;
  readonly timer: TimerPayload;
}

function parse<T>(schema: z.ZodType, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new UnrecoverableError(`invalid ${what} job: ${result.error.issues[0]?.message ?? ''}`);
  return result.data as T;
}

export const parseSendJob = (data: unknown) => parse<SendJob>(SendJobSchema, data, 'send');
export const parseTimerJob = (data: unknown) => parse<TimerJob>(TimerJobSchema, data, 'timer');

export const SEND_QUEUE_PREFIX = 'hotline-send-';
export const TIMER_QUEUE = 'hotline-timers';

/** Completed jobs are kept a while so a re-added job id is still recognised as a duplicate. */
export const KEEP_JOBS = {
  removeOnComplete: { age: 7 * 86_400, count: 50_000 },
  removeOnFail: { age: 14 * 86_400 },
} as const;
