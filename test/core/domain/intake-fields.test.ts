import { describe, expect, it } from 'vitest';
import { findFaq } from '../../../core/domain/faq.js';
import { describeAttachments } from '../../../core/domain/intake-attachments.js';
import { findName, needsPlace, readCorrection, titleOf } from '../../../core/domain/intake-fields.js';
import { messageRate, startOfLocalDay } from '../../../core/domain/intake-limits.js';

describe('names residents give', () => {
  it.each([
    ['我姓王，电话13812345678', '王'],
    ['我叫张三', '张三'],
    ['免贵姓刘', '刘'],
    ['王女士', '王女士'],
    ['名字改成李四', '李四'],
    ['我叫了好几次物业都没人来', undefined],
    ['王家庄村的路灯坏了', undefined],
  ])('“%s” → %s', (text, name) => expect(findName(text)).toBe(name));
});

describe('corrections in free words', () => {
  it.each([
    ['地址不对，是东阳路12号', '东阳路10号', { field: 'location', value: '东阳路12号' }],
    ['地址改成东阳路12号。', undefined, { field: 'location', value: '东阳路12号' }],
    ['不是10号，是12号', '东阳路10号', { field: 'location', value: '东阳路12号' }],
    ['问题改成：路灯杆被撞歪了', undefined, { field: 'description', value: '路灯杆被撞歪了' }],
    ['电话不留了', undefined, { field: 'dropPhone' }],
    ['不是路灯，是井盖坏了', '东阳路10号', undefined],
    ['这个地方是重灾区，经常出事', undefined, undefined],
  ] as const)('“%s”', (text, place, expected) => expect(readCorrection(text, place)).toEqual(expected));
});

describe('which matters need a place', () => {
  it.each([
    [{ appealType: '求助', category: '城乡建设/路灯照明' }, true],
    [{ appealType: '投诉', category: '劳动和社会保障/社会保险' }, false],
    [{ appealType: '求助', category: '公安/户籍管理' }, false],
    [{ appealType: '投诉', category: '公安/治安管理' }, true],
    [{ appealType: '咨询', category: '城乡建设' }, false],
    [{ appealType: '投诉' }, true],
  ] as const)('%o → %s', (draft, expected) => expect(needsPlace(draft)).toBe(expected));
});

describe('titles', () => {
  it.each([
    ['胡市长：您好！在五一路中医院附近搞了一个停车场', '胡市长：您好', '在五一路中医院附近搞了一个停车场'],
    ['易书记，您好！我的工资一直没发，电话13812345678', '易书记，您好', '我的工资一直没发'],
    ['路灯坏了', '路灯坏了', '路灯坏了'],
  ])('“%s”', (text, proposed, title) => expect(titleOf(text, proposed)).toBe(title));
});

describe('FAQ', () => {
  const entries = [{ id: 'jzz', match: [['居住证']], answer: '到派出所办理。' }];
  it.each([
    ['请问居住证怎么办理？', { appealType: '咨询' as const }, 'jzz'],
    ['居住证在哪办', {}, 'jzz'],
    ['居住证办了三个月还没拿到，窗口态度很差', { appealType: '投诉' as const }, undefined],
    ['我想了解一下居住证', { appealType: '其他' as const }, undefined],
    [`请问居住证怎么办理？${'我'.repeat(120)}`, { appealType: '咨询' as const }, undefined],
    ['请问社保怎么交？', { appealType: '咨询' as const }, undefined],
  ])('“%s”', (text, extraction, id) => expect(findFaq(entries, text, extraction)?.id).toBe(id));
});

describe('attachments', () => {
  const photo = { kind: 'image' as const, ref: 'a.jpg' };
  it('names them by kind', () => {
    const where = { kind: 'location' as const, ref: 'geo:1,2', text: '东阳路12号' };
    expect(describeAttachments([photo, photo, where])).toBe('2 张图片、1 个位置');
  });
});

describe('limits', () => {
  it.each([
    [20, 1, 20, 'ok'],
    [21, 1, 20, 'notify'],
    [22, 1, 20, 'drop'],
    [25, 6, 20, 'notify'],
    [27, 6, 20, 'drop'],
  ] as const)('%d messages in a minute, %d in this turn, limit %d → %s', (n, size, max, expected) => {
    expect(messageRate(n, size, max)).toBe(expected);
  });

  it.each([
    ['2026-11-26T02:00:00Z', '2026-11-25T16:00:00.000Z'],
    ['2026-11-26T15:59:59Z', '2026-11-25T16:00:00.000Z'],
    ['2026-11-26T16:00:00Z', '2026-11-26T16:00:00.000Z'],
  ])('today, in Shanghai, for %s starts at %s', (now, start) => {
    expect(startOfLocalDay(new Date(now)).toISOString()).toBe(start);
  });
});
