import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../core/app/app-deps.js';
import { calendarWarning, digestEffects, sendDigest } from '../../../core/app/digest.js';
import { handleTimer } from '../../../core/app/timer-handler.js';
import { createTimePolicy, type TimePolicy } from '../../../core/deadline/time-policy.js';
import {
  isWeekday,
  type WorkingCalendar,
  withCalendarOverrides,
} from '../../../core/deadline/working-calendar.js';
import type { Effect } from '../../../core/domain/effects.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import type { ChannelPort } from '../../../core/ports/channel-port.js';
import type { OutboxItem, Store, StoreTx, TicketQuery } from '../../../core/ports/store-port.js';
import type { UnderstandingPort } from '../../../core/ports/understanding-port.js';
import { createTemplates } from '../../../core/text/templates.js';
import { at, context, directory, dispatchedTicket, shipped } from '../domain/ticket-fixture.js';

/** The web channel as the effect runner sees it: every group is bound to its web chat. */
const webChannel: ChannelPort = {
  name: 'web',
  groupConversation: (group) => group.chat.web ?? group.id,
  groupOf: () => undefined,
  identify: () => undefined,
  mentionIds: () => [],
  send: async () => undefined,
};

interface FakeDeps {
  readonly deps: AppDeps;
  readonly warnings: unknown[];
  readonly infos: unknown[];
  readonly enqueued: OutboxItem[];
  readonly queries: TicketQuery[];
  readonly commits: number[];
}

/**
 * AppDeps over the shipped directory, a Monday–Friday calendar that knows years up to `knownUntil`
 * (or the time policy given), a store in memory and a clock reading `now`.
 */
function fakeDeps(
  open: readonly Ticket[] = [],
  knownUntil = 2027,
  options: { time?: TimePolicy; now?: Date } = {},
): FakeDeps {
  const calendar: WorkingCalendar = { isWorkday: isWeekday, hasDataFor: (year) => year <= knownUntil };
  const warnings: unknown[] = [];
  const infos: unknown[] = [];
  const enqueued: OutboxItem[] = [];
  const queries: TicketQuery[] = [];
  const commits: number[] = [];
  const tx = {
    findTickets: async (query: TicketQuery) => {
      queries.push(query);
      return open.filter((t) => !query.statuses || query.statuses.includes(t.status));
    },
    enqueue: async (items: readonly OutboxItem[]) => void enqueued.push(...items),
  } as Partial<StoreTx> as StoreTx;
  const store = {
    transaction: (work: (tx: StoreTx) => Promise<unknown>) => work(tx),
  } as Partial<Store> as Store;
  const ignore = () => undefined;
  const deps: AppDeps = {
    store,
    understanding: {} as UnderstandingPort,
    channels: new Map([['web', webChannel]]),
    directory,
    templates: createTemplates(shipped.templates),
    time: options.time ?? createTimePolicy(shipped.deadlines, calendar),
    residentSendTime: (t) => t,
    clock: () => options.now ?? new Date(),
    logger: {
      debug: ignore,
      info: (fields, message) => void infos.push({ ...fields, message }),
      error: ignore,
      warn: (fields) => void warnings.push(fields),
    },
    afterCommit: () => void commits.push(Date.now()),
  };
  return { deps, warnings, infos, enqueued, queries, commits };
}

const texts = (effects: readonly Effect[]) =>
  Object.fromEntries(
    effects.flatMap((e) =>
      e.type === 'send' && e.target.kind === 'group' ? [[e.target.group, e.message.text]] : [],
    ),
  );

// 09:00 Thursday 2026-03-12.
const morning = at('2026-03-12T09:00:00');
const order = (n: number, dueAt: string, fields: Partial<Ticket> = {}) =>
  dispatchedTicket(at('2026-03-05T10:00:00'), {
    number: `PY2026030500${String(n).padStart(2, '0')}`,
    title: `工单${n}`,
    dueAt: at(dueAt),
    ...fields,
  });
const late = order(1, '2026-03-12T00:00:00'); // 24:00 yesterday
const dueToday = order(2, '2026-03-13T00:00:00'); // 24:00 today
const later = order(3, '2026-03-17T00:00:00');
const elsewhere = order(4, '2026-03-19T00:00:00', {
  department: 'zfj',
  supervised: true,
  status: 'accepted',
});

describe('the morning digest', () => {
  it('gives each department its counts and lists what is overdue, then what is due today', () => {
    const { deps } = fakeDeps();
    const sent = texts(digestEffects([later, dueToday, late, elsewhere], deps, morning));
    expect(sent.zjj).toBe(
      [
        '【每日工单提醒】在办 3 件，今日到期 1 件，超期 1 件。',
        '· PY202603050001 工单1（时限 3月11日24:00前）',
        '· PY202603050002 工单2（时限 3月12日24:00前）',
      ].join('\n'),
    );
    expect(sent.zfj).toBe('【每日工单提醒】在办 1 件，今日到期 0 件，超期 0 件。');
    // A department with nothing open is not bothered.
    expect(Object.keys(sent).sort()).toEqual(['staff', 'supervisors', 'zfj', 'zjj']);
  });

  it('gives staff and supervisors the county’s counts, 督办 included, and the overdue orders with their unit', () => {
    const { deps } = fakeDeps();
    const sent = texts(digestEffects([later, dueToday, late, elsewhere], deps, morning));
    const county = [
      '【全县工单日报】在办 4 件，今日到期 1 件，超期 1 件，督办 1 件。',
      '超期工单：',
      '· PY202603050001 工单1（时限 3月11日24:00前） 县住房和城乡建设局',
    ].join('\n');
    expect(sent.staff).toBe(county);
    expect(sent.supervisors).toBe(county);
  });

  it('hides the resident in the titles of confidential orders', () => {
    const { deps } = fakeDeps();
    const secret = order(5, '2026-03-12T00:00:00', {
      title: '张建国反映站所工作人员吃拿卡要，电话13812345678',
      residentName: '张建国',
      confidential: true,
    });
    const sent = texts(digestEffects([secret], deps, morning));
    for (const text of Object.values(sent)) {
      expect(text).not.toMatch(/张建国|138|5678/);
    }
    expect(sent.staff).toContain('PY202603050005 （保密）反映站所工作人员吃拿卡要');
  });

  it('keeps a long list short: 15 lines per department, 20 for the county', () => {
    const many = Array.from({ length: 30 }, (_, i) => order(i + 10, '2026-03-11T00:00:00'));
    const sent = texts(digestEffects(many, fakeDeps().deps, morning));
    expect(sent.zjj?.split('\n')).toHaveLength(1 + 15);
    expect(sent.staff?.split('\n')).toHaveLength(2 + 20);
    expect(sent.staff).toMatch(/^【全县工单日报】在办 30 件，今日到期 0 件，超期 30 件/);
  });

  it('with nothing open tells only staff and supervisors', () => {
    const sent = texts(digestEffects([], fakeDeps().deps, morning));
    expect(sent).toEqual({
      staff: '【全县工单日报】在办 0 件，今日到期 0 件，超期 0 件，督办 0 件。',
      supervisors: '【全县工单日报】在办 0 件，今日到期 0 件，超期 0 件，督办 0 件。',
    });
  });

  it('reads open orders only and writes one outbox row per group chat, then wakes the relay', async () => {
    const fake = fakeDeps([late, elsewhere, { ...later, status: 'replied' }]);
    await sendDigest(fake.deps, morning);
    expect(fake.queries[0]?.statuses).toEqual(['dispatched', 'reopened', 'accepted']);
    expect(
      fake.enqueued.map((item) => (item.kind === 'send' ? item.message.conversation : item.kind)).sort(),
    ).toEqual(['dept-zfj', 'dept-zjj', 'staff', 'supervisors']);
    expect(fake.enqueued.every((item) => item.kind === 'send' && !item.notBefore)).toBe(true);
    expect(fake.commits).toHaveLength(1);
  });
});

describe('the 09:00 digest reaches departments and supervisors on working days only', () => {
  // The shipped 2026 calendar (chinese-days), as the deadlines use it.
  const official = context(morning).time;
  const nineOn = (day: string) => at(`${day}T09:00:00`);
  // Which chats were written to (staff may also get the calendar warning: chinese-days lacks 2027).
  const groups = (fake: FakeDeps) =>
    [
      ...new Set(fake.enqueued.map((item) => (item.kind === 'send' ? item.message.conversation : item.kind))),
    ].sort();

  it.each([
    ['Thursday 3-12', '2026-03-12', true],
    ['Saturday 3-14', '2026-03-14', false],
    ['Sunday 3-15', '2026-03-15', false],
    ['Monday 2-23, still 春节', '2026-02-23', false],
    ['Saturday 2-28, worked (调休)', '2026-02-28', true],
    ['Friday 10-2, 国庆', '2026-10-02', false],
    ['Saturday 10-10, worked (调休)', '2026-10-10', true],
  ])('%s (%s): officials get it: %s', async (_name, day, working) => {
    const fake = fakeDeps([late, elsewhere], 2027, { time: official, now: nineOn(day) });
    const outcome = await handleTimer({ kind: 'digest', ticket: '', expect: {} }, fake.deps);
    expect(outcome).toBe('done');
    expect(fake.commits).toHaveLength(1);
    if (working) {
      expect(groups(fake)).toEqual(['dept-zfj', 'dept-zjj', 'staff', 'supervisors']);
      expect(fake.infos).toEqual([]);
    } else {
      // The hotline office answers every day: it alone gets the county's figures.
      expect(groups(fake)).toEqual(['staff']);
      expect(fake.infos).toEqual([{ day, message: 'digest to staff only: not a working day' }]);
    }
  });

  it('says why it did nothing, and follows the county’s own calendar overrides', async () => {
    const overridden = createTimePolicy(
      shipped.deadlines,
      withCalendarOverrides(official.calendar, [
        { date: '2026-03-12', workday: false, note: '县域特殊安排' },
        { date: '2026-03-14', workday: true, note: '补班' },
      ]),
    );
    const thursday = fakeDeps([late], 2027, { time: overridden });
    expect(await sendDigest(thursday.deps, nineOn('2026-03-12'))).toBe('staff-only');
    expect(groups(thursday)).toEqual(['staff']);
    const saturday = fakeDeps([late], 2027, { time: overridden });
    expect(await sendDigest(saturday.deps, nineOn('2026-03-14'))).toBe('sent');
    expect(groups(saturday)).toEqual(['dept-zjj', 'staff', 'supervisors']);
  });
});

describe('the holiday calendar warning', () => {
  it('warns the staff group (and the log) when the coming year has no data', () => {
    const fake = fakeDeps([], 2026);
    const effects = calendarWarning(fake.deps, morning);
    expect(texts(effects)).toEqual({
      staff: expect.stringMatching(/^【日历提醒】节假日日历还没有 2027 年的数据[\s\S]*calendarOverrides/),
    });
    expect(fake.warnings).toEqual([{ year: 2027 }]);
    // The digest carries it too, every morning until the data is there.
    const digest = digestEffects([], fake.deps, morning).flatMap((e) =>
      e.type === 'send' && e.target.kind === 'group' && e.target.group === 'staff' ? [e.message.text] : [],
    );
    expect(digest).toEqual([
      expect.stringMatching(/^【全县工单日报】/),
      expect.stringMatching(/^【日历提醒】/),
    ]);
  });

  it('says nothing when the coming year is known', () => {
    const fake = fakeDeps([], 2027);
    expect(calendarWarning(fake.deps, morning)).toEqual([]);
    expect(fake.warnings).toEqual([]);
  });
});
