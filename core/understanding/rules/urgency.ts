import type { Urgency } from '../../domain/vocabulary.js';
import type { CueRule, Lexicon } from '../lexicon.js';
import { findCue } from './cue-pattern.js';

export interface UrgencyResult {
  readonly urgency: Urgency;
  /** The lexicon label of the rule that fired (燃气泄漏, 大面积停水停电…); absent for 一般. */
  readonly reason?: string;
}

function firstRule(text: string, rules: readonly CueRule[], lexicon: Lexicon): CueRule | undefined {
  return rules.find((rule) => findCue(text, rule.cues, rule.guard, lexicon.guards));
}

/**
 * 特急: danger to life now (gas, fire, electrocution, people trapped, threats of harm, self-harm).
 * 紧急: a whole area without water or power, a missing manhole cover on a road, fallen wires, a missing
 * person… Otherwise 一般.
 */
export function detectUrgency(text: string, lexicon: Lexicon): UrgencyResult {
  const critical = firstRule(text, lexicon.urgency.critical, lexicon);
  if (critical) return { urgency: '特急', reason: critical.label };
  const urgent = firstRule(text, lexicon.urgency.urgent, lexicon);
  if (urgent) return { urgency: '紧急', reason: urgent.label };
  return { urgency: '一般' };
}
