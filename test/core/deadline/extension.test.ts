import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';
import { extendDeadline } from '../../../core/deadline/extension.js';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';

const calendar = createChineseDaysCalendar();
const policy = DeadlinePolicySchema.parse({});

describe('approved extension', () => {
  it.each([
    // Due 24:00 Oct 13 (Tue): Oct 14, 15, 16, 19, 20.
    ['2026-10-14T00:00:00+08:00', 5, '2026-10-21T00:00:00+08:00'],
    // Due 24:00 Sep 28: Sep 29, 30, then 国庆 until Oct 8.
    ['2026-09-29T00:00:00+08:00', 3, '2026-10-09T00:00:00+08:00'],
    // Due 24:00 Feb 13: the make-up Saturday Feb 14, then Feb 24 after 春节.
    ['2026-02-14T00:00:00+08:00', 2, '2026-02-25T00:00:00+08:00'],
    // A 紧急 order due in the holiday: the first working day after Oct 1 is Oct 8.
    ['2026-10-01T16:00:00+08:00', 1, '2026-10-09T00:00:00+08:00'],
    // The maximum: Oct 14–16, 19–23, 26, 27.
    ['2026-10-14T00:00:00+08:00', 10, '2026-10-28T00:00:00+08:00'],
  ])('due %s + %i working days → %s', (dueAt, days, extended) => {
    const result = extendDeadline(new Date(dueAt), days, policy, calendar);
    expect(result.ok && formatShanghaiIso(result.value)).toBe(extended);
  });

  it.each([
    [11, 'LIMIT_REACHED'],
    [0, 'INVALID_ARGUMENT'],
    [-2, 'INVALID_ARGUMENT'],
    [1.5, 'INVALID_ARGUMENT'],
  ])('refuses %d working days (%s)', (days, code) => {
    const result = extendDeadline(new Date('2026-10-14T00:00:00+08:00'), days, policy, calendar);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('follows the configured maximum', () => {
    const strict = DeadlinePolicySchema.parse({ extension: { maxWorkingDays: 3 } });
    const result = extendDeadline(new Date('2026-10-14T00:00:00+08:00'), 4, strict, calendar);
    expect(!result.ok && result.error.message).toContain('3个工作日');
  });
});
