import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestHotline, type TestHotline } from '../support/test-hotline.js';

const COMPLAINT = '仲村镇王家庄村村口的路灯坏了三天了，晚上很黑，电话13812345678';

async function ticketCount(t: TestHotline, resident: string): Promise<number> {
  const found = await t.hotline.store.transaction((tx) =>
    tx.findTickets({ channel: 'web', residentRef: resident }),
  );
  return found.length;
}

describe.each(MODES)('delivery guarantees (%s)', (mode) => {
  let t: TestHotline;
  beforeAll(async () => {
    t = await startTestHotline(mode);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('processes the same inbound id once: one reply, one order', async () => {
    const resident = `r-dup-${mode}`;
    const id = randomUUID();
    expect((await t.web.post(resident, resident, COMPLAINT, id)).status).toBe(202);
    const again = await t.web.post(resident, resident, COMPLAINT, id);
    expect(again).toEqual({ status: 202, body: { id } });
    await t.web.expectMessage(resident, /请核对/);
    const confirm = randomUUID();
    await t.web.post(resident, resident, '确认', confirm);
    await t.web.post(resident, resident, '确认', confirm);
    await t.web.expectMessage(resident, /PY\d{12}/);
    await t.hotline.settle();
    await new Promise((r) => setTimeout(r, 500));
    expect(await t.web.read(resident)).toEqual([]);
    expect(t.web.all(resident)).toHaveLength(2);
    expect(await ticketCount(t, resident)).toBe(1);
  });

  it('processes two messages of one conversation, sent at once, in order', async () => {
    const resident = `r-order-${mode}`;
    await Promise.all([t.web.post(resident, resident, '你好'), t.web.post(resident, resident, '查询')]);
    const first = await t.web.expectMessage(resident, /./);
    const second = await t.web.expectMessage(resident, /./);
    expect(first.text).toMatch(/您好|热线/);
    expect(second.text).toMatch(/还没有工单/);
    expect(Number(first.id)).toBeLessThan(Number(second.id));
  });

  it('sends each message exactly once when the relay stops after the commit and starts again', async () => {
    const resident = `r-relay-${mode}`;
    await t.hotline.relay.stop();
    await t.web.post(resident, resident, '你好');
    await t.hotline.app.idle();
    // Committed but not relayed: nothing has reached the chat.
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.web.read(resident)).toEqual([]);
    t.hotline.relay.start();
    await t.web.expectMessage(resident, /您好|热线/);
    // A crash between adding the job and marking the row: the rows are relayed again, nothing is sent twice.
    await t.hotline.relay.drain();
    await t.hotline.store.pool.query('UPDATE hotline.outbox SET relayed_at = NULL');
    await t.hotline.relay.drain();
    await new Promise((r) => setTimeout(r, 500));
    expect(await t.web.read(resident)).toEqual([]);
    expect(t.web.all(resident)).toHaveLength(1);
  });

  it('answers bad input with a JSON error and changes nothing', async () => {
    const post = (body: string) =>
      fetch(`${t.hotline.url}/api/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const cases: [string, string][] = [
      ['not json', 'BAD_JSON'],
      [JSON.stringify({ chat: 'x', from: 'x' }), 'INVALID_FIELD'],
      [JSON.stringify({ chat: 1, from: 'x', text: 'hi' }), 'INVALID_FIELD'],
      [JSON.stringify({ chat: 'x', from: 'x', text: 'a'.repeat(5001) }), 'INVALID_FIELD'],
      [
        JSON.stringify({ chat: t.directory.staff.chat.web ?? 'staff', from: 'nobody', text: '查询' }),
        'UNKNOWN_SENDER',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const missing = await fetch(`${t.hotline.url}/api/web/messages`);
    expect(missing.status).toBe(400);
    expect((await fetch(`${t.hotline.url}/healthz`)).status).toBe(200);
  });
});
