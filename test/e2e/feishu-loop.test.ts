import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeishuConfig } from '../../adapters/feishu/feishu-config.js';
import { createFeishuRuntime } from '../../adapters/feishu/feishu-runtime.js';
import type { Directory } from '../../core/directory/directory-schema.js';
import { messageReceiveEvent } from '../fakes/fake-feishu/event-envelopes.js';
import { type FakeFeishu, startFakeFeishu } from '../fakes/fake-feishu/fake-feishu-server.js';
import type { SentMessage } from '../fakes/fake-feishu/fake-feishu-state.js';
import { startTestHotline, type TestHotline, testDirectory } from '../support/test-hotline.js';

const APP_ID = 'cli_e2e0a1b2c3d4e5f6';
const APP_SECRET = 'e2e-app-secret';
const NUMBER = /PY\d{12}/;
const hex = (n: number) => randomBytes(n).toString('hex');

type Node = Record<string, unknown>;
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}
const buttonsOf = (card: unknown) =>
  nodes(card)
    .filter((n) => n.tag === 'button')
    .map((b) => ({
      label: (b.text as { content: string }).content,
      value: (b.behaviors as { value: Record<string, unknown> }[])[0]!.value,
    }));
const plainTexts = (card: unknown) =>
  nodes(card)
    .filter((n) => n.tag === 'plain_text')
    .map((n) => String(n.content));
const titleOf = (card: unknown) => (card as { header: { title: { content: string } } }).header.title.content;

/** Waits for what the bot sends to Feishu; each chat is read in order, like a person reading it. */
function feishuReader(fake: FakeFeishu) {
  const cursors = new Map<string, number>();
  async function until<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** The next message to `chat` (after the last one read) that matches. */
  function next(chat: string, match: (m: SentMessage) => boolean, what: string): Promise<SentMessage> {
    return until(
      () => {
        const from = cursors.get(chat) ?? 0;
        const index = fake.sent.findIndex((m, i) => i >= from && m.receive_id === chat && match(m));
        if (index < 0) return undefined;
        cursors.set(chat, index + 1);
        return fake.sent[index];
      },
      `${what} in ${chat}; sent there: ${JSON.stringify(fake.sent.filter((m) => m.receive_id === chat).map((m) => m.content))}`,
    );
  }
  const textOf = (m: SentMessage) => (m.content as { text?: string }).text ?? '';
  return {
    until,
    next,
    text: async (chat: string, pattern: RegExp) =>
      textOf(
        await next(
          chat,
          (m) => m.msg_type === 'text' && pattern.test(textOf(m)),
          `a text matching ${pattern}`,
        ),
      ),
    card: (chat: string, pattern: RegExp) =>
      next(
        chat,
        (m) => m.msg_type === 'interactive' && pattern.test(JSON.stringify(m.content)),
        `a card matching ${pattern}`,
      ),
    texts: (chat: string) =>
      fake.sent.filter((m) => m.receive_id === chat && m.msg_type === 'text').map(textOf),
  };
}

describe('the whole loop over Feishu (long connection)', () => {
  let fake: FakeFeishu;
  let t: TestHotline;
  let directory: Directory;
  beforeAll(async () => {
    fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET });
    directory = await testDirectory();
    const config = parseFeishuConfig({
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: APP_SECRET,
      FEISHU_DOMAIN: fake.url,
    })!;
    t = await startTestHotline('embedded', directory, async (ctx) => [createFeishuRuntime(config, ctx)]);
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.close();
  });

  it('resident DM → order → dispatch card → 签收 and 办结 by button → reply, survey; refusals by toast', async () => {
    const read = feishuReader(fake);
    const resident = { chatId: `oc_${hex(16)}`, openId: `ou_${hex(16)}` };
    const say = (text: string, options = {}) =>
      fake.pushMessage(
        { chatId: resident.chatId, chatType: 'p2p', senderOpenId: resident.openId, text },
        options,
      );

    const ack = await say('城东街道阳光小区3号楼前的路灯坏了一个星期了，晚上很黑');
    expect(ack.code).toBe(200);
    const health = (await (await fetch(`${t.hotline.url}/healthz`)).json()) as {
      channels: Record<string, unknown>;
    };
    expect(health.channels.feishu).toEqual({ state: 'online', detail: 'long connection' });
    await read.text(resident.chatId, /电话/);
    await say('13812345678');
    expect(await read.text(resident.chatId, /确认/)).toContain('138****5678');
    await say('确认');
    const number = NUMBER.exec(await read.text(resident.chatId, NUMBER))![0];

    const ticket = await t.hotline.store.transaction((tx) => tx.getTicket(number));
    const dept = directory.departments.find((d) => d.id === ticket?.department)!;
    const deptChat = dept.chat.feishu!;
    const dispatched = await read.card(deptChat, new RegExp(number));
    const card = dispatched.content;
    expect(titleOf(card)).toContain(number);
    expect(plainTexts(card).join('\n')).toContain('138****5678');
    expect(JSON.stringify(card)).not.toContain('13812345678');
    expect(buttonsOf(card).map((b) => b.label)).toEqual(['签收', '退回', '申请延期', '办结']);
    const handler = dept.officials.find((o) => o.handler) ?? dept.officials[0]!;
    expect(JSON.stringify(card)).toContain(`<at id=${handler.feishu!.openId}></at>`);
    const press = (label: string, operatorOpenId: string, formText?: string) =>
      fake.pushCardAction({
        value: buttonsOf(card).find((b) => b.label === label)!.value,
        operatorOpenId,
        openMessageId: dispatched.message_id,
        openChatId: deptChat,
        ...(formText === undefined ? {} : { formValue: { text: formText } }),
      });
    const toastOf = (answer: { data?: unknown }) =>
      (answer.data as { toast: { content: string } }).toast.content;

    // Someone who is not of this department is refused, and nothing changes.
    const stranger = await press('签收', `ou_${hex(16)}`);
    expect(toastOf(stranger)).toMatch(/不在本群的办理人员名单/);
    // Nor can another unit act on it (say, on a forwarded card, from its own group).
    const other = directory.departments.find((d) => d.id !== dept.id && d.chat.feishu && d.officials.length)!;
    const elsewhere = await fake.pushCardAction({
      value: buttonsOf(card).find((b) => b.label === '签收')!.value,
      operatorOpenId: other.officials[0]!.feishu!.openId!,
      openMessageId: dispatched.message_id,
      openChatId: other.chat.feishu!,
    });
    expect(toastOf(elsewhere)).toMatch(/不属于本单位/);
    expect((await t.hotline.store.transaction((tx) => tx.getTicket(number)))?.status).toBe('dispatched');

    const official = dept.officials[0]!;
    expect(toastOf(await press('签收', official.feishu!.openId!))).toMatch(/已提交/);
    await read.text(resident.chatId, /签收|正在办理/);
    const accepted = await read.until(
      () =>
        fake.patched.find(
          (p) => p.message_id === dispatched.message_id && titleOf(p.content).includes('办理中'),
        ),
      'the card patched to 办理中',
    );
    expect(plainTexts(accepted.content).join('\n')).toContain(official.name);

    // The same button again is stale now.
    expect(toastOf(await press('签收', official.feishu!.openId!))).toMatch(/已是“办理中”，此按钮已失效/);
    // A form submitted empty is refused on the spot.
    expect(toastOf(await press('办结', official.feishu!.openId!, '  '))).toMatch(/请写明答复内容/);

    expect(toastOf(await press('办结', official.feishu!.openId!, '已更换灯泡，路灯恢复照明'))).toMatch(
      /已提交/,
    );
    expect(await read.text(resident.chatId, /已办结/)).toContain('已更换灯泡，路灯恢复照明');
    const replied = await read.until(
      () =>
        fake.patched.find(
          (p) => p.message_id === dispatched.message_id && titleOf(p.content).includes('已答复'),
        ),
      'the card patched to 已答复',
    );
    expect(buttonsOf(replied.content)).toEqual([]);
    expect(fake.sent.filter((m) => m.receive_id === deptChat && m.msg_type === 'interactive')).toHaveLength(
      1,
    );

    await read.text(resident.chatId, /1 满意/);
    // Feishu delivering the same event twice: handled once.
    const eventId = hex(16);
    const messageId = `om_${hex(16)}`;
    await say(`查询 ${number}`, { eventId, messageId });
    await say(`查询 ${number}`, { eventId, messageId });
    await read.text(resident.chatId, /状态：已答复/);
    // A chat's messages are handled in order: once the next one is answered, a second 查询 would have been.
    await say('帮助');
    await read.text(resident.chatId, /查询/);
    expect(read.texts(resident.chatId).filter((x) => x.includes('状态：'))).toHaveLength(1);
  });

  it('keeps a resident’s picture, answers a sticker courteously and ignores a group’s chatter', async () => {
    const read = feishuReader(fake);
    const chatId = `oc_${hex(16)}`;
    const senderOpenId = `ou_${hex(16)}`;
    fake.resources.set('img_v3_streetlight', { bytes: Buffer.from('a photo'), contentType: 'image/jpeg' });
    await fake.pushMessage({
      chatId,
      chatType: 'p2p',
      senderOpenId,
      messageType: 'image',
      content: { image_key: 'img_v3_streetlight' },
    });
    await read.next(chatId, (m) => m.msg_type === 'text', 'an answer to the picture');
    const { rows } = await t.hotline.store.pool.query<{
      payload: { attachments: { kind: string; ref: string }[] };
    }>('SELECT payload FROM hotline.inbound WHERE conversation = $1', [`feishu:${chatId}`]);
    const [picture] = rows[0]!.payload.attachments;
    expect(picture?.kind).toBe('image');
    expect(picture?.ref).toMatch(/attachments\/feishu\/om_.*img_v3_streetlight\.jpg$/);
    expect(await readFile(picture!.ref, 'utf8')).toBe('a photo');

    await fake.pushMessage({
      chatId,
      chatType: 'p2p',
      senderOpenId,
      messageType: 'sticker',
      content: { file_key: 'v3_sticker' },
    });
    expect(await read.text(chatId, /表情/)).toMatch(/请用文字/);
    const dept = directory.departments.find((d) => d.chat.feishu && d.officials.length)!;
    const group = dept.chat.feishu!;
    const official = dept.officials[0]!.feishu!.openId!;
    const before = read.texts(group).length;
    await fake.pushMessage({
      chatId: group,
      chatType: 'group',
      senderOpenId: official,
      text: '收到，下午去现场',
    });
    // Then the bot is @-mentioned: once that is answered, the chatter before it was handled (in order).
    await fake.pushMessage({
      chatId: group,
      chatType: 'group',
      senderOpenId: official,
      text: '@_user_1',
      mentions: [{ openId: fake.botOpenId, name: '12345热线' }],
    });
    await read.text(group, /可用指令/);
    expect(read.texts(group).slice(before)).toEqual([expect.stringMatching(/^可用指令/)]);
  });
});

describe('Feishu webhook mode', () => {
  const ENCRYPT_KEY = 'e2e-encrypt-key';
  let fake: FakeFeishu;
  let t: TestHotline;
  beforeAll(async () => {
    fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY });
    const config = parseFeishuConfig({
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: APP_SECRET,
      FEISHU_DOMAIN: fake.url,
      FEISHU_MODE: 'webhook',
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: fake.verificationToken,
    })!;
    // On the database server: a second embedded start would double this file's time.
    t = await startTestHotline('server', undefined, async (ctx) => [createFeishuRuntime(config, ctx)]);
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.close();
  });

  it('an event POSTed signed and encrypted to the process reaches the app; a button is answered with a toast', async () => {
    const read = feishuReader(fake);
    const url = `${t.hotline.url}/feishu/events`;
    const chatId = `oc_${hex(16)}`;
    const event = messageReceiveEvent(
      { chatId, chatType: 'p2p', senderOpenId: `ou_${hex(16)}`, text: '你好' },
      fake.tenantKey,
    );
    const answer = await fake.postEvent(url, 'im.message.receive_v1', event);
    expect(answer.status).toBe(200);
    await read.text(chatId, /您好/);
    const health = (await (await fetch(`${t.hotline.url}/healthz`)).json()) as {
      channels: Record<string, unknown>;
    };
    expect(health.channels.feishu).toEqual({ state: 'online', detail: 'webhook /feishu/events' });

    const dept = t.directory.departments.find((d) => d.chat.feishu)!;
    const toast = await fake.postCardAction(url, {
      value: { cmd: '签收 PY202611260001' },
      operatorOpenId: `ou_${hex(16)}`,
      openMessageId: `om_${hex(16)}`,
      openChatId: dept.chat.feishu!,
    });
    expect(toast.json).toMatchObject({
      toast: { type: 'error', content: expect.stringMatching(/不在本群的办理人员名单/) },
    });

    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schema: '2.0',
        header: { event_id: 'x', event_type: 'im.message.receive_v1', app_id: APP_ID },
        event,
      }),
    });
    expect(forged.status).toBe(401);
  });
});
