import type { Flag, HandlingMode, Urgency } from '../../domain/vocabulary.js';

/**
 * The handling mode the rules can decide on their own: 专题受理 for officials' conduct (it goes to the
 * discipline inspection group only, and the order is confidential), 速办 for urgent or media-sensitive
 * orders. Other modes (研办, 专办, 联办) need history or routing and are decided elsewhere.
 */
export function detectMode(flags: readonly Flag[], urgency: Urgency | undefined): HandlingMode | undefined {
  if (flags.includes('涉纪')) return '专题受理';
  if (urgency === '特急' || urgency === '紧急' || flags.includes('舆情')) return '速办';
  return undefined;
}
