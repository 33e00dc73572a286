import { describe, expect, it } from 'vitest';
import { parseCommand, startsWithCommand } from '../../../core/domain/commands.js';

describe('parseCommand', () => {
  it.each([
    ['签收 PY202611260007', { verb: '签收', number: 'PY202611260007' }],
    ['签收　py202611260007', { verb: '签收', number: 'PY202611260007' }],
    [
      '退回 PY202611260007 不属于本单位 职责',
      { verb: '退回', number: 'PY202611260007', text: '不属于本单位 职责' },
    ],
    ['办结 PY202611260007 已修复', { verb: '办结', number: 'PY202611260007', text: '已修复' }],
    [
      '办结　ＰＹ202611260007　已更换灯泡，恢复照明！',
      { verb: '办结', number: 'PY202611260007', text: '已更换灯泡，恢复照明！' },
    ],
    ['改派 PY202611260007 县供电公司', { verb: '改派', number: 'PY202611260007', text: '县供电公司' }],
    ['查询', { verb: '查询' }],
    ['查询 PY202611260007', { verb: '查询', number: 'PY202611260007' }],
    ['撤销 PY202611260007', { verb: '撤销', number: 'PY202611260007' }],
    [
      '补充 PY202611260007 晚上八点以后最黑',
      { verb: '补充', number: 'PY202611260007', text: '晚上八点以后最黑' },
    ],
    [
      '延期 PY202611260007 5 需要协调施工队',
      { verb: '延期', number: 'PY202611260007', days: 5, text: '需要协调施工队' },
    ],
    ['同意延期 PY202611260007', { verb: '同意延期', number: 'PY202611260007' }],
    [
      '驳回延期 PY202611260007 理由不充分',
      { verb: '驳回延期', number: 'PY202611260007', text: '理由不充分' },
    ],
    ['督办 PY202611260007', { verb: '督办', number: 'PY202611260007', text: '' }],
    ['回访统计 week', { verb: '回访统计', period: 'week' }],
  ])('%s', (text, command) => {
    const parsed = parseCommand(text);
    expect(parsed).toMatchObject({ ok: true, command });
  });

  it.each([
    ['签收', '请带上工单号'],
    ['签收 123', '请带上工单号'],
    ['退回 PY202611260007', '请写明退回理由'],
    ['办结 PY202611260007', '请写明答复内容'],
    ['延期 PY202611260007 三天 理由', '请写明延期天数'],
    ['延期 PY202611260007 3', '请写明延期理由'],
    ['查询 abc', '工单号格式不对'],
  ])('%s is refused with a hint', (text, problem) => {
    expect(parseCommand(text)).toEqual({ ok: false, verb: expect.any(String), problem });
  });

  it('leaves ordinary text alone', () => {
    expect(parseCommand('路灯坏了三天了')).toBeUndefined();
    expect(parseCommand('')).toBeUndefined();
    expect(startsWithCommand('路灯坏了')).toBe(false);
    expect(startsWithCommand(' 签收 PY202611260007')).toBe(true);
  });
});
