import { describe, expect, it } from 'vitest';
import type { Flag, HandlingMode, Urgency } from '../../../../core/domain/vocabulary.js';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import { detectFlags } from '../../../../core/understanding/rules/flags.js';
import { detectMode } from '../../../../core/understanding/rules/handling-mode.js';

const lexicon = LexiconSchema.parse({});

describe('detectFlags', () => {
  const cases: [string, Flag[]][] = [
    ['再不解决我就找记者曝光', ['舆情']],
    ['我要发抖音让大家看看', ['舆情']],
    ['视频已经在网上发了', ['舆情']],
    ['我们几十户业主联名反映', ['群体']],
    ['全村人都喝不上水', ['群体']],
    ['30多户居民受影响', ['群体']],
    ['十几户村民的地被占了', ['群体']],
    ['村干部吃拿卡要', ['涉纪']],
    ['镇上工作人员不作为', ['涉纪']],
    ['窗口工作人员态度恶劣', ['涉纪']],
    ['村支书收红包，我们业主们要集体上访，还要找媒体', ['舆情', '群体', '涉纪']],
    // No flag.
    ['路灯坏了', []],
    ['3户人家没通自来水', []],
    ['物业态度恶劣', []],
    ['我家门口有个坑', []],
  ];
  it.each(cases)('%s', (text, flags) => {
    expect(detectFlags(text, lexicon)).toEqual(flags);
  });
});

describe('detectMode', () => {
  const cases: [Flag[], Urgency | undefined, HandlingMode | undefined][] = [
    [['涉纪'], '一般', '专题受理'],
    [['涉纪', '舆情'], '特急', '专题受理'],
    [[], '特急', '速办'],
    [[], '紧急', '速办'],
    [['舆情'], '一般', '速办'],
    [['舆情'], undefined, '速办'],
    [['群体'], '一般', undefined],
    [['重复'], '一般', undefined],
    [[], '一般', undefined],
    [[], undefined, undefined],
  ];
  it.each(cases)('%j + %s → %s', (flags, urgency, mode) => {
    expect(detectMode(flags, urgency)).toBe(mode);
  });
});
