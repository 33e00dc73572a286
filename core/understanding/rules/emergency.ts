import type { Lexicon } from '../lexicon.js';
import { findCue } from './cue-pattern.js';

export interface Emergency {
  /** The lexicon label: 火灾, 燃气泄漏, 医疗急救, 治安警情, 人员被困. */
  readonly kind: string;
  readonly call: '110' | '119' | '120';
}

/**
 * A life-threatening emergency in progress, for which the bot gives a number to call at once instead
 * of filing an order. Hazards (火灾隐患, 消防通道被占), hypotheses (万一着火), negations (没有着火) and
 * past events (上次着火后一直没修) are ordinary reports, unless the clause says it is happening now.
 * When several kinds are named, the one written first wins.
 */
export function detectEmergency(text: string, lexicon: Lexicon): Emergency | undefined {
  let best: { emergency: Emergency; start: number } | undefined;
  for (const rule of lexicon.emergencies) {
    const hit = findCue(text, rule.cues, rule.guard, lexicon.guards);
    if (hit && (!best || hit.start < best.start)) {
      best = { emergency: { kind: rule.label, call: rule.call }, start: hit.start };
    }
  }
  return best?.emergency;
}
