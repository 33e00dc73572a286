import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFeishu, startFakeFeishu } from './fake-feishu/fake-feishu-server.js';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const APP_SECRET = 'fake-secret-value';

/** The SDK's token cache is process-global per app id unless each Client gets its own. */
class MemoryCache {
  private readonly values = new Map<string, { value: unknown; expiresAt: number | undefined }>();
  async get(key: unknown, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.key(key, options));
    if (entry === undefined || (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()))
      return undefined;
    return entry.value;
  }
  async set(key: unknown, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.values.set(this.key(key, options), { value, expiresAt });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
  private key(key: unknown, options?: { namespace?: string }): string {
    return `${options?.namespace ?? ''}/${String(key)}`;
  }
}

const quietLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  trace: () => {},
};

function newClient(fake: FakeFeishu, cache = new MemoryCache()) {
  return new lark.Client({
    appId: APP_ID,
    appSecret: APP_SECRET,
    domain: fake.url,
    cache,
    logger: quietLogger,
    loggerLevel: lark.LoggerLevel.error,
  });
}

const sendText = (client: lark.Client, chatId: string, text: string, uuid?: string) =>
  client.im.v1.message.create({
    params: { receive_id_type: 'chat_id' },
    data: {
      receive_id: chatId,
      msg_type: 'text',
      content: JSON.stringify({ text }),
      ...(uuid ? { uuid } : {}),
    },
  });

/** The code an API call ended with, whether the SDK returned it (HTTP 200) or threw (HTTP 4xx). */
async function apiCode(call: Promise<{ code?: number | undefined }>): Promise<number | undefined> {
  try {
    return (await call).code;
  } catch (error) {
    return (error as { response?: { data?: { code?: number } } }).response?.data?.code;
  }
}

let fake: FakeFeishu;
beforeEach(async () => {
  fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET });
});
afterEach(async () => {
  await fake.close();
});

describe('fake Feishu Open API, driven by the real SDK Client', () => {
  it('records a text message sent to a chat, after one token request', async () => {
    const res = await sendText(newClient(fake), 'oc_dept_roads', '您好，工单已派发。');
    expect(res.code).toBe(0);
    expect(res.data?.message_id).toMatch(/^om_/);
    expect(fake.sent).toEqual([
      {
        message_id: res.data?.message_id,
        receive_id: 'oc_dept_roads',
        receive_id_type: 'chat_id',
        msg_type: 'text',
        content: { text: '您好，工单已派发。' },
      },
    ]);
    expect(fake.tokenRequests).toBe(1);
    expect(fake.calls.at(-1)?.authorization).toMatch(/^Bearer t-/);
  });

  it('sends a message once per uuid, as Feishu does', async () => {
    const client = newClient(fake);
    const first = await sendText(client, 'oc_x', '一', 'outbox-17');
    const again = await sendText(client, 'oc_x', '一', 'outbox-17');
    expect(again.data?.message_id).toBe(first.data?.message_id);
    expect(fake.sent).toHaveLength(1);
  });

  it('after expireToken the SDK keeps failing with 99991663 until its token cache is cleared', async () => {
    const cache = new MemoryCache();
    const client = newClient(fake, cache);
    expect(await apiCode(sendText(client, 'oc_x', 'a'))).toBe(0);
    fake.expireToken();
    // Feishu answers HTTP 400, so the SDK throws; it never drops the cached token by itself.
    expect(await apiCode(sendText(client, 'oc_x', 'b'))).toBe(99991663);
    expect(await apiCode(sendText(client, 'oc_x', 'c'))).toBe(99991663);
    expect(fake.tokenRequests).toBe(1);
    cache.clear();
    expect(await apiCode(sendText(client, 'oc_x', 'd'))).toBe(0);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.sent.map((m) => m.content)).toEqual([{ text: 'a' }, { text: 'd' }]);
  });

  it('an HTTP 200 answer with code != 0 is returned, not thrown (failNext)', async () => {
    const client = newClient(fake);
    fake.failNext(230002, 'Bot/User can NOT be out of the chat.');
    const res = await sendText(client, 'oc_gone', '在吗');
    expect(res).toMatchObject({ code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
    expect(fake.sent).toHaveLength(0);
    expect((await sendText(client, 'oc_here', '在吗')).code).toBe(0);
  });

  it("tells the bot's own open_id, updates a card, replies and serves a resource", async () => {
    const client = newClient(fake);
    const info = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      bot?: { open_id?: string };
    };
    expect(info.bot?.open_id).toBe(fake.botOpenId);

    const card = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_dept', msg_type: 'interactive', content: JSON.stringify({ elements: [] }) },
    });
    const cardId = card.data?.message_id ?? '';
    const patched = await client.im.v1.message.patch({
      path: { message_id: cardId },
      data: { content: JSON.stringify({ header: { title: { tag: 'plain_text', content: '已签收' } } }) },
    });
    expect(patched.code).toBe(0);
    expect(fake.patched).toEqual([
      { message_id: cardId, content: { header: { title: { tag: 'plain_text', content: '已签收' } } } },
    ]);

    const reply = await client.im.v1.message.reply({
      path: { message_id: 'om_resident_msg' },
      data: { msg_type: 'text', content: JSON.stringify({ text: '收到' }) },
    });
    expect(reply.code).toBe(0);
    expect(fake.replied[0]).toMatchObject({ reply_to: 'om_resident_msg', content: { text: '收到' } });

    fake.resources.set('img_v3_photo', {
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      contentType: 'image/png',
    });
    const file = await client.im.v1.messageResource.get({
      path: { message_id: 'om_resident_msg', file_key: 'img_v3_photo' },
      params: { type: 'image' },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of file.getReadableStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it('refuses to patch a message that is not a card', async () => {
    const client = newClient(fake);
    const text = await sendText(client, 'oc_x', '纯文本');
    const res = await apiCode(
      client.im.v1.message.patch({
        path: { message_id: text.data?.message_id ?? '' },
        data: { content: '{}' },
      }),
    );
    expect(res).not.toBe(0);
    expect(fake.patched).toHaveLength(0);
  });
});

describe('fake Feishu long connection, driven by the real SDK WSClient', () => {
  const clients: lark.WSClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close({ force: true });
  });

  function startWs(handlers: Record<string, (data: unknown) => unknown>, appId = APP_ID) {
    const dispatcher = new lark.EventDispatcher({ logger: quietLogger, loggerLevel: lark.LoggerLevel.error });
    dispatcher.register<Record<string, (data: unknown) => unknown>>(handlers);
    const ws = new lark.WSClient({
      appId,
      appSecret: APP_SECRET,
      domain: fake.url,
      logger: quietLogger,
      loggerLevel: lark.LoggerLevel.error,
    });
    clients.push(ws);
    void ws.start({ eventDispatcher: dispatcher });
    return ws;
  }

  it('delivers im.message.receive_v1 to the registered handler and gets an acknowledgement', async () => {
    const received: unknown[] = [];
    startWs({ 'im.message.receive_v1': (data) => void received.push(data) });
    const ack = await fake.pushMessage({
      chatId: 'oc_group',
      chatType: 'group',
      senderOpenId: 'ou_official_1',
      text: '@_user_1 签收 2025-0001',
      mentions: [{ openId: fake.botOpenId, name: '12345热线' }],
    });
    expect(ack.code).toBe(200);
    expect(received).toHaveLength(1);
    const data = received[0] as {
      event_id: string;
      message: { chat_id: string; content: string; mentions: { id: { open_id: string } }[] };
      sender: { sender_id: { open_id: string } };
    };
    expect(data.event_id).toBe(ack.eventId);
    expect(data.message.chat_id).toBe('oc_group');
    expect(JSON.parse(data.message.content)).toEqual({ text: '@_user_1 签收 2025-0001' });
    expect(data.message.mentions[0]?.id.open_id).toBe(fake.botOpenId);
    expect(data.sender.sender_id.open_id).toBe('ou_official_1');
  });

  it('reassembles an event split over several frames', async () => {
    const texts: string[] = [];
    startWs({
      'im.message.receive_v1': (data) =>
        void texts.push((data as { message: { content: string } }).message.content),
    });
    const ack = await fake.pushMessage(
      { chatId: 'oc_p2p', chatType: 'p2p', senderOpenId: 'ou_resident', text: '路灯坏了三天了'.repeat(50) },
      { fragments: 3 },
    );
    expect(ack.code).toBe(200);
    expect(texts.map((t) => (JSON.parse(t) as { text: string }).text)).toEqual(['路灯坏了三天了'.repeat(50)]);
  });

  it('answers a card.action.trigger callback with what the handler returned', async () => {
    const actions: unknown[] = [];
    startWs({
      'card.action.trigger': (data) => {
        actions.push(data);
        return { toast: { type: 'success', content: '已签收' } };
      },
    });
    const ack = await fake.pushCardAction({
      value: { cmd: '签收', ticket: '2025-0001' },
      operatorOpenId: 'ou_official_1',
      openMessageId: 'om_card_1',
      openChatId: 'oc_dept',
    });
    expect(ack.code).toBe(200);
    expect(ack.data).toEqual({ toast: { type: 'success', content: '已签收' } });
    expect(actions[0]).toMatchObject({
      action: { value: { cmd: '签收', ticket: '2025-0001' }, tag: 'button' },
      operator: { open_id: 'ou_official_1' },
      context: { open_message_id: 'om_card_1', open_chat_id: 'oc_dept' },
    });
  });

  it('SDK 1.74 ignores frames of type "card": no handler runs and no answer comes', async () => {
    const actions: unknown[] = [];
    startWs({ 'card.action.trigger': (data) => void actions.push(data) });
    await expect(
      fake.pushCardAction(
        { value: { cmd: '签收' }, operatorOpenId: 'ou_x', openMessageId: 'om_c', openChatId: 'oc_d' },
        { kind: 'card', timeoutMs: 800 },
      ),
    ).rejects.toThrow(/no answer/);
    expect(actions).toHaveLength(0);
  });

  it('a handler that throws is answered with code 500 (Feishu will resend)', async () => {
    startWs({
      'im.message.receive_v1': () => {
        throw new Error('boom');
      },
    });
    const ack = await fake.pushMessage({ chatId: 'oc_p', chatType: 'p2p', senderOpenId: 'ou_r', text: 'x' });
    expect(ack.code).toBe(500);
  });

  it('reconnects by itself after the server drops the socket', async () => {
    const seen: string[] = [];
    startWs({ 'im.message.receive_v1': (data) => void seen.push((data as { event_id: string }).event_id) });
    await fake.pushMessage({ chatId: 'oc_p', chatType: 'p2p', senderOpenId: 'ou_r', text: 'before' });
    fake.dropLongConnection();
    const after = await fake.pushMessage({
      chatId: 'oc_p',
      chatType: 'p2p',
      senderOpenId: 'ou_r',
      text: 'after',
    });
    expect(fake.ws.connects).toBe(2);
    expect(seen.at(-1)).toBe(after.eventId);
  });

  it('a WSClient whose app id is not cli_ + 16 hex never connects', async () => {
    startWs({ 'im.message.receive_v1': () => {} }, 'cli_short');
    await expect(
      fake.pushMessage({ chatId: 'oc', chatType: 'p2p', senderOpenId: 'ou', text: 'x' }, { timeoutMs: 500 }),
    ).rejects.toThrow(/no WSClient connected/);
    expect(fake.calls.some((c) => c.path === '/callback/ws/endpoint')).toBe(false);
  });
});

describe('fake Feishu webhook delivery', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it("signs and encrypts a card callback so that the SDK's own CardActionHandler accepts it", async () => {
    const encryptKey = 'hotline-encrypt-key';
    const keyed = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET, encryptKey });
    try {
      const seen: unknown[] = [];
      const handler = new lark.CardActionHandler(
        {
          encryptKey,
          verificationToken: keyed.verificationToken,
          logger: quietLogger,
          loggerLevel: lark.LoggerLevel.error,
        },
        async (data: unknown) => {
          seen.push(data);
          return { toast: { type: 'info', content: '已收到' } };
        },
      );
      server = createServer(lark.adaptDefault('/feishu/card', handler));
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/card`;
      const answer = await keyed.postCardAction(url, {
        value: { cmd: '退回' },
        operatorOpenId: 'ou_official_2',
        openMessageId: 'om_card_9',
        openChatId: 'oc_dept',
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ toast: { type: 'info', content: '已收到' } });
      expect(seen[0]).toMatchObject({
        action: { value: { cmd: '退回' } },
        event_type: 'card.action.trigger',
      });
    } finally {
      await keyed.close();
    }
  });
});
