import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';
import { canReturn } from '../../../core/deadline/return-window.js';

const calendar = createChineseDaysCalendar();
const policy = DeadlinePolicySchema.parse({});
const receiptDay = DeadlinePolicySchema.parse({ countFrom: 'receiptDay' });

describe('退回 window (2 working days after dispatch)', () => {
  it.each([
    // Dispatched on the eve of 国庆: the two working days are Oct 8 and 9.
    ['2026-09-30T10:00:00+08:00', '2026-10-05T12:00:00+08:00', true],
    ['2026-09-30T10:00:00+08:00', '2026-10-09T23:59:00+08:00', true],
    ['2026-09-30T10:00:00+08:00', '2026-10-10T00:00:00+08:00', false],
    // Dispatched Friday Oct 9: the make-up Saturday counts, then Monday Oct 12.
    ['2026-10-09T15:00:00+08:00', '2026-10-12T10:00:00+08:00', true],
    ['2026-10-09T15:00:00+08:00', '2026-10-13T08:30:00+08:00', false],
    // Dispatched before 春节: Feb 14 and Feb 24.
    ['2026-02-13T09:00:00+08:00', '2026-02-24T17:00:00+08:00', true],
    ['2026-02-13T09:00:00+08:00', '2026-02-25T09:00:00+08:00', false],
  ])('dispatched %s, returned %s: allowed = %s', (dispatched, now, allowed) => {
    expect(canReturn(new Date(dispatched), new Date(now), policy, calendar)).toBe(allowed);
  });

  it('counts the dispatch day itself when the policy counts from the receipt day', () => {
    // Oct 9 and the make-up Saturday Oct 10.
    const dispatched = new Date('2026-10-09T15:00:00+08:00');
    expect(canReturn(dispatched, new Date('2026-10-10T17:00:00+08:00'), receiptDay, calendar)).toBe(true);
    expect(canReturn(dispatched, new Date('2026-10-12T09:00:00+08:00'), receiptDay, calendar)).toBe(false);
  });

  it('follows a configured window', () => {
    const tight = DeadlinePolicySchema.parse({ returnWithin: '4wh' });
    const dispatched = new Date('2026-09-30T16:00:00+08:00');
    expect(canReturn(dispatched, new Date('2026-10-08T10:59:00+08:00'), tight, calendar)).toBe(true);
    expect(canReturn(dispatched, new Date('2026-10-08T11:00:00+08:00'), tight, calendar)).toBe(false);
  });
});
