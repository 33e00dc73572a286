import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { parseWechatConfig } from '../../../adapters/wechat/wechat-config.js';
import { createWechatRuntime, type WechatRuntime } from '../../../adapters/wechat/wechat-runtime.js';
import { indexDirectory } from '../../../core/directory/directory-index.js';
import type { InboundMessage } from '../../../core/messages.js';
import { createMockWechat, type MockWechat } from './mock-wechat.js';
import { createRecordingLogger } from './recording-logger.js';
import { STAFF_ROOM_ID, wechatTestDirectory, ZJJ_TOPIC } from './wechat-directory.js';

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the WeChat runtime on the mock puppet', () => {
  const logger = createRecordingLogger();
  const received: InboundMessage[] = [];
  const sendability: boolean[] = [];
  let wx: MockWechat;
  let runtime: WechatRuntime;
  let dataDir: string;
  const people = () => ({
    resident: wx.mocker.ContactMock.load('wxid_resident_1'),
    li: wx.mocker.ContactMock.load('wxid_r6qp5ctgyxsj7k'),
    wang: wx.mocker.ContactMock.load('wxid_wang_other_id'),
    stranger: wx.mocker.ContactMock.load('wxid_stranger'),
  });
  const decided = (messageId: string) =>
    until(
      () =>
        received.find((m) => m.id === messageId) ??
        logger.lines.find((l) => l.fields.messageId === messageId),
      `a decision about ${messageId}`,
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wechat-runtime-'));
    wx = createMockWechat();
    const li = wx.person('wxid_r6qp5ctgyxsj7k', '李建国');
    const wang = wx.person('wxid_wang_other_id', '王海燕');
    const stranger = wx.person('wxid_stranger', '路人甲');
    wx.person('wxid_resident_1', '张大爷');
    wx.room(ZJJ_TOPIC, [li, wang, stranger], 'zjj-room@chatroom');
    wx.room('平邑12345·督查室', [li], 'sup-room@chatroom');
    wx.room('小区业主群', [li, stranger], 'owners@chatroom');
    const config = parseWechatConfig({
      WECHATY_PUPPET: 'wechaty-puppet-mock',
      WECHAT_SEND_INTERVAL: '100ms',
      WECHAT_SEND_JITTER: '0',
      WECHAT_MAX_ATTACHMENT: '1KB',
      WECHATY_LOG: 'silent',
    })!;
    const directory = indexDirectory(await wechatTestDirectory());
    runtime = createWechatRuntime(
      config,
      { directory, logger, dataDir, clock: () => new Date() },
      {
        puppet: wx.puppet,
        printQr: () => undefined,
      },
    );
    runtime.onSendability((canSend) => sendability.push(canSend));
    await runtime.start({ receive: async (m) => void received.push(m) });
  });
  afterAll(async () => {
    if (runtime?.status().state !== 'offline') await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('holds sending until the account logs in, then resumes it', async () => {
    expect(runtime.canSend()).toBe(false);
    expect(sendability).toEqual([false]);
    expect(runtime.status().state).toBe('connecting');
    wx.login();
    await until(() => runtime.canSend(), 'login');
    expect(sendability).toEqual([false, true]);
    expect(runtime.status()).toMatchObject({
      state: 'online',
      detail: expect.stringContaining('平邑12345热线'),
    });
    expect(runtime.sendLimit).toEqual({ max: 1, durationMs: 100 });
  });

  it('hands a private message to the resident bot under a dm key', async () => {
    wx.says(people().resident, '  路灯坏了  ');
    const message = await decided(wx.lastMessageId());
    expect(message).toMatchObject({
      channel: 'wechat',
      conversation: 'wechat:dm:wxid_resident_1',
      isGroup: false,
      text: '路灯坏了',
      sender: { id: 'wxid_resident_1', name: '张大爷' },
      attachments: [],
    });
  });

  it('hands an @-mention in a bound room to the official bot, without the mention', async () => {
    wx.says(people().li, '签收 PY202501010001', wx.mocker.RoomMock.load('zjj-room@chatroom'), true);
    const message = (await decided(wx.lastMessageId())) as InboundMessage;
    expect(message).toMatchObject({
      conversation: 'wechat:room:zjj-room@chatroom',
      isGroup: true,
      mentionsBot: true,
    });
    expect(message.text).toBe('签收 PY202501010001');
    const group = runtime.port.groupOf(message.conversation);
    expect(group?.id).toBe('zjj');
    expect(runtime.port.identify(group!, message.sender)?.id).toBe('zjj-li');
  });

  it('acts on a command word without a mention, and ignores other room talk', async () => {
    const room = wx.mocker.RoomMock.load('zjj-room@chatroom');
    wx.says(people().li, '大家辛苦了', room);
    const chatter = wx.lastMessageId();
    wx.says(people().li, '办结 PY202501010001 已修好', room);
    const command = wx.lastMessageId();
    expect(await decided(command)).toMatchObject({ text: '办结 PY202501010001 已修好', mentionsBot: false });
    expect(await decided(chatter)).toMatchObject({ fields: { reason: 'room-chatter' } });
  });

  it('knows a member listed by name only, and nobody else, by their name', async () => {
    const room = wx.mocker.RoomMock.load('zjj-room@chatroom');
    wx.says(people().wang, '签收 PY202501010001', room);
    const byName = (await decided(wx.lastMessageId())) as InboundMessage;
    wx.says(people().stranger, '签收 PY202501010001', room);
    const stranger = (await decided(wx.lastMessageId())) as InboundMessage;
    const group = runtime.port.groupOf(byName.conversation)!;
    expect(runtime.port.identify(group, byName.sender)?.id).toBe('zjj-wang');
    expect(runtime.port.identify(group, stranger.sender)).toBeUndefined();
    expect(logger.lines.at(-1)?.fields).toEqual({ group: 'zjj', contactId: 'wxid_stranger' });
  });

  it('ignores rooms no group is bound to', async () => {
    wx.says(people().li, '签收 PY202501010001', wx.mocker.RoomMock.load('owners@chatroom'), true);
    expect(await decided(wx.lastMessageId())).toMatchObject({ fields: { reason: 'unbound-room' } });
    wx.says(people().li, '办结 PY202501010001 好了', wx.mocker.RoomMock.load('owners@chatroom'));
    await decided(wx.lastMessageId());
    // The operator learns the room's id, to bind it if it should be, once.
    const told = logger.lines.filter((l) => l.message === 'WeChat room not bound to any group');
    expect(told.map((l) => l.fields)).toEqual([{ roomId: 'owners@chatroom', topic: '小区业主群' }]);
  });

  it('processes a message WeChat delivers twice once', async () => {
    wx.says(people().resident, '补充一下，是3号楼');
    const id = wx.lastMessageId();
    await decided(id);
    wx.redeliver(id);
    wx.says(people().resident, '谢谢');
    await decided(wx.lastMessageId());
    expect(received.filter((m) => m.id === id)).toHaveLength(1);
  });

  it('saves an image under the data directory and attaches it', async () => {
    wx.sendsFile(people().resident, 'photo.jpg', Buffer.from('not really a jpeg'));
    const message = (await decided(wx.lastMessageId())) as InboundMessage;
    const attachment = message.attachments[0]!;
    expect(message.text).toBe('');
    expect(attachment).toMatchObject({ kind: 'image', size: 17 });
    expect(attachment.ref).toMatch(/^attachments\/wechat\/\d{4}-\d{2}-\d{2}\/.+-photo\.jpg$/);
    expect(await readFile(path.join(dataDir, attachment.ref), 'utf8')).toBe('not really a jpeg');
  });

  it('turns down a file over the limit politely and keeps nothing', async () => {
    const from = wx.said.length;
    wx.sendsFile(people().resident, 'scan.pdf', 2_048);
    const id = wx.lastMessageId();
    const notice = await wx.waitForSaid('wxid_resident_1', /文件太大/, { from });
    expect(notice.text).toMatch(/文件太大（超过 1KB）.*压缩/);
    expect(received.find((m) => m.id === id)).toBeUndefined();
  });

  it('passes a voice message on as audio with no text, for the app to ask for text', async () => {
    wx.sendsFile(people().resident, 'voice.silk', Buffer.from('silk'));
    const message = (await decided(wx.lastMessageId())) as InboundMessage;
    expect(message).toMatchObject({ text: '', attachments: [{ kind: 'audio' }] });
  });

  it.each([
    [types.Message.Url, 'link', { kind: 'link', ref: 'https://mock.url' }],
    [types.Message.MiniProgram, 'mini', { kind: 'link' }],
    [types.Message.Emoticon, 'sticker', { kind: 'sticker' }],
    [types.Message.Location, 'place', { kind: 'location', text: expect.stringContaining('海淀区') }],
  ] as const)('passes a message of type %s on as an attachment', async (type, id, attachment) => {
    wx.sendsKind(people().resident, type, `kind-${id}`);
    expect(await decided(`kind-${id}`)).toMatchObject({ text: '', attachments: [attachment] });
  });

  it('says a dispatch in the bound room, @-mentioning the handler, and ignores its own message', async () => {
    const { port } = runtime;
    const group = port.groupOf('wechat:room:zjj-room@chatroom')!;
    const conversation = port.groupConversation(group)!;
    expect(conversation).toBe('wechat:room:zjj-room@chatroom');
    const from = wx.said.length;
    const mentions = port.mentionIds(group.members.filter((m) => m.handler));
    await port.send({ channel: 'wechat', conversation, text: '【新工单】PY202501010001', mentions }, 'out-1');
    const said = await wx.waitForSaid('zjj-room@chatroom', /PY202501010001/, { from });
    expect(said.text).toMatch(/^@李建国\s+【新工单】/);
    await decided(wx.lastMessageId());
    expect(received.some((m) => m.text.includes('【新工单】'))).toBe(false);
    // The same outbox key again (a retry after success) is not said twice.
    await port.send({ channel: 'wechat', conversation, text: '【新工单】PY202501010001', mentions }, 'out-1');
    expect(wx.said.slice(from).filter((s) => s.text.includes('【新工单】'))).toHaveLength(1);
  });

  it('finds a topic-bound room it has not heard from yet, and a room bound by id', async () => {
    const { port } = runtime;
    const supervisors = port.groupOf('wechat:topic:平邑12345·督查室')!;
    expect(supervisors.id).toBe('supervisors');
    await port.send(
      { channel: 'wechat', conversation: port.groupConversation(supervisors)!, text: '督办提醒' },
      'out-2',
    );
    await wx.waitForSaid('sup-room@chatroom', /督办提醒/);
    expect(port.groupConversation(supervisors)).toBe('wechat:room:sup-room@chatroom');
    const staff = port.groupOf(`wechat:room:${STAFF_ROOM_ID}`);
    expect(staff?.id).toBe('staff');
  });

  it('pauses sending on logout and resumes on login', async () => {
    await wx.logout();
    await until(() => !runtime.canSend(), 'logout');
    expect(sendability.at(-1)).toBe(false);
    expect(runtime.status().state).toBe('logged-out');
    await expect(
      runtime.port.send(
        { channel: 'wechat', conversation: 'wechat:dm:wxid_resident_1', text: '稍后' },
        'out-3',
      ),
    ).rejects.toThrow(/not logged in/);
    wx.login();
    await until(() => runtime.canSend(), 'login again');
    expect(sendability.at(-1)).toBe(true);
    await runtime.port.send(
      { channel: 'wechat', conversation: 'wechat:dm:wxid_resident_1', text: '稍后' },
      'out-3',
    );
    await wx.waitForSaid('wxid_resident_1', /稍后/);
  });

  it('stops, keeping the login (memory card) under the data directory, not the working directory', async () => {
    // What a real puppet does with its session: the mock does not, so play it here.
    await wx.puppet.memory.set('session', 'saved login');
    await wx.puppet.memory.save();
    await runtime.stop();
    expect(runtime.status().state).toBe('offline');
    expect(runtime.canSend()).toBe(false);
    expect(existsSync(path.join(dataDir, 'wechat', 'hotline.memory-card.json'))).toBe(true);
    expect(existsSync(path.join(process.cwd(), 'hotline.memory-card.json'))).toBe(false);
  });
});
