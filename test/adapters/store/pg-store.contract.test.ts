import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgStore, type PgStore } from '../../../adapters/store/pg/pg-store.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import type { InboundMessage } from '../../../core/messages.js';
import type { LoggerPort } from '../../../core/ports/logger-port.js';
import type { OutboxItem, Store } from '../../../core/ports/store-port.js';
import { createOutboxRelay, type OutboxRelay } from '../../../jobs/outbox-relay.js';
import { BACKENDS, openBackend } from '../../support/store-backends.js';
import { type QueueCall, type RecordingQueue, recordingQueue } from './recording-queue.js';

const at = new Date('2026-11-26T01:02:03.456Z');

function ticket(number: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    number,
    channel: 'web',
    conversation: 'web:r-1',
    residentRef: 'r-1',
    phone: '13812345678',
    confidential: false,
    appealType: '求助',
    category: '城乡建设/路灯照明',
    title: '路灯坏了',
    description: '路灯坏了一个星期',
    location: { text: '仲村镇王家庄村', town: '仲村镇', village: '王家庄村' },
    urgency: '一般',
    flags: [],
    department: 'zfj',
    coDepartments: [],
    status: 'dispatched',
    supervised: false,
    acceptBy: new Date('2026-11-27T16:00:00Z'),
    dueAt: new Date('2026-12-03T16:00:00Z'),
    returnCount: 0,
    reopenCount: 0,
    attachments: [],
    createdAt: at,
    dispatchedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const inbound = (id: string, conversation: string, text: string): InboundMessage => ({
  channel: 'web',
  conversation,
  isGroup: false,
  id,
  sender: { id: conversation },
  text,
  mentionsBot: true,
  attachments: [],
  receivedAt: at,
  raw: { secret: 'not stored' },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a relay logged at warn or error level (nothing, when all goes well). */
function recordingLogger(problems: string[]): LoggerPort {
  const record = (fields: Record<string, unknown>, message: string) =>
    problems.push(`${message}: ${String(fields.err ?? '')}`);
  return { debug: () => undefined, info: () => undefined, warn: record, error: record };
}

/** The store as one relay sees it, counting the rows that relay marks relayed. */
function countingRelayed(store: Store, relayed: { rows: number }): Store {
  return {
    ...store,
    async markRelayed(ids) {
      relayed.rows += ids.length;
      await store.markRelayed(ids);
    },
  };
}

function relayOn(store: Store, queue: RecordingQueue, problems: string[], leaseMs?: number): OutboxRelay {
  return createOutboxRelay({
    store,
    sendQueues: new Map([['web', queue.queue]]),
    timerQueue: queue.queue,
    clock: () => at,
    logger: recordingLogger(problems),
    pollMs: 25,
    ...(leaseMs ? { leaseMs } : {}),
  });
}

const schedule = (jobId: string): OutboxItem => ({
  kind: 'schedule',
  jobId,
  at,
  timer: { kind: 'survey', ticket: 'PY1', expect: { round: 1 } },
});

describe.each(BACKENDS)('the store contract (%s)', (kind) => {
  let store: PgStore;
  /** A second pool on the same database, as another process would have. */
  let other: PgStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const backend = await openBackend(kind);
    close = backend.close;
    store = await createPgStore({ connectionString: backend.url });
    other = await createPgStore({ connectionString: backend.url, max: 2 });
  });
  afterAll(async () => {
    await other?.close();
    await store?.close();
    await close?.();
  });

  it('round-trips a ticket with its dates and its timeline', async () => {
    await store.transaction(async (tx) => {
      await tx.insertTicket(ticket('PY202611260001'));
      await tx.appendEvents('PY202611260001', [
        { type: 'received', actor: 'resident', at },
        { type: 'dispatched', actor: 'system', at, note: '派单', data: { department: 'zfj' } },
      ]);
    });
    const [read, events] = await store.transaction(async (tx) => [
      await tx.getTicket('PY202611260001'),
      await tx.listEvents('PY202611260001'),
    ]);
    expect(read).toEqual(ticket('PY202611260001'));
    expect(read?.dueAt).toBeInstanceOf(Date);
    expect(events.map((e) => e.type)).toEqual(['received', 'dispatched']);
    expect(events[1]).toEqual({
      type: 'dispatched',
      actor: 'system',
      at,
      note: '派单',
      data: { department: 'zfj' },
    });
  });

  it('finds tickets by resident, department and status, newest first', async () => {
    await store.transaction(async (tx) => {
      await tx.insertTicket(
        ticket('PY202611260002', { createdAt: new Date(at.getTime() + 1000), department: 'zjj' }),
      );
      await tx.insertTicket(ticket('PY202611260003', { residentRef: 'r-2', status: 'closed' }));
    });
    const mine = await store.transaction((tx) => tx.findTickets({ channel: 'web', residentRef: 'r-1' }));
    expect(mine.map((t) => t.number)).toEqual(['PY202611260002', 'PY202611260001']);
    const zjj = await store.transaction((tx) => tx.findTickets({ department: 'zjj' }));
    expect(zjj.map((t) => t.number)).toEqual(['PY202611260002']);
    const closed = await store.transaction((tx) => tx.findTickets({ statuses: ['closed'] }));
    expect(closed.map((t) => t.number)).toEqual(['PY202611260003']);
  });

  it('numbers orders per day without gaps or repeats', async () => {
    const numbers = await store.transaction(async (tx) => [
      await tx.nextTicketNumber('PY', '20261201'),
      await tx.nextTicketNumber('PY', '20261201'),
      await tx.nextTicketNumber('PY', '20261202'),
    ]);
    expect(numbers).toEqual(['PY202612010001', 'PY202612010002', 'PY202612020001']);
  });

  it('rolls back everything a failed transaction wrote', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertTicket(ticket('PY202611260009'));
        await tx.enqueue([{ kind: 'cancel', jobId: 'x-1' }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.transaction((tx) => tx.getTicket('PY202611260009'))).toBeUndefined();
    expect((await store.unrelayed(100)).some((r) => r.item.kind === 'cancel' && r.item.jobId === 'x-1')).toBe(
      false,
    );
  });

  it('keeps an inbound message once, pending in order until processed, without its platform payload', async () => {
    expect(await store.saveInbound(inbound('m1', 'web:c1', '第一条'))).toBe(true);
    expect(await store.saveInbound(inbound('m1', 'web:c1', '第一条'))).toBe(false);
    expect(await store.saveInbound(inbound('m2', 'web:c1', '第二条'))).toBe(true);
    expect(await store.conversationsWithPending()).toContain('web:c1');
    const pending = await store.transaction((tx) => tx.pendingInbound('web:c1'));
    expect(pending.map((p) => p.message.text)).toEqual(['第一条', '第二条']);
    expect(pending[0]!.message.raw).toBeUndefined();
    expect(pending[0]!.message.receivedAt).toEqual(at);
    await store.transaction((tx) => tx.markProcessed([pending[0]!.seq]));
    const left = await store.transaction((tx) => tx.pendingInbound('web:c1'));
    expect(left.map((p) => p.message.id)).toEqual(['m2']);
  });

  it('creates, locks and saves conversation state', async () => {
    const state = await store.transaction(async (tx) => {
      const empty = await tx.lockConversation('web:c2');
      await tx.saveConversation('web:c2', {
        survey: { ticket: 'PY202611260001', round: 1, askedAt: at, step: 'rating', clarified: false },
      });
      return empty;
    });
    expect(state).toEqual({});
    const read = await store.transaction((tx) => tx.lockConversation('web:c2'));
    expect(read.survey?.askedAt).toEqual(at);
  });

  it('relays outbox rows in order and records delivery once', async () => {
    const before = (await store.unrelayed(1000)).length;
    await store.transaction((tx) =>
      tx.enqueue([
        { kind: 'send', message: { channel: 'web', conversation: 'web:c3', text: '一' }, notBefore: at },
        {
          kind: 'schedule',
          jobId: 'survey-PY1-r1',
          at,
          timer: { kind: 'survey', ticket: 'PY1', expect: { round: 1 } },
        },
      ]),
    );
    const rows = (await store.unrelayed(1000)).slice(before);
    expect(rows.map((r) => r.item.kind)).toEqual(['send', 'schedule']);
    const first = rows[0]!;
    expect(first.item.kind === 'send' && first.item.notBefore).toEqual(at);
    await store.markRelayed(rows.map((r) => r.id));
    expect((await store.unrelayed(1000)).length).toBe(before);
    expect(await store.isDelivered(first.id)).toBe(false);
    await store.markDelivered(first.id);
    expect(await store.isDelivered(first.id)).toBe(true);
  });

  it('leases the outbox to one relay at a time, until its holder frees the lease or lets it run out', async () => {
    expect(await store.takeRelayLease('a', 60_000)).toBe(true);
    expect(await other.takeRelayLease('b', 60_000)).toBe(false);
    expect(await store.takeRelayLease('a', 60_000)).toBe(true);
    await other.releaseRelayLease('b');
    expect(await other.takeRelayLease('b', 60_000)).toBe(false);
    await store.releaseRelayLease('a');
    expect(await other.takeRelayLease('b', 300)).toBe(true);
    expect(await store.takeRelayLease('a', 60_000)).toBe(false);
    await sleep(400);
    expect(await store.takeRelayLease('a', 60_000)).toBe(true);
    await store.releaseRelayLease('a');
    // Taken at once from two pools by ten relays: one gets it.
    const takers = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? store : other).takeRelayLease(`r${i}`, 60_000),
    );
    const won = (await Promise.all(takers)).flatMap((ok, i) => (ok ? [`r${i}`] : []));
    expect(won).toHaveLength(1);
    await store.releaseRelayLease(won[0]!);
  });

  it('relays each row once and in order with two relays on one database: no cancelled timer comes back', async () => {
    const queue = recordingQueue();
    const problems: string[] = [];
    const relayed = [{ rows: 0 }, { rows: 0 }];
    const relays = [
      relayOn(countingRelayed(store, relayed[0]!), queue, problems),
      relayOn(countingRelayed(other, relayed[1]!), queue, problems),
    ];
    for (const relay of relays) relay.start();
    // 20 orders, each scheduled and cancelled 10 times (400 rows), and a send per commit, written in
    // 20 commits while both relays run and poll.
    const orders = Array.from({ length: 20 }, (_, i) => `lease-${kind}-${i}`);
    for (let round = 0; round < 10; round++) {
      for (const op of ['schedule', 'cancel'] as const) {
        const items: OutboxItem[] = orders.map((order) =>
          op === 'schedule'
            ? schedule(`${order}-r${round}`)
            : { kind: 'cancel', jobId: `${order}-r${round}` },
        );
        items.push({
          kind: 'send',
          message: { channel: 'web', conversation: 'web:lease', text: `${round}` },
        });
        await store.transaction((tx) => tx.enqueue(items));
        // Each commit wakes the relay of the process that made it (as the app's afterCommit does),
        // the two in turn; after each cancel the outbox empties and the lease is freed.
        relays[(round + (op === 'cancel' ? 1 : 0)) % 2]!.wake();
        await sleep(op === 'cancel' ? 80 : Math.floor(Math.random() * 5));
      }
    }
    await Promise.all(relays.map((relay) => relay.drain()));
    await Promise.all(relays.map((relay) => relay.stop()));

    const { rows } = await store.pool.query<{ id: string }>(
      `SELECT id FROM hotline.outbox WHERE item->'message'->>'conversation' = 'web:lease'`,
    );
    expect(rows).toHaveLength(20);
    const addsOf = (jobId: string) => queue.calls.filter((c) => c.op === 'add' && c.jobId === jobId);
    for (const { id } of rows) expect(addsOf(`out-${id}`)).toHaveLength(1);
    for (const order of orders) {
      const expected = Array.from({ length: 10 }, (_, round): QueueCall[] => [
        { op: 'add', jobId: `${order}-r${round}` },
        { op: 'remove', jobId: `${order}-r${round}` },
      ]).flat();
      expect(queue.calls.filter((c) => c.jobId.startsWith(`${order}-`))).toEqual(expected);
    }
    expect([...queue.jobs].filter((id) => id.startsWith('lease-'))).toEqual([]);
    expect(await store.unrelayed(1)).toEqual([]);
    expect(problems).toEqual([]);
    expect(relayed[0]!.rows + relayed[1]!.rows).toBe(420);
    expect(Math.min(relayed[0]!.rows, relayed[1]!.rows), 'both relays took turns').toBeGreaterThan(0);
  });

  it('a relay whose queue call outlasts its lease makes no further call: the relay that took over relays the rest', async () => {
    await store.transaction((tx) =>
      tx.enqueue([
        schedule(`stall-${kind}`),
        { kind: 'cancel', jobId: `stall-${kind}` },
        schedule(`after-${kind}`),
      ]),
    );
    const problems: string[] = [];
    const stalled = recordingQueue((n) => (n === 0 ? 1_000 : undefined));
    const slow = relayOn(store, stalled, problems, 300);
    slow.start();
    await sleep(100);
    const fresh = recordingQueue();
    const taker = relayOn(other, fresh, problems, 300);
    taker.start();
    await Promise.all([slow.drain(), taker.drain()]);
    await Promise.all([slow.stop(), taker.stop()]);
    // The stalled call lands late (nothing can recall it); nothing follows it.
    expect(stalled.calls).toEqual([{ op: 'add', jobId: `stall-${kind}` }]);
    expect(fresh.calls).toEqual([
      { op: 'add', jobId: `stall-${kind}` },
      { op: 'remove', jobId: `stall-${kind}` },
      { op: 'add', jobId: `after-${kind}` },
    ]);
    expect(problems).toEqual([]);
  });

  it('takes the outbox over from a relay that died holding the lease, once the lease runs out', async () => {
    expect(await other.takeRelayLease('died', 500)).toBe(true);
    await store.transaction((tx) => tx.enqueue([schedule(`orphan-${kind}`)]));
    const queue = recordingQueue();
    const problems: string[] = [];
    const relay = relayOn(store, queue, problems, 1_000);
    relay.start();
    relay.wake();
    await sleep(200);
    expect(queue.calls).toEqual([]);
    await relay.drain();
    expect(queue.calls).toEqual([{ op: 'add', jobId: `orphan-${kind}` }]);
    await relay.stop();
    // The relay freed the lease when the outbox was empty.
    expect(await other.takeRelayLease('next', 60_000)).toBe(true);
    await other.releaseRelayLease('next');
    expect(problems).toEqual([]);
  });
});
