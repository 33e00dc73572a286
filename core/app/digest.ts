import { endOfShanghaiDay, shanghaiDay, shanghaiParts } from '../deadline/shanghai-time.js';
import { type Effect, send, toGroup } from '../domain/effects.js';
import type { Ticket } from '../domain/ticket.js';
import { shownTitle } from '../domain/ticket-concealment.js';
import { formatDeadline } from '../text/format-time.js';
import { type AppDeps, writeEffects } from './app-deps.js';
import { surveyStatsText } from './survey-stats.js';

const IN_HAND = ['dispatched', 'reopened', 'accepted'];

const line = (t: Ticket) => `· ${t.number} ${shownTitle(t)}（时限 ${formatDeadline(t.dueAt)}）`;

/**
 * The morning digest: each department its open, due-today and overdue orders; staff and supervisors
 * the county. On a day off (`workday` false) only the hotline office, which answers every day, gets
 * the county's; departments and supervisors hear nothing until the next working day.
 */
export function digestEffects(
  open: readonly Ticket[],
  deps: AppDeps,
  now: Date,
  figures?: string,
  workday = true,
): Effect[] {
  const endOfToday = endOfShanghaiDay(now).getTime();
  const overdue = (t: Ticket) => t.dueAt.getTime() <= now.getTime();
  const dueToday = (t: Ticket) => !overdue(t) && t.dueAt.getTime() <= endOfToday;
  const effects: Effect[] = [];
  for (const department of workday ? deps.directory.directory.departments : []) {
    const mine = open.filter((t) => t.department === department.id);
    if (!mine.length) continue;
    const lines = [
      `【每日工单提醒】在办 ${mine.length} 件，今日到期 ${mine.filter(dueToday).length} 件，超期 ${mine.filter(overdue).length} 件。`,
    ];
    for (const t of [...mine.filter(overdue), ...mine.filter(dueToday)].slice(0, 15)) lines.push(line(t));
    effects.push(send(toGroup(department.id), { text: lines.join('\n') }));
  }
  const late = open.filter(overdue);
  const county = [
    `【全县工单日报】在办 ${open.length} 件，今日到期 ${open.filter(dueToday).length} 件，超期 ${late.length} 件，督办 ${open.filter((t) => t.supervised).length} 件。`,
    ...(figures ? [figures] : []),
    ...(late.length
      ? [
          '超期工单：',
          ...late
            .slice(0, 20)
            .map((t) => `${line(t)} ${deps.directory.department(t.department)?.name ?? ''}`),
        ]
      : []),
  ].join('\n');
  effects.push(send(toGroup(deps.directory.directory.staff.id), { text: county }));
  if (workday) effects.push(send(toGroup(deps.directory.directory.supervisors.id), { text: county }));
  return [...effects, ...calendarWarning(deps, now)];
}

/** At start and daily: the staff are told when the holiday calendar has no data for the coming year. */
export function calendarWarning(deps: AppDeps, now: Date): Effect[] {
  const nextYear = shanghaiParts(now).year + 1;
  if (deps.time.calendar.hasDataFor(nextYear)) return [];
  deps.logger.warn({ year: nextYear }, 'holiday calendar has no data for the coming year');
  return [
    send(toGroup(deps.directory.directory.staff.id), {
      text: `【日历提醒】节假日日历还没有 ${nextYear} 年的数据，工作日将按周一至周五计算。请在目录的 calendarOverrides 中补录 ${nextYear} 年的放假与调休安排，或升级日历数据。`,
    }),
  ];
}

export async function sendCalendarWarning(deps: AppDeps, now: Date): Promise<void> {
  const effects = calendarWarning(deps, now);
  if (!effects.length) return;
  await deps.store.transaction((tx) => writeEffects(tx, effects, now, deps));
  deps.afterCommit();
}

/** Officials get the digest on working days only: the deadlines' calendar, 调休 make-up days included. */
function isDigestDay(deps: AppDeps, now: Date): boolean {
  return deps.time.calendar.isWorkday(shanghaiDay(now));
}

/**
 * The 09:00 digest job. On a weekend or holiday only the staff group gets it (`'staff-only'`); a
 * worked Saturday (调休) is a working day.
 */
export async function sendDigest(deps: AppDeps, now: Date): Promise<'sent' | 'staff-only'> {
  const workday = isDigestDay(deps, now);
  if (!workday) deps.logger.info({ day: shanghaiDay(now) }, 'digest to staff only: not a working day');
  await deps.store.transaction(async (tx) => {
    const open = await tx.findTickets({ statuses: IN_HAND, limit: 10_000 });
    const figures = await surveyStatsText(tx, 'month', now, deps.directory);
    await writeEffects(
      tx,
      digestEffects(open, deps, now, figures.split('\n').slice(0, 2).join('\n'), workday),
      now,
      deps,
    );
  });
  deps.afterCommit();
  return workday ? 'sent' : 'staff-only';
}
