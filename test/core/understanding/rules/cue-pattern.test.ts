import { describe, expect, it } from 'vitest';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import {
  type CueGuard,
  findCue,
  isValidCue,
  splitClauses,
} from '../../../../core/understanding/rules/cue-pattern.js';

const { guards } = LexiconSchema.parse({});

describe('findCue', () => {
  const cases: { text: string; cues: string[]; guard?: CueGuard; words?: string[] }[] = [
    { text: '路灯坏了', cues: ['坏了'], words: ['坏了'] },
    { text: '整个小区都停水了', cues: ['停水|停电+整个小区|全村'], words: ['停水', '整个小区'] },
    { text: '全村停电', cues: ['停水|停电+整个小区|全村'], words: ['停电', '全村'] },
    // Both parts must be in the same clause.
    { text: '停水了，整个小区的人都知道', cues: ['停水+整个小区'] },
    { text: '感谢你们为民办实事', cues: ['感谢+为民办实事'], words: ['感谢', '为民办实事'] },
    // Full-width text and cues match their half-width forms.
    { text: '可以吗？', cues: ['吗?'], words: ['吗?'] },
    { text: '没有着火', cues: ['着火'], guard: 'negation' },
    { text: '担心会着火', cues: ['着火'], guard: 'negation' },
    { text: '没想到着火了', cues: ['着火'], guard: 'negation', words: ['着火'] },
    { text: '没有着火', cues: ['着火'], guard: 'none', words: ['着火'] },
    { text: '存在火灾隐患', cues: ['火灾'], guard: 'full' },
    { text: '存在火灾隐患', cues: ['火灾'], guard: 'negation', words: ['火灾'] },
    { text: '上次着火了', cues: ['着火'], guard: 'full' },
    { text: '上次的事不说了，现在着火了', cues: ['着火'], guard: 'full', words: ['着火'] },
  ];
  it.each(cases)('$text with $cues ($guard)', ({ text, cues, guard, words }) => {
    expect(findCue(text, cues, guard, guards)?.words).toEqual(words);
  });

  it('reports the span of the first part in the text', () => {
    const hit = findCue('小区里，整栋楼停电了', ['停电+整栋楼']);
    expect(hit).toMatchObject({ start: 7, end: 9 });
  });
});

describe('isValidCue', () => {
  it.each([
    ['停水', true],
    ['停水|停电+全村', true],
    ['停水||停电', false],
    ['停水+', false],
    ['+全村', false],
  ])('%s → %s', (cue, valid) => {
    expect(isValidCue(cue)).toBe(valid);
  });
});

describe('splitClauses', () => {
  it('keeps each clause with its punctuation and its offset', () => {
    expect(splitClauses('停水了，怎么办？谢谢')).toEqual([
      { text: '停水了，', start: 0 },
      { text: '怎么办？', start: 4 },
      { text: '谢谢', start: 8 },
    ]);
  });
});
