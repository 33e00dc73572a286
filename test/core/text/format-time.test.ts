import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDeadline, localDateKey } from '../../../core/text/format-time.js';

describe('times shown to people (Asia/Shanghai)', () => {
  it.each([
    ['2026-12-03T16:00:00Z', '12月3日24:00前'],
    ['2026-11-26T09:30:00Z', '11月26日17:30前'],
    ['2026-12-31T16:00:00Z', '12月31日24:00前'],
  ])('deadline %s reads %s', (iso, text) => {
    expect(formatDeadline(new Date(iso))).toBe(text);
  });

  it('shows the local date and time, and numbers orders by the local day', () => {
    expect(formatDateTime(new Date('2026-11-26T17:05:00Z'))).toBe('11月27日 01:05');
    expect(localDateKey(new Date('2026-11-26T17:05:00Z'))).toBe('20261127');
    expect(localDateKey(new Date('2026-11-26T15:59:59Z'))).toBe('20261126');
  });
});
