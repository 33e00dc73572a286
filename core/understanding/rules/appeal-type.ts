import type { AppealType } from '../../domain/vocabulary.js';
import { APPEAL_TYPE_ORDER, type Lexicon } from '../lexicon.js';
import { findCue } from './cue-pattern.js';

/**
 * The appeal type (诉求类型). Types are tried in a fixed order and the first with a cue wins:
 * 表扬 → 举报 → 投诉 → 求助 → 建议 → 咨询 → 其他.
 *
 * Broken things: a report of something broken (路灯坏了, 停水了) is 求助 — the resident asks for it to
 * be fixed. It becomes 投诉 only when the resident says it was already reported or left unfixed
 * (没人管, 一直没修, 多次反映) or complains about how someone handled it; how long it has been broken
 * (坏了三天了) alone does not make it a complaint. A question about a broken thing is still 求助.
 */
export function detectAppealType(text: string, lexicon: Lexicon): AppealType {
  for (const [type, key] of APPEAL_TYPE_ORDER) {
    // Praise is the one type a negation turns around (没解决 is not 解决了).
    const guard = key === 'praise' ? 'negation' : 'none';
    if (findCue(text, lexicon.appealTypes[key], guard, lexicon.guards)) return type;
  }
  return '其他';
}
