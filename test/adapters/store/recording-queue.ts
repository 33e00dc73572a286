import type { Queue } from 'bullmq';

export interface QueueCall {
  readonly op: 'add' | 'remove';
  readonly jobId: string;
}

/** A stand-in for the relay's BullMQ queues: it records every add and remove, in the order they land. */
export interface RecordingQueue {
  readonly queue: Queue;
  readonly calls: QueueCall[];
  /** The jobs it holds now: an add of a job id it holds is ignored, as BullMQ does. */
  readonly jobs: Set<string>;
}

/**
 * Each call takes a little while (0–2 ms), so that two relays using it at once would interleave, or
 * as long as `callMs` says for the n-th call (from 0).
 */
export function recordingQueue(callMs?: (n: number) => number | undefined): RecordingQueue {
  const calls: QueueCall[] = [];
  const jobs = new Set<string>();
  let n = 0;
  const pause = () =>
    new Promise((resolve) => setTimeout(resolve, callMs?.(n++) ?? Math.floor(Math.random() * 3)));
  const queue = {
    async add(_name: string, _data: unknown, options: { jobId: string }) {
      await pause();
      calls.push({ op: 'add', jobId: options.jobId });
      jobs.add(options.jobId);
      return { id: options.jobId };
    },
    async remove(jobId: string) {
      await pause();
      calls.push({ op: 'remove', jobId });
      return jobs.delete(jobId) ? 1 : 0;
    },
  };
  return { queue: queue as unknown as Queue, calls, jobs };
}
