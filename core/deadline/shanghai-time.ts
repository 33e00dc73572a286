/**
 * Local time in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so local
 * parts are plain arithmetic on the epoch: no Intl, no time-zone database, fast in loops.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** A local calendar day, `YYYY-MM-DD`. */
export type LocalDay = string;

export interface ShanghaiParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function shanghaiParts(date: Date): ShanghaiParts {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
  };
}

/** Days since 1970-01-01 of the local day `date` falls on. */
export function shanghaiDayNumber(date: Date): number {
  return Math.floor((date.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since local midnight. */
export function msIntoShanghaiDay(date: Date): number {
  const local = date.getTime() + SHANGHAI_OFFSET_MS;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

export function dayFromNumber(dayNumber: number): LocalDay {
  const d = new Date(dayNumber * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumberOf(day: LocalDay): number {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The local day `date` falls on. */
export function shanghaiDay(date: Date): LocalDay {
  return dayFromNumber(shanghaiDayNumber(date));
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The instant of 00:00 local time on the given day. */
export function startOfDayNumber(dayNumber: number): Date {
  return new Date(dayNumber * DAY_MS - SHANGHAI_OFFSET_MS);
}

export function startOfShanghaiDay(day: LocalDay | Date): Date {
  return startOfDayNumber(typeof day === 'string' ? dayNumberOf(day) : shanghaiDayNumber(day));
}

/** 24:00 of the day, i.e. the instant the next day starts. Deadlines "by the end of a day" use it. */
export function endOfShanghaiDay(day: LocalDay | Date): Date {
  return new Date(startOfShanghaiDay(day).getTime() + DAY_MS);
}

/** `HH:MM` → milliseconds after midnight. */
export function clockToMs(clock: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!m) throw new RangeError(`not a clock time (HH:MM): ${clock}`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}

/** `2026-11-26T17:30:00+08:00`; milliseconds are written only when there are any. */
export function formatShanghaiIso(date: Date): string {
  const p = shanghaiParts(date);
  const ms = p.millisecond ? `.${String(p.millisecond).padStart(3, '0')}` : '';
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${ms}+08:00`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads a time as people type it: an ISO time with an offset (`…Z`, `…+08:00`) is taken as is; a
 * time without one (`2026-09-30 16:00`, `2026-09-30`) is Shanghai local time.
 */
export function parseShanghaiDateTime(text: string): Date | undefined {
  const trimmed = text.trim();
  if (WITH_OFFSET.test(trimmed)) {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return undefined;
    const at = new Date(trimmed);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  const m = LOCAL_DATE_TIME.exec(trimmed);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
    Number(x ?? 0),
  );
  const millisecond = Number((m[7] ?? '0').padEnd(3, '0'));
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millisecond);
  const check = new Date(utc);
  if (check.getUTCDate() !== day) return undefined;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}
