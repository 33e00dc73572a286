import { describe, expect, it } from 'vitest';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import { detectUrgency, type UrgencyResult } from '../../../../core/understanding/rules/urgency.js';

const lexicon = LexiconSchema.parse({});

describe('detectUrgency', () => {
  const cases: [string, UrgencyResult][] = [
    ['楼道里煤气味很大', { urgency: '特急', reason: '燃气泄漏' }],
    ['燃气泄漏了怎么办', { urgency: '特急', reason: '燃气泄漏' }],
    ['对面楼着火了', { urgency: '特急', reason: '火灾' }],
    ['有人触电了', { urgency: '特急', reason: '触电' }],
    ['有人被困电梯里了', { urgency: '特急', reason: '人员被困' }],
    ['他扬言要砍死村支书', { urgency: '特急', reason: '扬言' }],
    ['再不给工资我就跳楼', { urgency: '特急', reason: '扬言' }],
    ['我真的不想活了', { urgency: '特急', reason: '轻生' }],
    ['整个小区停水一天了', { urgency: '紧急', reason: '大面积停水停电' }],
    ['全村都停电了', { urgency: '紧急', reason: '大面积停水停电' }],
    ['东阳路上井盖丢了', { urgency: '紧急', reason: '道路井盖缺失' }],
    ['电线掉在路上了', { urgency: '紧急', reason: '电线掉落' }],
    ['家里老人走失了', { urgency: '紧急', reason: '人员走失' }],
    // Ordinary orders.
    ['家里停水了', { urgency: '一般' }],
    ['小区井盖有点响', { urgency: '一般' }],
    ['路灯不亮', { urgency: '一般' }],
    ['楼道堆满杂物，存在火灾隐患', { urgency: '一般' }],
    ['上次着火后电线一直没修', { urgency: '一般' }],
    ['万一着火消防车都进不来', { urgency: '一般' }],
    ['没有停电', { urgency: '一般' }],
    ['他扬言在县里有关系，谁也管不了', { urgency: '一般' }],
    ['老人被困高楼，电梯停运半年了', { urgency: '一般' }],
  ];
  it.each(cases)('%s', (text, result) => {
    expect(detectUrgency(text, lexicon)).toEqual(result);
  });

  it('a past event still going on is urgent', () => {
    expect(detectUrgency('昨天就闻到煤气味，现在煤气味更大了', lexicon).urgency).toBe('特急');
  });
});
