import type { CategoryNode } from '../directory/directory-schema.js';

export interface KeywordMatch {
  readonly path: string;
  /** How many keyword characters matched: longer keywords are stronger evidence. */
  readonly score: number;
}

function score(node: CategoryNode, text: string): number {
  let total = 0;
  for (const keyword of node.keywords) if (text.includes(keyword)) total += keyword.length;
  return total;
}

/**
 * The category whose keywords best match the text. A second-level match names its parent too;
 * `within` restricts the search to one first-level category (after a classifier chose it).
 */
export function matchCategory(
  categories: readonly CategoryNode[],
  text: string,
  within?: string,
): KeywordMatch | undefined {
  let best: KeywordMatch | undefined;
  for (const top of categories) {
    if (within && top.name !== within) continue;
    const own = score(top, text);
    if (own > 0 && (!best || own > best.score)) best = { path: top.name, score: own };
    for (const child of top.children) {
      const s = score(child, text);
      // A second-level match also counts its parent's evidence, so it wins over the bare parent.
      if (s > 0 && (!best || s + own > best.score))
        best = { path: `${top.name}/${child.name}`, score: s + own };
    }
  }
  return best;
}
