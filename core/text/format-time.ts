import { shanghaiParts } from '../deadline/shanghai-time.js';

/** Display of times to people, in Asia/Shanghai. */
const pad = (n: number) => String(n).padStart(2, '0');

/** `11月26日 14:05`. */
export function formatDateTime(date: Date): string {
  const p = shanghaiParts(date);
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A deadline; midnight reads as 24:00 of the day before (`12月3日24:00前`). */
export function formatDeadline(date: Date): string {
  const p = shanghaiParts(date);
  if (p.hour === 0 && p.minute === 0) {
    const before = shanghaiParts(new Date(date.getTime() - 60_000));
    return `${before.month}月${before.day}日24:00前`;
  }
  return `${p.month}月${p.day}日${pad(p.hour)}:${pad(p.minute)}前`;
}

/** `20261126`: the local date used in order numbers. */
export function localDateKey(date: Date): string {
  const p = shanghaiParts(date);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}
