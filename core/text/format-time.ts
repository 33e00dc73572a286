/** Display of times to people, in Asia/Shanghai (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;

function parts(date: Date) {
  const local = new Date(date.getTime() + OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `11月26日 14:05`. */
export function formatDateTime(date: Date): string {
  const p = parts(date);
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A deadline; midnight reads as 24:00 of the day before (`12月3日24:00前`). */
export function formatDeadline(date: Date): string {
  const p = parts(date);
  if (p.hour === 0 && p.minute === 0) {
    const before = parts(new Date(date.getTime() - 60_000));
    return `${before.month}月${before.day}日24:00前`;
  }
  return `${p.month}月${p.day}日${pad(p.hour)}:${pad(p.minute)}前`;
}

/** `20261126`: the local date used in order numbers. */
export function localDateKey(date: Date): string {
  const p = parts(date);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}
