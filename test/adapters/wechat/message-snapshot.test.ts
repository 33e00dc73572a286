import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileBox } from 'file-box';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { log, type Message, types, type Wechaty, WechatyBuilder } from 'wechaty';
import { snapshotMessage, type WechatSnapshot } from '../../../adapters/wechat/message-snapshot.js';
import { createMockWechat, type MockWechat } from './mock-wechat.js';

/**
 * Plays each scene on the mock WeChat and takes the snapshot the adapter works from. The recorded
 * snapshots (test/fixtures/wechat/snapshots.json) feed the to-inbound table; set
 * RECORD_WECHAT_FIXTURES=1 to record them again.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/wechat/snapshots.json');
const RECORDED_AT = '2025-03-03T02:15:00.000Z';
const RECORD = process.env.RECORD_WECHAT_FIXTURES === '1';

type Scene = (wx: MockWechat) => void;

const SCENES: Record<string, Scene> = {
  'dm-text': (wx) => wx.says(resident(wx), '阳光小区北门的路灯坏了，晚上很黑'),
  'dm-blank': (wx) => wx.says(resident(wx), '   '),
  'dm-text-from-remarked-contact': (wx) => wx.says(remarked(wx), '我上周反映的事有结果了吗'),
  'dm-image': (wx) => wx.sendsFile(resident(wx), 'photo.jpg', Buffer.from('jpeg bytes')),
  'dm-file': (wx) => wx.sendsFile(resident(wx), '情况说明.pdf', Buffer.from('pdf bytes')),
  'dm-video': (wx) => wx.sendsFile(resident(wx), 'clip.mp4', Buffer.from('mp4 bytes')),
  'dm-voice': (wx) => wx.sendsFile(resident(wx), 'voice.silk', Buffer.from('silk bytes')),
  'dm-link': (wx) => wx.sendsKind(resident(wx), types.Message.Url, 'link'),
  'dm-mini-program': (wx) => wx.sendsKind(resident(wx), types.Message.MiniProgram, 'mini'),
  'dm-emoticon': (wx) => wx.sendsKind(resident(wx), types.Message.Emoticon, 'emoticon'),
  'dm-location': (wx) => wx.sendsKind(resident(wx), types.Message.Location, 'location'),
  'dm-contact-card': (wx) => wx.sendsKind(resident(wx), types.Message.Contact, 'card'),
  'dm-transfer': (wx) => wx.sendsKind(resident(wx), types.Message.Transfer, 'transfer'),
  'dm-recalled': (wx) => wx.sendsKind(resident(wx), types.Message.Recalled, 'recalled'),
  'room-mention-command': (wx) => wx.says(official(wx), '签收 PY202503030001', deptRoom(wx), true),
  'room-mention-only': (wx) => wx.says(official(wx), '这个单子怎么处理', deptRoom(wx), true),
  'room-command': (wx) => wx.says(official(wx), '办结 PY202503030001 已安排人员修复', deptRoom(wx)),
  'room-chatter': (wx) => wx.says(official(wx), '收到，下午过去看看', deptRoom(wx)),
  'room-file': (wx) => official(wx).say(FileBox.fromBase64('anBlZw==', 'site.jpg')).to(deptRoom(wx)),
  'unbound-room-mention': (wx) => wx.says(official(wx), '签收 PY202503030001', otherRoom(wx), true),
  'own-dm': (wx) => wx.bot.say('您好，请问具体位置在哪里？').to(resident(wx)),
  'own-room': (wx) => wx.bot.say('【新工单】PY202503030001').to(deptRoom(wx)),
};

const resident = (wx: MockWechat) => wx.mocker.ContactMock.load('wxid_resident_a');
const remarked = (wx: MockWechat) => wx.mocker.ContactMock.load('wxid_resident_b');
const official = (wx: MockWechat) => wx.mocker.ContactMock.load('wxid_r6qp5ctgyxsj7k');
const deptRoom = (wx: MockWechat) => wx.mocker.RoomMock.load('18283849581@chatroom');
const otherRoom = (wx: MockWechat) => wx.mocker.RoomMock.load('19384756123@chatroom');

/** Fixed id and time, so recording again changes nothing that matters. */
function normalize(scene: string, snapshot: WechatSnapshot): WechatSnapshot {
  return { ...snapshot, id: `wx-${scene}`, date: RECORDED_AT };
}

describe('snapshots of wechaty messages', () => {
  let wx: MockWechat;
  let bot: Wechaty;
  const taken = new Map<string, WechatSnapshot>();
  let waiting: ((message: Message) => void) | undefined;

  beforeAll(async () => {
    log.level('silent');
    wx = createMockWechat();
    const ids = ['wxid_resident_a', 'wxid_resident_b', 'wxid_r6qp5ctgyxsj7k'];
    wx.person(ids[0]!, '张大爷');
    wx.mocker.createContact({ id: ids[1]!, name: '晓雨', alias: '城东-李女士' });
    const li = wx.person(ids[2]!, '李建国');
    wx.room('平邑12345·县住建局', [li], '18283849581@chatroom');
    wx.room('小区业主群', [li], '19384756123@chatroom');
    bot = WechatyBuilder.build({ puppet: wx.puppet });
    bot.on('message', (message) => waiting?.(message));
    await bot.start();
    wx.login();
    for (const [scene, play] of Object.entries(SCENES)) {
      const message = await new Promise<Message>((resolve) => {
        waiting = resolve;
        play(wx);
      });
      taken.set(scene, normalize(scene, await snapshotMessage(message)));
    }
    if (RECORD) await writeFile(FIXTURES, `${JSON.stringify(Object.fromEntries(taken), null, 2)}\n`);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('match the recorded fixtures', async () => {
    const recorded = JSON.parse(await readFile(FIXTURES, 'utf8')) as Record<string, WechatSnapshot>;
    expect(Object.fromEntries(taken)).toEqual(recorded);
  });

  it('take the mention out of the text and flag it', () => {
    const snapshot = taken.get('room-mention-command')!;
    expect(snapshot.text).toBe('@平邑12345热线\u2005签收 PY202503030001');
    expect(snapshot).toMatchObject({ mentionSelf: true, mentionText: '签收 PY202503030001' });
    expect(taken.get('room-command')).toMatchObject({ mentionSelf: false });
  });

  it('name the kinds of messages and mark the bot’s own', () => {
    const kinds = Object.fromEntries([...taken].map(([scene, s]) => [scene, s.kind]));
    expect(kinds).toMatchObject({
      'dm-image': 'image',
      'dm-file': 'file',
      'dm-video': 'video',
      'dm-voice': 'voice',
      'dm-link': 'link',
      'dm-location': 'location',
      'dm-transfer': 'money',
    });
    expect(taken.get('own-dm')?.self).toBe(true);
    expect(taken.get('dm-text')?.self).toBe(false);
    expect(taken.get('dm-text-from-remarked-contact')?.talker).toEqual({
      id: 'wxid_resident_b',
      name: '晓雨',
      alias: '城东-李女士',
    });
  });
});
