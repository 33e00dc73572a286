/**
 * `text` on one line and at most `max` characters (code points), ending in `…` when cut: for short
 * replies on a phone. Line breaks and runs of spaces become one space.
 */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
