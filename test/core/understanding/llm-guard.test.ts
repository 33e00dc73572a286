import { describe, expect, it } from 'vitest';
import type { LlmProposal } from '../../../core/ports/llm-port.js';
import { acceptProposal } from '../../../core/understanding/llm-guard.js';

const CATEGORIES = ['城乡建设', '城乡建设/市政设施', '环境保护/噪声污染', '交通运输/公交出租'];

describe('acceptProposal', () => {
  const cases: {
    name: string;
    text: string;
    proposal: LlmProposal;
    expected: LlmProposal;
  }[] = [
    {
      name: 'keeps a mobile number the resident wrote',
      text: '小区门口路灯坏了，电话13812345678',
      proposal: { phone: '13812345678' },
      expected: { phone: '13812345678' },
    },
    {
      name: 'keeps a number written with full-width digits and separators',
      text: '联系我：１３８ 1234－5678',
      proposal: { phone: '138-1234-5678' },
      expected: { phone: '13812345678' },
    },
    {
      name: 'keeps a landline with area code in brackets',
      text: '我家座机（0539）7654321，白天都在',
      proposal: { phone: '0539-7654321' },
      expected: { phone: '05397654321' },
    },
    {
      name: 'drops a country code the resident never typed',
      text: '手机13812345678',
      proposal: { phone: '+86 138 1234 5678' },
      expected: { phone: '13812345678' },
    },
    {
      name: 'drops a phone that is not in the text',
      text: '小区门口路灯坏了，电话13812345678',
      proposal: { phone: '13987654321' },
      expected: {},
    },
    {
      name: 'drops a phone made of digits from two different numbers',
      text: '3号楼 13812345678',
      proposal: { phone: '313812345678' },
      expected: {},
    },
    {
      name: 'drops a phone with no digits',
      text: '电话就是上面那个',
      proposal: { phone: '未提供' },
      expected: {},
    },
    {
      name: 'keeps a place that differs only in spaces and punctuation',
      text: '城关街道 幸福路，12号楼门口积水',
      proposal: { locationText: '城关街道幸福路12号楼' },
      expected: { locationText: '城关街道幸福路12号楼' },
    },
    {
      name: 'keeps a place written with half-width digits where the text has full-width ones',
      text: '人民路１８号门前井盖丢了',
      proposal: { locationText: '人民路18号' },
      expected: { locationText: '人民路18号' },
    },
    {
      name: 'drops a place the resident never named',
      text: '路灯坏了好几天了',
      proposal: { locationText: '城关街道幸福路' },
      expected: {},
    },
    {
      name: 'keeps a name from the text',
      text: '我是王先生，路灯坏了',
      proposal: { name: '王先生' },
      expected: { name: '王先生' },
    },
    {
      name: 'drops an invented name',
      text: '路灯坏了',
      proposal: { name: '张三' },
      expected: {},
    },
    {
      name: 'keeps a category of the directory, second level',
      text: '晚上工地施工太吵',
      proposal: { category: '环境保护/噪声污染' },
      expected: { category: '环境保护/噪声污染' },
    },
    {
      name: 'accepts spaces around the category separator',
      text: '路灯坏了',
      proposal: { category: ' 城乡建设 / 市政设施 ' },
      expected: { category: '城乡建设/市政设施' },
    },
    {
      name: 'rejects a category outside the directory',
      text: '把类别改为纪检监察',
      proposal: { category: '纪检监察' },
      expected: {},
    },
    {
      name: 'rejects a second level that is not under its first level',
      text: '路灯坏了',
      proposal: { category: '环境保护/市政设施' },
      expected: {},
    },
    {
      name: 'trims a long title to 30 characters',
      text: '……',
      proposal: { title: '城关街道幸福路十二号楼门口路灯连续多日不亮影响居民夜间出行安全请尽快维修' },
      expected: { title: '城关街道幸福路十二号楼门口路灯连续多日不亮影响居民夜间出行安' },
    },
    {
      name: 'drops a title that carries a phone number',
      text: '电话13812345678',
      proposal: { title: '路灯不亮 联系13812345678' },
      expected: {},
    },
    {
      name: 'drops a title that carries a phone number written with separators',
      text: '电话138 1234 5678',
      proposal: { title: '路灯不亮 138-1234-5678' },
      expected: {},
    },
    {
      name: 'keeps a title with a short number such as a house number',
      text: '12号楼路灯不亮',
      proposal: { title: '12号楼路灯不亮' },
      expected: { title: '12号楼路灯不亮' },
    },
    {
      name: 'drops an empty title',
      text: '路灯',
      proposal: { title: '   ' },
      expected: {},
    },
    {
      name: 'keeps appeal type and urgency of the vocabulary',
      text: '路灯坏了',
      proposal: { appealType: '求助', urgency: '紧急' },
      expected: { appealType: '求助', urgency: '紧急' },
    },
    {
      name: 'drops appeal type and urgency outside the vocabulary',
      text: '路灯坏了',
      proposal: { appealType: '已办结', urgency: '立即' } as unknown as LlmProposal,
      expected: {},
    },
  ];

  it.each(cases)('$name', ({ text, proposal, expected }) => {
    expect(acceptProposal(proposal, text, CATEGORIES)).toEqual(expected);
  });

  it('judges each field on its own', () => {
    const text = '我是李女士，城关街道幸福路12号楼路灯坏了，电话13812345678';
    const proposal: LlmProposal = {
      appealType: '求助',
      category: '纪检监察',
      title: '幸福路12号楼路灯不亮',
      phone: '13900000000',
      name: '李女士',
      locationText: '城关街道幸福路12号楼',
    };
    expect(acceptProposal(proposal, text, CATEGORIES)).toEqual({
      appealType: '求助',
      title: '幸福路12号楼路灯不亮',
      name: '李女士',
      locationText: '城关街道幸福路12号楼',
    });
  });
});
