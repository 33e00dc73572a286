import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../bots/config/env.js';
import { type Hotline, startHotline } from '../../bots/hotline.js';
import { createLogger } from '../../bots/logger.js';
import type { Directory } from '../../core/directory/directory-schema.js';
import type { Ticket } from '../../core/domain/ticket.js';
import { reminderBasis } from '../../core/domain/ticket-timers.js';
import { TIMER_QUEUE } from '../../jobs/job-payloads.js';
import { createQueueBackend, type QueueBackend } from '../../jobs/queue-backend.js';
import { sendQueueName } from '../../jobs/send-worker.js';
import { type ControllableClock, createControllableClock } from '../fakes/controllable-clock.js';
import { createFreshDatabase, REDIS_URL } from '../support/fresh-database.js';
import { MODES, type Mode, testDirectory } from '../support/test-hotline.js';
import { createWebClient, type WebClient, type WebMessage } from '../support/web-client.js';

const NUMBER = /PY\d{12}/;
const REMINDER_TAG = /^【(签收提醒|签收超时|黄牌预警|红牌超期|超期提醒)】/;
// A Tuesday in an ordinary week, inside working hours: the clock starts here, whatever the real time.
const TUESDAY_10AM = new Date('2026-03-10T10:00:00+08:00');
const TUESDAY_9PM = new Date('2026-03-10T21:30:00+08:00');

/**
 * Limits in seconds: 签收 reminders at 3 s and 6 s, yellow at 7 s (half of the finish time, as the
 * limit is shorter than a working day), red at 14 s. Quiet hours as shipped (21:00–08:00).
 */
async function timerDirectory(): Promise<Directory> {
  const base = await testDirectory();
  return {
    ...base,
    deadlines: { ...base.deadlines, rules: [{ accept: '6s', finish: '14s' }] },
    quietHours: { enabled: true, start: '21:00', end: '08:00' },
  };
}

/** A hotline that can be stopped and started again on the same database and queues. */
async function restartableHotline(mode: Mode, directory: Directory, clock: ControllableClock) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hotline-timers-'));
  const fresh = mode === 'server' ? await createFreshDatabase() : undefined;
  const prefix = `hltest-${randomBytes(4).toString('hex')}`;
  const env = parseEnv({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(fresh ? { DATABASE_URL: fresh.url, REDIS_URL } : {}),
  });
  const start = () =>
    startHotline({
      env,
      // Settings outside Env (LLM_*, classifier) come from here, never from the shell.
      rawEnv: {},
      directory,
      logger: createLogger(env.LOG_LEVEL, false),
      clock: clock.now,
      queuePrefix: prefix,
      channels: async () => [],
    });
  let hotline: Hotline = await start();
  return {
    get hotline() {
      return hotline;
    },
    async restart() {
      await hotline.stop();
      hotline = await start();
    },
    /** The hotline's own queues, for looking at jobs. */
    queues(): QueueBackend {
      return mode === 'server'
        ? createQueueBackend({ kind: 'redis', url: REDIS_URL, prefix })
        : createQueueBackend({ kind: 'postgres', connectionString: hotline.database.connectionString });
    },
    async stop() {
      await hotline.stop();
      await fresh?.drop();
      await rm(dataDir, { recursive: true, force: true });
      if (mode === 'server') await deleteRedisKeys(`${prefix}:*`);
    },
  };
}

async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  for await (const keys of redis.scanStream({ match: pattern, count: 1_000 }) as AsyncIterable<string[]>)
    if (keys.length) await redis.del(...keys);
  await redis.quit();
}

interface Order {
  readonly number: string;
  readonly resident: string;
  readonly chat: string;
  readonly official: string;
}

describe.each(MODES)('reminders and escalation through BullMQ (%s)', (mode) => {
  const clock = createControllableClock();
  let t: Awaited<ReturnType<typeof restartableHotline>>;
  let directory: Directory;
  let web: WebClient;

  beforeAll(async () => {
    clock.set(TUESDAY_10AM);
    directory = await timerDirectory();
    t = await restartableHotline(mode, directory, clock);
    web = createWebClient(t.hotline.url);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const ticket = async (number: string): Promise<Ticket> => {
    const found = await t.hotline.store.transaction((tx) => tx.getTicket(number));
    if (!found) throw new Error(`no order ${number}`);
    return found;
  };

  async function file(resident: string, text: string): Promise<Order> {
    await web.post(resident, resident, text);
    await web.expectMessage(resident, /请核对/);
    await web.post(resident, resident, '确认');
    const number = NUMBER.exec((await web.expectMessage(resident, NUMBER)).text)![0];
    const order = await ticket(number);
    const department = directory.departments.find((d) => d.id === order.department)!;
    return {
      number,
      resident,
      chat: department.chat.web ?? department.id,
      official: department.officials[0]!.id,
    };
  }

  it('reminds in order, escalates at due, stops on 签收 / 办结 / 延期, and fires each once across a restart', async () => {
    const staffChat = directory.staff.chat.web ?? directory.staff.id;
    const supervisorsChat = directory.supervisors.chat.web ?? directory.supervisors.id;
    const [a, b, c] = await Promise.all([
      file(`r-late-${mode}`, '仲村镇王家庄村村口的路灯坏了三天了，晚上很黑，电话13812345678'),
      file(`r-accepted-${mode}`, '平邑街道东关社区门口的垃圾好几天没人清运了，臭味很大，电话13812345679'),
      file(`r-extended-${mode}`, '平邑街道东关社区3号楼下水道堵了，污水漫到路上，电话13812345670'),
    ]);

    // B is taken on at once; C asks for two more working days and the staff agree.
    await web.post(b.chat, b.official, `签收 ${b.number}`);
    await web.expectMessage(b.chat, new RegExp(`已签收 ${b.number}`));
    const beforeExtension = await ticket(c.number);
    await web.post(c.chat, c.official, `延期 ${c.number} 2 需协调施工队疏通主管道`);
    await web.expectMessage(staffChat, new RegExp(`【延期申请】${c.number}`));
    await web.post(staffChat, directory.staff.members[0]!.id, `同意延期 ${c.number}`);
    await web.expectMessage(c.chat, new RegExp(`【延期已批准】${c.number}`));

    // A's first reminder arrives; then the whole hotline stops and starts again on the same data.
    await web.expectMessage(a.chat, new RegExp(`【签收提醒】${a.number}`), 10_000);
    await t.restart();
    web = createWebClient(t.hotline.url);

    // B is answered after its yellow card: the resident hears the answer, no red card follows.
    await web.expectMessage(b.chat, new RegExp(`【黄牌预警】${b.number}`), 15_000);
    await web.post(b.chat, b.official, `办结 ${b.number} 已安排环卫清运完毕`);
    await web.expectMessage(b.resident, /已安排环卫清运完毕/);

    // A goes red: the supervisors are told and the order is marked 督办.
    await web.expectMessage(a.chat, new RegExp(`【红牌超期】${a.number}`), 15_000);
    await web.expectMessage(supervisorsChat, new RegExp(`【超期督办】${a.number}`));
    expect(await ticket(a.number)).toMatchObject({ supervised: true, status: 'dispatched' });
    const events = await t.hotline.store.transaction((tx) => tx.listEvents(a.number));
    expect(events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    // C's and B's red cards would have been due by now as well; give a late one time to show up.
    await new Promise((r) => setTimeout(r, 1_500));

    // Read everything from the start with a fresh client: each reminder exactly once, in order.
    const all = createWebClient(t.hotline.url);
    const history = new Map<string, WebMessage[]>();
    const everything = async (chat: string) => {
      history.set(chat, [...(history.get(chat) ?? []), ...(await all.read(chat))]);
      return history.get(chat) ?? [];
    };
    const tags = async (order: Order) =>
      (await everything(order.chat))
        .filter((m) => m.text.includes(order.number))
        .flatMap((m) => REMINDER_TAG.exec(m.text)?.[1] ?? []);
    expect(await tags(a)).toEqual(['签收提醒', '签收超时', '黄牌预警', '红牌超期']);
    expect(await tags(b)).toEqual(['黄牌预警']);
    expect(await tags(c)).toEqual(['签收提醒', '签收超时']);
    const supervised = (await everything(supervisorsChat)).filter((m) => m.text.startsWith('【超期督办】'));
    expect(supervised.map((m) => NUMBER.exec(m.text)?.[0])).toEqual([a.number]);

    // A job delivered a second time (a worker that died before BullMQ recorded it) does nothing.
    const red = await ticket(a.number);
    const again = await t.hotline.app.handleTimer({
      kind: 'reminder',
      ticket: a.number,
      expect: { reminder: 'due-red', n: 1, basis: reminderBasis(red, 'due-red') },
    });
    expect(again).toBe('stale');
    await t.hotline.settle();

    // C's reminders moved with its deadline: the old ones are gone from the queue, the new ones wait.
    const extended = await ticket(c.number);
    expect(extended.dueAt.getTime()).toBeGreaterThan(beforeExtension.dueAt.getTime() + 86_400_000);
    const queues = t.queues();
    try {
      const timers = queues.queue(TIMER_QUEUE);
      // The due reminders are all planned against the 办结 limit.
      const id = (kind: string, planned: Ticket) =>
        `rem-${c.number}-${kind}-1-${reminderBasis(planned, 'due-red')}`;
      for (const kind of ['due-yellow', 'due-red', 'overdue'])
        expect(await timers.getJob(id(kind, beforeExtension)), kind).toBeFalsy();
      const newRed = await timers.getJob(id('due-red', extended));
      expect(await newRed?.getState()).toBe('delayed');
      // The new limit is 24:00 on 3月12日; the red card goes when working hours next begin.
      const offset = clock.now().getTime() - Date.now();
      const firesAt = (newRed?.timestamp ?? 0) + (newRed?.opts.delay ?? 0) + offset;
      expect(Math.abs(firesAt - Date.parse('2026-03-13T08:30:00+08:00'))).toBeLessThan(1_000);
    } finally {
      await queues.close();
    }
    // Nothing more reached A's department, the second delivery included.
    expect(await tags(a)).toEqual(['签收提醒', '签收超时', '黄牌预警', '红牌超期']);
  });

  it('asks the survey once per job: a second delivery is stale, a staff 回访 still asks again', async () => {
    clock.set(TUESDAY_10AM);
    const staffChat = directory.staff.chat.web ?? directory.staff.id;
    const e = await file(`r-survey-${mode}`, '平邑街道南关社区公厕门坏了关不上，电话13812345672');
    await web.post(e.chat, e.official, `办结 ${e.number} 已更换公厕门锁`);
    await web.expectMessage(e.resident, /已更换公厕门锁/);
    await t.hotline.settle();

    // The planned survey (due in hours) is delivered by hand, twice.
    const planned = { kind: 'survey' as const, ticket: e.number, expect: { status: 'replied', round: 1 } };
    expect(await t.hotline.app.handleTimer(planned)).toBe('done');
    await web.expectMessage(e.resident, /1 满意/);
    expect(await t.hotline.app.handleTimer(planned)).toBe('stale');

    // Staff send it again: that job asks, once, however often it is delivered.
    await web.post(staffChat, directory.staff.members[0]!.id, `回访 ${e.number}`);
    await web.expectMessage(staffChat, new RegExp(`已向群众重新发送 ${e.number} 的回访`));
    await web.expectMessage(e.resident, /1 满意/);
    const events = await t.hotline.store.transaction((tx) => tx.listEvents(e.number));
    const resent = events.find((ev) => ev.note === '热线办重新发起回访')!;
    const again = Math.floor(resent.at.getTime() / 1000);
    expect(
      await t.hotline.app.handleTimer({ ...planned, expect: { status: 'replied', round: 1, again } }),
    ).toBe('stale');
    await t.hotline.settle();
    await new Promise((r) => setTimeout(r, 1_000));

    // Exactly two questions reached the resident; the timeline names the job of each.
    const questions = (await createWebClient(t.hotline.url).read(e.resident)).filter((m) =>
      /1 满意/.test(m.text),
    );
    expect(questions).toHaveLength(2);
    const asked = (await t.hotline.store.transaction((tx) => tx.listEvents(e.number))).filter(
      (ev) => ev.data?.survey === 1,
    );
    expect(asked.map((ev) => ev.data?.ask)).toEqual(['planned', `again-${again}`]);
    clock.reset();
  });

  it('holds a resident’s message back in quiet hours: the send job waits until 08:00', async () => {
    clock.set(TUESDAY_9PM);
    const d = await file(`r-night-${mode}`, '平邑街道西关社区路口的井盖丢了，很危险，电话13812345671');
    await web.post(d.chat, d.official, `签收 ${d.number}`);
    await web.expectMessage(d.chat, new RegExp(`已签收 ${d.number}`));
    await t.hotline.settle();

    const { rows } = await t.hotline.store.pool.query<{
      id: string;
      item: { notBefore?: string; message: { text: string } };
    }>(
      `SELECT id, item FROM hotline.outbox
        WHERE item->>'kind' = 'send' AND item->'message'->>'conversation' = $1 ORDER BY id DESC LIMIT 1`,
      [(await ticket(d.number)).conversation],
    );
    const row = rows[0]!;
    expect(row.item.message.text).toMatch(/已由.*签收/);
    expect(new Date(row.item.notBefore!).toISOString()).toBe(
      new Date('2026-03-11T08:00:00+08:00').toISOString(),
    );
    const queues = t.queues();
    try {
      const job = await queues.queue(sendQueueName('web')).getJob(`out-${row.id}`);
      expect(await job?.getState()).toBe('delayed');
      // 21:30 → 08:00 is 10.5 hours.
      expect(Math.abs((job?.opts.delay ?? 0) - 10.5 * 3_600_000)).toBeLessThan(5_000);
    } finally {
      await queues.close();
    }
    // The 签收 notice has not reached the resident (the filing answer was read already).
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await web.read(d.resident)).toEqual([]);
    clock.reset();
  });
});
