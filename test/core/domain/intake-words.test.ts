import { describe, expect, it } from 'vitest';
import { residentCommand } from '../../../core/domain/intake-commands.js';
import { mayUseLlm } from '../../../core/domain/intake-understanding.js';
import {
  hasContent,
  isCancel,
  isConfirm,
  isGreeting,
  isIntentOnly,
  isRestart,
  isThanks,
} from '../../../core/domain/intake-words.js';

describe('short replies', () => {
  it.each([
    ['确认', true],
    ['确认提交', true],
    ['对的，提交吧', true],
    ['好的！', true],
    ['没问题', true],
    ['啊？', false],
    ['不对', false],
    ['对，但地址要改', false],
  ])('“%s” confirms: %s', (text, expected) => expect(isConfirm(text)).toBe(expected));

  it.each([
    [isCancel, ['取消', '算了', '不说了', '算了吧']],
    [isRestart, ['重新开始', '重来']],
    [isGreeting, ['你好', '在吗？', '您好！']],
    [isThanks, ['谢谢', '谢谢了！', '辛苦了']],
    [isIntentOnly, ['我要投诉', '你好，我想反映个问题', '有个事想咨询一下', '咨询一下']],
  ] as const)('%o', (test, words) => {
    for (const word of words) expect(test(word), word).toBe(true);
  });

  it.each(['你好，路灯坏了', '算了吧，路灯还是不亮', '我要投诉物业乱收费'])(
    '“%s” is not small talk',
    (text) => {
      expect(isGreeting(text) || isCancel(text) || isIntentOnly(text)).toBe(false);
    },
  );

  it.each([
    ['', false],
    ['   ', false],
    ['😀👍', false],
    ['[微笑][微笑]', false],
    ['。。。', false],
    ['路灯坏了', true],
    ['3', true],
  ])('“%s” has content: %s', (text, expected) => expect(hasContent(text)).toBe(expected));
});

describe('resident commands', () => {
  it.each([
    ['查询', '查询'],
    ['查询 PY202611260001', '查询'],
    ['查询一下我的工单', '查询'],
    ['补充 PY202611260001 晚上更黑', '补充'],
    ['撤销 PY202611260001', '撤销'],
    ['撤销 PY2026', '撤销'],
    ['帮助', '帮助'],
    ['签收 PY202611260001', '签收'],
  ])('“%s” is the command %s', (text, verb) => expect(residentCommand(text)?.verb).toBe(verb));

  it.each([
    '查询一下灵活就业社保怎么交',
    '补充一点，路灯杆也歪了',
    '办结了吗',
    '帮助我们解决路灯问题',
    '回访电话打错了',
  ])('“%s” is free text', (text) => expect(residentCommand(text)).toBeUndefined());
});

describe('which turns may use an LLM', () => {
  const draft = (asked: 'description' | 'location' | 'phone' | 'confirm') => ({
    draft: {
      description: asked === 'description' ? '' : '路灯坏了',
      flags: [],
      attachments: [],
      startedAt: new Date(),
      updatedAt: new Date(),
      asked,
    },
  });
  const survey = {
    survey: {
      ticket: 'PY202611260001',
      round: 1,
      askedAt: new Date(),
      step: 'rating' as const,
      clarified: false,
    },
  };
  it.each([
    ['a new complaint', {}, '邻居家的狗每天晚上叫个不停', true],
    ['the story after 请说说', draft('description'), '邻居家的狗每天晚上叫个不停', true],
    ['a greeting', {}, '你好', false],
    ['thanks', {}, '谢谢了', false],
    ['an opener', {}, '我想反映个问题', false],
    ['an answer to where', draft('location'), '平邑街道东关社区5号楼', false],
    ['an answer to the phone', draft('phone'), '13812345678', false],
    ['a correction', draft('confirm'), '地址不对，是东阳路12号旁边的巷子里', false],
    ['a survey answer', survey, '3 灯还是不亮，根本没人来修过', false],
    ['an empty message', {}, '😀', false],
  ])('%s: %s', (_name, state, text, expected) => expect(mayUseLlm(state, text)).toBe(expected));
});
