import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { TimerPayload } from '../../core/domain/effects.js';
import { parseTimerJob, timerJob } from '../../jobs/job-payloads.js';

const REMINDER: TimerPayload = {
  kind: 'reminder',
  ticket: 'PY202603100001',
  expect: { reminder: 'due-yellow', n: 1, basis: 29_548_350 },
};

describe('timer job data', () => {
  it('round-trips through the queue as the job name and a short tuple', () => {
    const { name, data } = timerJob(REMINDER);
    expect(name).toBe('reminder');
    expect(JSON.stringify(data).length).toBeLessThan(70);
    expect(parseTimerJob(name, JSON.parse(JSON.stringify(data)))).toEqual(REMINDER);
  });

  it('still runs jobs queued in the first format', () => {
    expect(parseTimerJob('reminder', { v: 1, timer: REMINDER })).toEqual(REMINDER);
  });

  it.each([
    ['an unknown kind', 'launch', ['PY1', {}]],
    ['a tuple missing its expectations', 'reminder', ['PY1']],
    ['a non-scalar expectation', 'survey', ['PY1', { round: [1] }]],
    ['an unknown version', 'reminder', { v: 2, timer: REMINDER }],
    ['nothing', 'reminder', null],
  ])('refuses %s without retrying', (_, name, data) => {
    expect(() => parseTimerJob(name, data)).toThrow(UnrecoverableError);
  });
});
