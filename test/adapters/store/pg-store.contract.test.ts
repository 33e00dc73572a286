import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgStore, type PgStore } from '../../../adapters/store/pg/pg-store.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import type { InboundMessage } from '../../../core/messages.js';
import { BACKENDS, openBackend } from '../../support/store-backends.js';

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

describe.each(BACKENDS)('the store contract (%s)', (kind) => {
  let store: PgStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const backend = await openBackend(kind);
    close = backend.close;
    store = await createPgStore({ connectionString: backend.url });
  });
  afterAll(async () => {
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
});
