import { describe, expect, it } from 'vitest';
import {
  endOfShanghaiDay,
  formatShanghaiIso,
  parseShanghaiDateTime,
  shanghaiDay,
  shanghaiParts,
  startOfShanghaiDay,
} from '../../../core/deadline/shanghai-time.js';

describe('Asia/Shanghai local time', () => {
  it.each([
    ['2026-11-26T09:30:00Z', '2026-11-26T17:30:00+08:00'],
    // Late evening UTC is already the next morning in Shanghai.
    ['2026-11-26T16:30:00Z', '2026-11-27T00:30:00+08:00'],
    ['2025-12-31T16:00:00Z', '2026-01-01T00:00:00+08:00'],
    ['2026-02-28T16:00:00.250Z', '2026-03-01T00:00:00.250+08:00'],
  ])('formats %s as %s', (utc, local) => {
    expect(formatShanghaiIso(new Date(utc))).toBe(local);
  });

  it.each([
    ['2026-11-26T15:59:59.999Z', '2026-11-26', 4],
    ['2026-11-26T16:00:00Z', '2026-11-27', 5],
    ['2026-10-09T16:00:00Z', '2026-10-10', 6],
  ])('puts %s on the local day %s (weekday %i)', (utc, day, weekday) => {
    const at = new Date(utc);
    expect(shanghaiDay(at)).toBe(day);
    expect(shanghaiParts(at).weekday).toBe(weekday);
  });

  it('starts a day at local midnight and ends it at the next midnight (24:00)', () => {
    expect(startOfShanghaiDay('2026-11-26').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-11-26').toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(startOfShanghaiDay(new Date('2026-11-26T23:59:00+08:00')).toISOString()).toBe(
      '2026-11-25T16:00:00.000Z',
    );
  });

  it.each([
    ['2026-09-30T16:00:00+08:00', '2026-09-30T08:00:00.000Z'],
    ['2026-09-30T08:00:00Z', '2026-09-30T08:00:00.000Z'],
    ['2026-09-30 16:00', '2026-09-30T08:00:00.000Z'],
    ['2026-09-30T16:00:30.5', '2026-09-30T08:00:30.500Z'],
    ['2026-10-01', '2026-09-30T16:00:00.000Z'],
  ])('reads %s', (text, utc) => {
    expect(parseShanghaiDateTime(text)?.toISOString()).toBe(utc);
  });

  it.each(['2026-02-30T10:00', '2026-13-01', '2026-09-30T25:00', 'tomorrow', '16:00', ''])(
    'rejects %j',
    (text) => {
      expect(parseShanghaiDateTime(text)).toBeUndefined();
    },
  );
});
