import { describe, expect, it } from 'vitest';
import type { ReminderKind } from '../../../core/deadline/reminder-plan.js';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';
import type { Effect } from '../../../core/domain/effects.js';
import { alreadyReminded, fireReminder, reminderIsCurrent } from '../../../core/domain/reminders.js';
import type { Ticket, TicketStatus } from '../../../core/domain/ticket.js';
import { reminderBasis } from '../../../core/domain/ticket-timers.js';
import { at, context, dispatchedTicket } from './ticket-fixture.js';

const ticket = dispatchedTicket();
const basisOf = (kind: ReminderKind, t: Ticket = ticket) => reminderBasis(t, kind);

const sends = (effects: readonly Effect[]) =>
  effects.flatMap((e) =>
    e.type === 'send' && e.target.kind === 'group'
      ? [{ group: e.target.group, text: e.message.text, mentions: e.message.mentions ?? [] }]
      : [],
  );

describe('reminderIsCurrent', () => {
  const accept = ['accept-50', 'accept-100'] as const;
  const due = ['due-yellow', 'due-red', 'overdue'] as const;
  const table: [TicketStatus, readonly ReminderKind[], readonly ReminderKind[]][] = [
    ['dispatched', [...accept, ...due], []],
    ['reopened', [...accept, ...due], []],
    ['accepted', due, accept],
    ['received', [], [...accept, ...due]],
    ['replied', [], [...accept, ...due]],
    ['closed', [], [...accept, ...due]],
    ['withdrawn', [], [...accept, ...due]],
  ];

  it.each(table)('a %s order: current %j, stale %j', (status, current, stale) => {
    const t = { ...ticket, status };
    for (const kind of current) expect(reminderIsCurrent(t, kind, basisOf(kind)), kind).toBe(true);
    for (const kind of stale) expect(reminderIsCurrent(t, kind, basisOf(kind)), kind).toBe(false);
  });

  it('is stale once the limit it was planned against has moved', () => {
    const extended = { ...ticket, dueAt: at('2026-03-20T00:00:00') };
    expect(reminderIsCurrent(extended, 'due-red', basisOf('due-red'))).toBe(false);
    expect(reminderIsCurrent(extended, 'due-red', basisOf('due-red', extended))).toBe(true);
    // The 签收 limit did not move: its reminders still apply.
    expect(reminderIsCurrent(extended, 'accept-100', basisOf('accept-100'))).toBe(true);
  });
});

describe('fireReminder', () => {
  const now = at('2026-03-11T09:15:00');

  it.each([
    [
      'accept-50',
      /^【签收提醒】PY202603100001 东关社区路灯不亮\n尚未签收，请于 3月11日24:00前签收。\n签收 PY202603100001$/,
    ],
    ['accept-100', /^【签收超时】[\s\S]*请立即签收或退回/],
    ['due-yellow', /^【黄牌预警】PY202603100001 东关社区路灯不亮\n办结时限将至，请于 3月17日24:00前办结。$/],
  ] as const)('%s: tells the department and @-mentions its handler', (kind, text) => {
    const decision = fireReminder(ticket, kind, 1, context(now));
    expect(sends(decision.effects)).toEqual([
      { group: 'zjj', text: expect.stringMatching(text), mentions: ['zjj-li'] },
    ]);
    expect(decision.ticket).toBe(ticket);
    expect(decision.events).toEqual([
      {
        type: 'reminded',
        actor: 'system',
        at: now,
        note: kind,
        data: { reminder: kind, n: 1, basis: basisOf(kind) },
      },
    ]);
  });

  it('words every limit the same way: 请于 <limit>前 签收 / 办结, an hour shown when it is not 24:00', () => {
    const texts = (t: Ticket, kind: ReminderKind) =>
      sends(fireReminder(t, kind, 1, context(now)).effects)[0]?.text;
    const lines = (t: Ticket) =>
      (['accept-50', 'due-yellow'] as const).map((k) => texts(t, k)?.split('\n')[1]);
    expect(lines(ticket)).toEqual([
      '尚未签收，请于 3月11日24:00前签收。',
      '办结时限将至，请于 3月17日24:00前办结。',
    ]);
    // A 紧急 order's limits fall inside the day.
    const urgent = { ...ticket, acceptBy: at('2026-03-10T10:30:00'), dueAt: at('2026-03-11T10:00:00') };
    expect(lines(urgent)).toEqual([
      '尚未签收，请于 3月10日10:30前签收。',
      '办结时限将至，请于 3月11日10:00前办结。',
    ]);
    // The old, awkward wording is gone from every reminder.
    for (const kind of ['accept-50', 'accept-100', 'due-yellow', 'due-red', 'overdue'] as const)
      expect(texts(ticket, kind)).not.toMatch(/将于|到期，/);
  });

  it('mentions the named handler of a 专办 order instead', () => {
    const decision = fireReminder({ ...ticket, handler: 'zjj-wang' }, 'accept-50', 1, context(now));
    expect(sends(decision.effects)[0]?.mentions).toEqual(['zjj-wang']);
  });

  it('red card: the department is told, the supervisors get 超期督办 and the order is marked 督办', () => {
    const redAt = at('2026-03-18T08:30:00');
    const decision = fireReminder(ticket, 'due-red', 1, context(redAt));
    expect(sends(decision.effects)).toEqual([
      { group: 'zjj', text: expect.stringMatching(/^【红牌超期】[\s\S]*已报督办/), mentions: ['zjj-li'] },
      {
        group: 'supervisors',
        text: '【超期督办】PY202603100001 东关社区路灯不亮\n承办单位：县住房和城乡建设局\n办结时限：3月17日24:00前（已超期）',
        mentions: [],
      },
    ]);
    expect(decision.ticket).toMatchObject({ supervised: true, updatedAt: redAt });
    expect(decision.events.map((e) => e.type)).toEqual(['reminded', 'escalated']);
  });

  it('overdue n counts the days and plans reminder n+1 one working day later (over the weekend)', () => {
    const friday = at('2026-03-20T08:30:00');
    const decision = fireReminder(ticket, 'overdue', 2, context(friday));
    expect(sends(decision.effects)[0]?.text).toMatch(/^【超期提醒】[\s\S]*已超期 2 个工作日/);
    const next = decision.effects.find((e) => e.type === 'schedule');
    expect(next && next.type === 'schedule' && [next.jobId, formatShanghaiIso(next.at), next.timer]).toEqual([
      `rem-PY202603100001-overdue-3-${basisOf('overdue')}`,
      '2026-03-23T08:30:00+08:00',
      {
        kind: 'reminder',
        ticket: ticket.number,
        expect: { reminder: 'overdue', n: 3, basis: basisOf('overdue') },
      },
    ]);
    expect(decision.events[0]?.note).toBe('超期2');
  });

  it.each(['accept-50', 'accept-100', 'due-yellow', 'due-red'] as const)(
    '%s plans nothing further',
    (kind) => {
      expect(fireReminder(ticket, kind, 1, context(now)).effects.some((e) => e.type === 'schedule')).toBe(
        false,
      );
    },
  );
});

describe('alreadyReminded', () => {
  it('recognises the timeline row a fired reminder left, for that limit and number only', () => {
    const fired = fireReminder(ticket, 'overdue', 2, context(at('2026-03-20T08:30:00'))).events;
    const basis = basisOf('overdue');
    expect(alreadyReminded(fired, 'overdue', 2, basis)).toBe(true);
    expect(alreadyReminded(fired, 'overdue', 3, basis)).toBe(false);
    expect(alreadyReminded(fired, 'overdue', 2, basis + 1440)).toBe(false);
    expect(alreadyReminded(fired, 'due-red', 2, basis)).toBe(false);
    expect(alreadyReminded([], 'overdue', 2, basis)).toBe(false);
  });
});
