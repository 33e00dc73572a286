import { FLAGS, type Flag } from '../../domain/vocabulary.js';
import { toHalfWidth } from '../../text/normalize.js';
import type { Lexicon } from '../lexicon.js';
import { findCue } from './cue-pattern.js';

// 30多户, 几十家商户, 上百名村民: a count of ten or more households or residents.
const MANY =
  '(?:[1-9]\\d+|[几数上]百|[几数]十|十几|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]百)';
const COLLECTIVE_COUNT = new RegExp(
  `${MANY}多?(?:户|家(?:商户|住户)?|(?:名|位|个)?(?:村民|居民|业主|群众|住户|商户))`,
);

/** Flags the text raises, in vocabulary order. `重复` needs the resident's history and is not decided here. */
export function detectFlags(text: string, lexicon: Lexicon): Flag[] {
  const raised = new Set<Flag>();
  if (findCue(text, lexicon.flags.media)) raised.add('舆情');
  if (findCue(text, lexicon.flags.collective) || COLLECTIVE_COUNT.test(toHalfWidth(text))) raised.add('群体');
  if (findCue(text, lexicon.flags.conduct)) raised.add('涉纪');
  return FLAGS.filter((flag) => raised.has(flag));
}
