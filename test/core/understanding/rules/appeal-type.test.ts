import { describe, expect, it } from 'vitest';
import type { AppealType } from '../../../../core/domain/vocabulary.js';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import { detectAppealType } from '../../../../core/understanding/rules/appeal-type.js';

const lexicon = LexiconSchema.parse({});

describe('detectAppealType', () => {
  const cases: [string, AppealType][] = [
    ['请问办理居住证需要什么材料？', '咨询'],
    ['社保卡丢了怎么补办', '咨询'],
    ['孩子上学能否在仲村镇就近入学', '咨询'],
    ['医保一年交多少钱', '咨询'],
    ['举报东关村有人偷排污水', '举报'],
    ['村西头有个黑作坊非法生产', '举报'],
    ['我要投诉物业，态度恶劣', '投诉'],
    ['窗口工作人员推诿，让我跑了三趟', '投诉'],
    // Broken things: 求助 on first report, 投诉 once reported and left unfixed.
    ['东关村路灯坏了', '求助'],
    ['路灯坏了三天了', '求助'],
    ['路灯坏了，请问什么时候能修好？', '求助'],
    ['路灯坏了一个月，多次反映没人管', '投诉'],
    ['家里停水了帮忙看看', '求助'],
    ['建议在东阳路增设一个公交站', '建议'],
    ['能不能在村口增设一个垃圾桶', '建议'],
    ['希望能多安排几趟公交车', '建议'],
    ['表扬供电所的师傅，半夜来抢修', '表扬'],
    ['感谢你们为民办实事', '表扬'],
    ['感谢你们帮我们解决了大问题', '表扬'],
    // A polite thanks does not make a complaint praise.
    ['路灯坏了好几天，谢谢', '求助'],
    ['感谢关注，但是问题至今没有解决了', '投诉'],
    ['你好', '其他'],
    ['', '其他'],
  ];
  it.each(cases)('%s → %s', (text, type) => {
    expect(detectAppealType(text, lexicon)).toBe(type);
  });

  it('uses the directory lexicon', () => {
    const custom = LexiconSchema.parse({ appealTypes: { report: ['举报', '倒卖'] } });
    expect(detectAppealType('有人倒卖化肥', lexicon)).toBe('其他');
    expect(detectAppealType('有人倒卖化肥', custom)).toBe('举报');
  });
});
