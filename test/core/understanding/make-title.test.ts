import { describe, expect, it } from 'vitest';
import { makeTitle, withoutSpans } from '../../../core/understanding/make-title.js';
import { findPhones } from '../../../core/understanding/rules/phones.js';

const titleOf = (text: string) => makeTitle(withoutSpans(text, findPhones(text)));

describe('order titles', () => {
  it.each([
    ['仲村镇王家庄村村口路灯坏了三天了，电话13812345678', '仲村镇王家庄村村口路灯坏了三天了'],
    ['路灯坏了，我的联系电话是 138-1234-5678。', '路灯坏了'],
    ['尊敬的领导：您好！我想反映一下小区门口垃圾堆积的问题。已经半个月了', '小区门口垃圾堆积的问题'],
    [
      '您好，平邑街道东关社区3号楼下水道堵了，污水漫到路上，希望尽快处理',
      '平邑街道东关社区3号楼下水道堵了，污水漫到路上，希望尽快处理',
    ],
  ])('%s → %s', (text, title) => {
    expect(titleOf(text)).toBe(title);
    expect(titleOf(text).length).toBeLessThanOrEqual(30);
  });

  it('never carries a phone number', () => {
    expect(titleOf('电话13812345678，路灯坏了')).not.toMatch(/\d{7,}/);
  });
});
