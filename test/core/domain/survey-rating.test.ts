import { describe, expect, it } from 'vitest';
import { parseRating } from '../../../core/domain/survey-answers.js';

describe('parseRating', () => {
  it.each([
    ['1', { result: '满意' }],
    ['满意', { result: '满意' }],
    ['2', { result: '基本满意' }],
    ['基本满意', { result: '基本满意' }],
    ['3 灯还是不亮', { result: '不满意', comment: '灯还是不亮' }],
    ['不满意，根本没人来', { result: '不满意', comment: '根本没人来' }],
    ['３', { result: '不满意' }],
    ['一般吧', { result: '基本满意' }],
    ['三 没人来', { result: '不满意', comment: '没人来' }],
    ['挺好的', { result: '满意' }],
    ['根本没人来', { result: '不满意', comment: '根本没人来' }],
    ['12345', undefined],
    ['路灯的事怎么样了', undefined],
  ])('%s', (text, expected) => {
    expect(parseRating(text)).toEqual(expected);
  });
});
