import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';

describe('deadline policy schema', () => {
  it('fills in the published defaults', () => {
    expect(DeadlinePolicySchema.parse({})).toEqual({
      countFrom: 'nextWorkingDay',
      workingHours: { start: '08:30', end: '17:30' },
      rules: DEFAULT_DEADLINE_RULES,
      extension: { maxWorkingDays: 10, maxCount: 1 },
      returnWithin: '2wd',
      calendarOverrides: [],
    });
  });

  it.each(['5wd', '4wh', '0.5wh', '30m', '24h', '2d'])('accepts the limit %s', (limit) => {
    expect(DeadlinePolicySchema.safeParse({ returnWithin: limit }).success).toBe(true);
  });

  it.each(['1.5wd', '0wd', '5', 'wd', '5 days'])('rejects the limit %s', (limit) => {
    expect(DeadlinePolicySchema.safeParse({ returnWithin: limit }).success).toBe(false);
  });

  it('rejects working hours that end before they start', () => {
    expect(DeadlinePolicySchema.safeParse({ workingHours: { start: '17:30', end: '08:30' } }).success).toBe(
      false,
    );
  });

  it('names the orders a rule list leaves without a deadline', () => {
    const result = DeadlinePolicySchema.safeParse({
      rules: [
        { urgency: '一般', accept: '1wd', finish: '5wd' },
        { urgency: '紧急', accept: '30m', finish: '24h' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rules']);
    expect(result.error?.issues[0]?.message).toContain('特急/咨询');
    expect(result.error?.issues[0]?.message).not.toContain('一般/');
  });

  it('accepts conditional rules that together cover every order', () => {
    const rules = ['一般', '紧急', '特急'].map((urgency) => ({ urgency, accept: '1wd', finish: '5wd' }));
    expect(DeadlinePolicySchema.safeParse({ rules }).success).toBe(true);
  });
});
