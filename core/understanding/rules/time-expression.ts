import { toHalfWidth } from '../../text/normalize.js';
import { NUMBER_CHARS, parseNumber } from './chinese-number.js';
import { addDays, addMonths, atLocal, isRealDate, type LocalDate, localDate } from './shanghai-calendar.js';

export interface TimeExpression {
  /** When it happened; a vague period (上周, 上个月) resolves to its first day. */
  readonly occurredAt?: Date;
  /** How long it has lasted, as written: `三天`, `一个星期`, `半个月`. */
  readonly duration?: string;
  /** When it keeps happening, as written: `每天凌晨`, `每晚10点`. */
  readonly recurring?: string;
}

const N = `[${NUMBER_CHARS}]+`;
const PART = '凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜';
const CLOCK = `(?:${N}[点时](?![儿也都])(?:半|${N}分?)?|\\d{1,2}:\\d{2})`;
const TIME_OF_DAY = new RegExp(`^的?(${PART})?(${CLOCK})?`);
const PART_HOURS: Readonly<Record<string, number>> = {
  凌晨: 2,
  清晨: 7,
  早上: 7,
  早晨: 7,
  上午: 9,
  中午: 12,
  下午: 15,
  傍晚: 18,
  晚上: 20,
  夜里: 20,
  夜间: 20,
  半夜: 23,
  深夜: 23,
};
const AFTERNOON = new Set(['中午', '下午', '傍晚', '晚上', '夜里', '夜间']);

const RELATIVE_DAYS: Readonly<Record<string, readonly [number, string?]>> = {
  大前天: [-3],
  前天: [-2],
  前晚: [-2, '晚上'],
  昨天: [-1],
  昨日: [-1],
  昨晚: [-1, '晚上'],
  昨夜: [-1, '夜里'],
  今天: [0],
  今日: [0],
  今早: [0, '早上'],
  今晚: [0, '晚上'],
};
const WEEKDAYS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  末: 6,
};

// 日 is left out: `3日` is far more often a date than three days.
const UNIT = '分钟|小时|天|周|星期|礼拜|月|年';
const QUANTITY = `(${N}|半|几|好几|十几)多?(个)?多?(${UNIT})(多|半)?`;

const PATTERNS = {
  fullDate: new RegExp(`(\\d{4}|[〇零一二三四五六七八九]{4})年(${N})月(?:(${N})[日号])?`, 'g'),
  numericDate: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g,
  monthDay: new RegExp(`(?<![\\d年个每上下本这几半])(${N})月(${N})[日号]`, 'g'),
  relativeYear: new RegExp(`(今年|去年|前年)(?:(${N})月份?(?:(${N})[日号])?)?`, 'g'),
  relativeDay: /(大前天|前天|前晚|昨天|昨日|昨晚|昨夜|今天|今日|今早|今晚|刚才|刚刚)/g,
  relativeWeek: /(上个?(?:周|星期|礼拜)|本周|这周|这个?星期)([一二三四五六日天末1-7])?/g,
  weekday: /(?<![上本这下每个])(?:周|星期|礼拜)([一二三四五六日天])/g,
  relativeMonth: new RegExp(`(上个?月|本月|这个月)(?:(${N})[日号])?`, 'g'),
  ago: new RegExp(`${QUANTITY}(?:以前|之前|前)`, 'g'),
  duration: new RegExp(`(?<![每这那前后头第上下])${QUANTITY}`, 'g'),
  recurring: new RegExp(
    `(?:每(?:天|日|晚|夜|周[一二三四五六日天]?|星期[一二三四五六日天]?|个?月|年|逢(?:下雨天?|周末|节假日|赶集|集日))|天天|夜夜|一到(?:晚上|夜里|半夜|周末|下雨天?|冬天|夏天))的?(?:${PART})?(?:${CLOCK})?(?:(?:到|至|-)(?:${PART})?${CLOCK})?`,
    'g',
  ),
};

// A quantity followed by one of these is a deadline, an age or a grade, not how long something lasted.
const NOT_DURATION_AFTER =
  /^(?:内|之内|以内|后|之后|以后|前|以前|之前|级|龄|底|初|度|左右|一次|一回|[一二两三四五六七八九十\d])/;
const DURATION_BEFORE = /(?:已经|已|都|持续|长达|将近|快|近|连续|足足|整整|有)$/;
const DURATION_AFTER = /^(?:了|以来|来|之久|多了|没|不|都|还|一直|仍|至今|时间|[,.!?;。！？；]|$)/;

interface Found {
  readonly index: number;
  readonly at: Date;
}

function withTimeOfDay(day: LocalDate, rest: string, impliedPart?: string): Date {
  const match = TIME_OF_DAY.exec(rest);
  const part = match?.[1] ?? impliedPart;
  const clock = match?.[2];
  let hour = part ? (PART_HOURS[part] ?? 0) : 0;
  let minute = 0;
  if (clock) {
    const colon = /^(\d{1,2}):(\d{2})$/.exec(clock);
    const spoken = new RegExp(`^(${N})[点时](半|(${N})分?)?$`).exec(clock);
    const h = colon ? Number(colon[1]) : parseNumber(spoken?.[1] ?? '');
    const m = colon ? Number(colon[2]) : spoken?.[2] === '半' ? 30 : parseNumber(spoken?.[3] ?? '0');
    if (h !== undefined && h <= 24 && m !== undefined && m < 60) {
      hour = part && AFTERNOON.has(part) && h < 12 && !(part === '中午' && h >= 11) ? h + 12 : h % 24;
      minute = m;
    }
  }
  return atLocal(day, hour, minute);
}

/** A month-day without a year: this year, or last year when that is more than two months ahead. */
function inferYear(today: LocalDate, month: number, day: number): number | undefined {
  const thisYear = atLocal({ year: today.year, month, day }).getTime();
  const ahead = thisYear - atLocal(today).getTime();
  if (ahead <= 86_400_000) return today.year;
  return ahead > 60 * 86_400_000 ? today.year - 1 : undefined;
}

function quantityMs(amount: number, unit: string, today: LocalDate, now: Date): Date | undefined {
  switch (unit) {
    case '分钟':
      return new Date(now.getTime() - amount * 60_000);
    case '小时':
      return new Date(now.getTime() - amount * 3_600_000);
    case '天':
      return atLocal(addDays(today, -Math.round(amount)));
    case '周':
    case '星期':
    case '礼拜':
      return atLocal(addDays(today, -Math.round(amount * 7)));
    case '月':
      return amount < 1 ? atLocal(addDays(today, -15)) : atLocal(addMonths(today, -Math.round(amount)));
    default:
      return amount < 1 ? atLocal(addMonths(today, -6)) : atLocal(addMonths(today, -12 * Math.round(amount)));
  }
}

function findOccurrences(text: string, now: Date): Found[] {
  const today = localDate(now);
  const found: Found[] = [];
  const push = (match: RegExpMatchArray, day: LocalDate | undefined, impliedPart?: string) => {
    if (!day || !isRealDate(day.year, day.month, day.day)) return;
    const at = withTimeOfDay(day, text.slice(match.index! + match[0].length), impliedPart);
    if (at.getTime() <= now.getTime() + 86_400_000) found.push({ index: match.index!, at });
  };
  const num = (s: string | undefined) => (s === undefined ? undefined : parseNumber(s));

  for (const m of text.matchAll(PATTERNS.fullDate)) {
    const year = num(m[1]);
    const month = num(m[2]);
    if (year !== undefined && month !== undefined) push(m, { year, month, day: num(m[3]) ?? 1 });
  }
  for (const m of text.matchAll(PATTERNS.numericDate)) {
    push(m, { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  }
  for (const m of text.matchAll(PATTERNS.monthDay)) {
    const month = num(m[1]);
    const day = num(m[2]);
    if (month === undefined || day === undefined || !isRealDate(today.year, month, day)) continue;
    const year = inferYear(today, month, day);
    if (year !== undefined) push(m, { year, month, day });
  }
  for (const m of text.matchAll(PATTERNS.relativeYear)) {
    const year = today.year - ({ 今年: 0, 去年: 1, 前年: 2 }[m[1] as '今年'] ?? 0);
    push(m, { year, month: num(m[2]) ?? 1, day: num(m[3]) ?? 1 });
  }
  for (const m of text.matchAll(PATTERNS.relativeDay)) {
    if (m[1] === '刚才' || m[1] === '刚刚') {
      found.push({ index: m.index, at: now });
      continue;
    }
    const [offset, part] = RELATIVE_DAYS[m[1]!] ?? [0];
    push(m, addDays(today, offset), part);
  }
  for (const m of text.matchAll(PATTERNS.relativeWeek)) {
    const weeksBack = m[1]!.startsWith('上') ? 1 : 0;
    const weekday = m[2] ? (WEEKDAYS[m[2]] ?? Number(m[2])) : 1;
    push(m, addDays(today, weekday - today.weekday - 7 * weeksBack));
  }
  for (const m of text.matchAll(PATTERNS.weekday)) {
    const weekday = WEEKDAYS[m[1]!] ?? 1;
    push(m, addDays(today, -((today.weekday - weekday + 7) % 7)));
  }
  for (const m of text.matchAll(PATTERNS.relativeMonth)) {
    const month = addMonths({ ...today, day: 1 }, m[1]!.startsWith('上') ? -1 : 0);
    push(m, { ...month, day: num(m[2]) ?? 1 });
  }
  for (const m of text.matchAll(PATTERNS.ago)) {
    if (m[3] === '月' && !m[2] && m[1] !== '半') continue;
    const amount = m[1] === '半' ? 0.5 : num(m[1]);
    const at = amount === undefined ? undefined : quantityMs(amount, m[3]!, today, now);
    if (at) found.push({ index: m.index, at });
  }
  return found.sort((a, b) => a.index - b.index);
}

function findDuration(text: string): string | undefined {
  for (const m of text.matchAll(PATTERNS.duration)) {
    const [written, amount, counter, unit] = m;
    if (unit === '月' && !counter && amount !== '半') continue; // 三月 is March; a count of months says 三个月.
    const value = parseNumber(amount!);
    if (unit === '年' && value !== undefined && value > 100) continue; // 2018年 is a year
    const after = text.slice(m.index + written.length);
    if (NOT_DURATION_AFTER.test(after)) continue;
    if (DURATION_BEFORE.test(text.slice(0, m.index)) || DURATION_AFTER.test(after)) return written;
  }
  return undefined;
}

/** Dates, durations and recurrences in a resident's text, computed in Asia/Shanghai from `now`. */
export function parseTimeExpression(text: string, now: Date): TimeExpression {
  const normalised = toHalfWidth(text);
  const occurredAt = findOccurrences(normalised, now)[0]?.at;
  const duration = findDuration(normalised);
  const recurring = normalised.match(PATTERNS.recurring)?.[0];
  return {
    ...(occurredAt ? { occurredAt } : {}),
    ...(duration ? { duration } : {}),
    ...(recurring ? { recurring } : {}),
  };
}
