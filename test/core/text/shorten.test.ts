import { describe, expect, it } from 'vitest';
import { shorten } from '../../../core/text/shorten.js';

describe('shorten', () => {
  it('keeps a text that fits, on one line', () => {
    expect(shorten('已更换灯泡', 5)).toBe('已更换灯泡');
    expect(shorten('  已更换灯泡，\n路灯  恢复照明 ', 20)).toBe('已更换灯泡， 路灯 恢复照明');
  });

  it('cuts a longer one to the limit, the last character being …', () => {
    expect(shorten('已更换整套灯具并排查线路', 6)).toBe('已更换整套…');
    expect([...shorten('已更换整套灯具并排查线路', 6)]).toHaveLength(6);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(shorten('👍👍👍', 3)).toBe('👍👍👍');
    expect(shorten('👍👍👍👍', 3)).toBe('👍👍…');
  });
});
