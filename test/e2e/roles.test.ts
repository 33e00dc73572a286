import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWebKey } from '../../adapters/web/web-keys.js';
import type { ChannelRuntime } from '../../bots/channel-runtime.js';
import type { HotlineOptions } from '../../bots/hotline.js';
import type { Directory } from '../../core/directory/directory-schema.js';
import type { Ticket } from '../../core/domain/ticket.js';
import type { OutboundMessage } from '../../core/messages.js';
import { TIMER_QUEUE } from '../../jobs/job-payloads.js';
import { createQueueBackend, type QueueBackend } from '../../jobs/queue-backend.js';
import { sendQueueName } from '../../jobs/send-worker.js';
import { createControllableClock } from '../fakes/controllable-clock.js';
import { REDIS_URL } from '../support/fresh-database.js';
import {
  createSharedServices,
  type SharedServices,
  startTestHotline,
  type TestHotline,
  testDirectory,
} from '../support/test-hotline.js';
import { createWebClient, type WebClient } from '../support/web-client.js';

const NUMBER = /PY\d{12}/;
// A Tuesday in an ordinary week, inside working hours: the clock starts here, whatever the real time.
const TUESDAY_10AM = new Date('2026-03-10T10:00:00+08:00');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** 签收 within 12 s: 【签收提醒】 at 6 s, 【签收超时】 at 12 s; 办结 (yellow at 30 s) is never reached. */
async function rolesDirectory(): Promise<Directory> {
  const base = await testDirectory();
  return { ...base, deadlines: { ...base.deadlines, rules: [{ accept: '12s', finish: '60s' }] } };
}

/** What one process did with its recording channel: how often it started it, what it sent on it. */
interface ChannelLog {
  started: number;
  readonly sent: OutboundMessage[];
}

/** A second chat channel (named feishu) on which every directory group is bound; it only records. */
function recordingChannel(log: ChannelLog): HotlineOptions['channels'] {
  return async ({ directory }) => {
    const runtime: ChannelRuntime = {
      port: {
        name: 'feishu',
        groupConversation: (group) => `rec:${group.id}`,
        groupOf: (conversation) =>
          conversation.startsWith('rec:') ? directory.group(conversation.slice(4)) : undefined,
        identify: () => undefined,
        mentionIds: (people) => people.map((p) => p.id),
        async send(message) {
          log.sent.push(message);
        },
      },
      sendLimit: { max: 50, durationMs: 1_000 },
      async start() {
        log.started++;
      },
      stop: async () => undefined,
      status: () => ({ state: 'online' }),
    };
    return [runtime];
  };
}

const newLog = (): ChannelLog => ({ started: 0, sent: [] });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether anything accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('roles: a gateway and a worker on one PostgreSQL server and Redis', () => {
  const clock = createControllableClock();
  let directory: Directory;
  let shared: SharedServices;
  let queues: QueueBackend;
  const running = new Set<TestHotline>();

  const start = async (role: 'gateway' | 'worker', log: ChannelLog, port?: number) => {
    const t = await startTestHotline(
      'server',
      directory,
      recordingChannel(log),
      {},
      {
        role,
        shared,
        clock: clock.now,
        ...(port ? { port } : {}),
      },
    );
    running.add(t);
    return t;
  };
  const stop = async (t: TestHotline) => {
    running.delete(t);
    await t.stop();
  };

  beforeAll(async () => {
    clock.set(TUESDAY_10AM);
    directory = await rolesDirectory();
    shared = await createSharedServices();
    queues = createQueueBackend({ kind: 'redis', url: REDIS_URL, prefix: shared.queuePrefix });
  });
  afterAll(async () => {
    await Promise.allSettled([...running].map((t) => t.stop()));
    await queues?.close();
    await shared?.drop();
    clock.reset();
  });

  it('the gateway takes the order and sends, only the worker fires timers, and neither does the other’s job', async () => {
    const timers = queues.queue(TIMER_QUEUE);
    const gatewayLog = newLog();
    const gateway = await start('gateway', gatewayLog);
    expect(gatewayLog.started).toBe(1);

    // A resident files an order through the gateway's web chat.
    const web = gateway.web;
    const resident = 'r-roles';
    await web.post(
      resident,
      resident,
      '平邑街道东关社区门口的垃圾好几天没人清运了，臭味很大，电话13812345679',
    );
    await web.expectMessage(resident, /请核对/);
    await web.post(resident, resident, '确认');
    const number = NUMBER.exec((await web.expectMessage(resident, NUMBER)).text)![0];
    const order = (await gateway.hotline.store.transaction((tx) => tx.getTicket(number))) as Ticket;
    const department = directory.departments.find((d) => d.id === order.department)!;
    const chat = department.chat.web ?? department.id;
    await web.expectMessage(chat, new RegExp(number));
    const receivedAt = (order.dispatchedAt ?? order.createdAt).getTime();
    const firstReminder = new RegExp(`【签收提醒】${number}`);
    const secondReminder = new RegExp(`【签收超时】${number}`);

    // Gateway alone: the first reminder falls due and nothing fires it.
    await sleep(receivedAt + 7_500 - clock.now().getTime());
    expect(await timers.getJobCounts('active', 'completed', 'failed')).toEqual({
      active: 0,
      completed: 0,
      failed: 0,
    });
    expect(await timers.getJobSchedulers()).toEqual([]);
    expect((await web.read(chat)).filter((m) => firstReminder.test(m.text))).toEqual([]);
    expect(gatewayLog.sent.filter((m) => firstReminder.test(m.text))).toEqual([]);

    // A message the gateway stored but had not handled yet (as when it goes down at that moment).
    const unhandled = `roles-${Date.now()}`;
    await gateway.hotline.store.saveInbound({
      channel: 'web',
      conversation: encodeWebKey(resident),
      isGroup: false,
      id: unhandled,
      sender: { id: resident },
      text: '谢谢',
      mentionsBot: true,
      attachments: [],
      receivedAt: clock.now(),
    });
    const handled = async (t: TestHotline) => {
      const { rows } = await t.hotline.store.pool.query(
        'SELECT 1 FROM hotline.inbound WHERE message_id = $1 AND processed_at IS NOT NULL',
        [unhandled],
      );
      return rows.length > 0;
    };

    // A worker joins: it fires the reminder and the gateway's send workers deliver it, on both channels.
    const workerPort = await freePort();
    const workerLog = newLog();
    const worker = await start('worker', workerLog, workerPort);
    await web.expectMessage(chat, firstReminder, 5_000);
    await until('the reminder on the second channel', async () =>
      gatewayLog.sent.find((m) => firstReminder.test(m.text)),
    );
    expect(await timers.getJobCounts('completed')).toEqual({ completed: 1 });
    expect((await timers.getJobSchedulers()).map((s) => s.key)).toEqual(['daily-digest']);
    // The worker serves no HTTP, starts no channel and sends nothing itself.
    expect(await listening(workerPort)).toBe(false);
    expect(workerLog).toEqual({ started: 0, sent: [] });
    // Nor does it handle residents' messages: the stored one is left to a gateway.
    expect(await handled(worker)).toBe(false);

    // Worker alone: the 签收 limit passes; the worker decides the reminder, and it waits to be sent.
    await stop(gateway);
    expect(clock.now().getTime(), 'the gateway stopped before the 签收 limit').toBeLessThan(
      order.acceptBy.getTime() - 1_000,
    );
    const row = await until('the 签收超时 reminder relayed to the send queue', async () => {
      const { rows } = await worker.hotline.store.pool.query<{ id: string; delivered: boolean }>(
        `SELECT id, delivered_at IS NOT NULL AS delivered FROM hotline.outbox
          WHERE relayed_at IS NOT NULL AND item->'message'->>'channel' = 'web'
            AND item->'message'->>'text' LIKE $1`,
        [`【签收超时】${number}%`],
      );
      return rows[0];
    });
    expect(row.delivered).toBe(false);
    expect(
      await queues
        .queue(sendQueueName('web'))
        .getJob(`out-${row.id}`)
        .then((j) => j?.getState()),
    ).toBe('waiting');
    await sleep(500);
    expect(workerLog.sent).toEqual([]);

    // A gateway again: the message the worker queued goes out, once.
    const againLog = newLog();
    const again = await start('gateway', againLog);
    const reader: WebClient = createWebClient(again.hotline.url);
    await reader.expectMessage(chat, secondReminder, 5_000);
    await reader.expectMessage(resident, /不客气/, 5_000);
    expect(await handled(again)).toBe(true);
    await until('the 签收超时 reminder on the second channel', async () =>
      againLog.sent.find((m) => secondReminder.test(m.text)),
    );
    // Each reminder reached the department exactly once, though two relays and two gateways ran.
    await sleep(300);
    const all = await createWebClient(again.hotline.url).read(chat);
    expect(all.filter((m) => firstReminder.test(m.text))).toHaveLength(1);
    expect(all.filter((m) => secondReminder.test(m.text))).toHaveLength(1);
  });
});
