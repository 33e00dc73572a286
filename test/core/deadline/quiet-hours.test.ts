import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';
import { deferOutOfQuietHours, deferToWorkingHours } from '../../../core/deadline/quiet-hours.js';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';

const night = { enabled: true, start: '21:00', end: '08:00' };
const local = formatShanghaiIso;

describe('quiet hours for residents', () => {
  it.each([
    ['2026-11-26T20:59:00+08:00', '2026-11-26T20:59:00+08:00'],
    ['2026-11-26T21:00:00+08:00', '2026-11-27T08:00:00+08:00'],
    ['2026-11-26T22:30:00+08:00', '2026-11-27T08:00:00+08:00'],
    ['2026-11-26T23:59:59+08:00', '2026-11-27T08:00:00+08:00'],
    // After midnight (still the previous day in UTC) waits for the same morning.
    ['2026-11-27T00:00:00+08:00', '2026-11-27T08:00:00+08:00'],
    ['2026-11-27T07:59:00+08:00', '2026-11-27T08:00:00+08:00'],
    ['2026-11-27T08:00:00+08:00', '2026-11-27T08:00:00+08:00'],
    // Residents' quiet hours ignore holidays: a 国庆 morning is a morning.
    ['2026-10-01T06:00:00+08:00', '2026-10-01T08:00:00+08:00'],
    ['2026-12-31T22:00:00+08:00', '2027-01-01T08:00:00+08:00'],
  ])('21:00–08:00: %s goes out %s', (at, out) => {
    expect(local(deferOutOfQuietHours(new Date(at), night))).toBe(out);
  });

  it.each([
    ['2026-11-26T11:59:00+08:00', '2026-11-26T11:59:00+08:00'],
    ['2026-11-26T12:00:00+08:00', '2026-11-26T14:00:00+08:00'],
    ['2026-11-26T13:15:00+08:00', '2026-11-26T14:00:00+08:00'],
    ['2026-11-26T14:00:00+08:00', '2026-11-26T14:00:00+08:00'],
  ])('a window within one day (12:00–14:00): %s goes out %s', (at, out) => {
    expect(local(deferOutOfQuietHours(new Date(at), { enabled: true, start: '12:00', end: '14:00' }))).toBe(
      out,
    );
  });

  it('sends at once when quiet hours are off', () => {
    const late = new Date('2026-11-26T23:00:00+08:00');
    expect(deferOutOfQuietHours(late, { ...night, enabled: false })).toEqual(late);
  });
});

describe('working hours for officials', () => {
  const calendar = createChineseDaysCalendar();
  const policy = DeadlinePolicySchema.parse({});

  it.each([
    ['2026-09-28T10:00:00+08:00', '2026-09-28T10:00:00+08:00'],
    ['2026-09-28T07:00:00+08:00', '2026-09-28T08:30:00+08:00'],
    ['2026-09-28T17:30:00+08:00', '2026-09-29T08:30:00+08:00'],
    // Evening before 国庆 waits for Oct 8.
    ['2026-09-30T18:00:00+08:00', '2026-10-08T08:30:00+08:00'],
    // Friday evening before the make-up Saturday.
    ['2026-10-09T20:00:00+08:00', '2026-10-10T08:30:00+08:00'],
    // Thursday evening before 中秋 (Friday) waits for Monday.
    ['2026-09-24T18:00:00+08:00', '2026-09-28T08:30:00+08:00'],
    ['2026-02-15T10:00:00+08:00', '2026-02-24T08:30:00+08:00'],
  ])('%s → %s', (at, out) => {
    expect(local(deferToWorkingHours(new Date(at), policy, calendar))).toBe(out);
  });
});
