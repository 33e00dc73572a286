import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWechatConfig } from '../../adapters/wechat/wechat-config.js';
import { createWechatRuntime, type WechatRuntime } from '../../adapters/wechat/wechat-runtime.js';
import type { Directory } from '../../core/directory/directory-schema.js';
import { createMockWechat, type MockWechat } from '../adapters/wechat/mock-wechat.js';
import { wechatTestDirectory } from '../adapters/wechat/wechat-directory.js';
import { startTestHotline, type TestHotline } from '../support/test-hotline.js';

const NUMBER = /PY\d{12}/;
const INTERVAL_MS = 100;

/** Every group bound on WeChat gets a room in the mock, with its members in it, and a stranger. */
function playCounty(wx: MockWechat, directory: Directory) {
  const stranger = wx.person('wxid_passer_by', '路人甲');
  const contacts = new Map<string, ReturnType<MockWechat['person']>>();
  const roomOf = new Map<string, string>();
  const groups = [
    directory.staff,
    directory.supervisors,
    ...directory.departments.map((d) => ({ ...d, members: d.officials })),
  ];
  groups.forEach((group, n) => {
    const members = group.members.map((person) => {
      const id = person.wechat?.id ?? `wxid_named_${person.id}`;
      const contact = contacts.get(person.id) ?? wx.person(id, person.wechat?.name ?? person.name);
      contacts.set(person.id, contact);
      return contact;
    });
    const binding = group.chat.wechat;
    if (!binding) return;
    const roomId = binding.roomId ?? `${30_000_000_000 + n}@chatroom`;
    wx.room(binding.topic ?? group.name, [...members, stranger], roomId);
    roomOf.set(group.id, roomId);
  });
  return {
    stranger,
    member: (personId: string) => contacts.get(personId)!,
    roomOf: (groupId: string) => roomOf.get(groupId)!,
  };
}

describe('the whole loop over WeChat (mock puppet, embedded database)', () => {
  let t: TestHotline;
  let wx: MockWechat;
  let runtime: WechatRuntime;
  let dataDir = '';
  let county: ReturnType<typeof playCounty>;

  const ticket = async (number: string) => {
    const found = await t.hotline.store.transaction((tx) => tx.getTicket(number));
    if (!found) throw new Error(`no ticket ${number}`);
    return found;
  };

  beforeAll(async () => {
    wx = createMockWechat();
    const directory = await wechatTestDirectory();
    county = playCounty(wx, directory);
    const config = parseWechatConfig({
      WECHATY_PUPPET: 'wechaty-puppet-mock',
      WECHAT_SEND_INTERVAL: `${INTERVAL_MS}ms`,
      WECHAT_SEND_JITTER: '0',
      WECHATY_LOG: 'silent',
    })!;
    t = await startTestHotline('embedded', directory, async (context) => {
      dataDir = context.dataDir;
      runtime = createWechatRuntime(config, context, { puppet: wx.puppet, printQr: () => undefined });
      return [runtime];
    });
    expect(runtime.status().state).toBe('connecting');
    wx.login();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('takes a complaint from a private chat through the department room back to the resident', async () => {
    const resident = wx.person('wxid_resident_loop', '张大爷');
    const dm = resident.id;
    wx.says(resident, '城东街道阳光小区5号楼门口的路灯坏了好几天，晚上走路很黑');
    const asked = await wx.waitForSaid(dm, /电话/);
    // A photo while the bot waits for the phone number is kept with the order.
    const from = wx.said.indexOf(asked) + 1;
    wx.sendsFile(resident, 'lamp.jpg', Buffer.from('a dark street lamp'));
    await wx.waitForSaid(dm, /电话/, { from });
    wx.says(resident, '13812345678');
    const readBack = await wx.waitForSaid(dm, /确认/);
    expect(readBack.text).toContain('138****5678');
    expect(readBack.text).toMatch(/附件：1 个/);
    wx.says(resident, '确认');
    const number = NUMBER.exec((await wx.waitForSaid(dm, NUMBER)).text)![0];

    const order = await ticket(number);
    expect(order).toMatchObject({ channel: 'wechat', conversation: `wechat:dm:${dm}` });
    expect(order.attachments).toEqual([expect.objectContaining({ kind: 'image' })]);
    expect(existsSync(path.join(dataDir, order.attachments[0]!.ref))).toBe(true);

    // The department room gets the order as text with the commands to copy, the handler @-mentioned.
    const dept = t.directory.departments.find((d) => d.id === order.department)!;
    const room = wx.mocker.RoomMock.load(county.roomOf(dept.id));
    const dispatch = await wx.waitForSaid(room.id, new RegExp(number));
    const handler = dept.officials.find((o) => o.handler) ?? dept.officials[0]!;
    if (dept.officials.some((o) => o.handler))
      expect(dispatch.text.startsWith(`@${handler.name}`)).toBe(true);
    for (const line of [`签收 ${number}`, `办结 ${number}`, order.title, '办结时限'])
      expect(dispatch.text).toContain(line);
    expect(dispatch.text).toContain('138****5678');
    expect(dispatch.text).not.toContain('13812345678');

    // A passer-by in the room is refused and nothing changes; a room no group is bound to is ignored.
    const fromRefusal = wx.said.length;
    wx.says(county.stranger, `签收 ${number}`, room, true);
    await wx.waitForSaid(room.id, /不在本群的办理人员名单/, { from: fromRefusal });
    const unbound = wx.room('阳光小区业主群', [county.member(handler.id)], 'owners-loop@chatroom');
    wx.says(county.member(handler.id), `签收 ${number}`, unbound, true);
    expect((await ticket(number)).status).toBe('dispatched');

    // 签收 with an @-mention, 办结 with the command word alone.
    wx.says(county.member(handler.id), `签收 ${number}`, room, true);
    await wx.waitForSaid(dm, /签收|正在办理/);
    expect((await ticket(number)).status).toBe('accepted');
    wx.says(county.member(handler.id), `办结 ${number} 已更换灯泡，路灯恢复照明`, room);
    await wx.waitForSaid(dm, /已更换灯泡/);

    // The survey comes in the private chat; the answer is recorded and the order closes.
    await wx.waitForSaid(dm, /1 满意/);
    wx.says(resident, '1');
    await wx.waitForSaid(dm, /解决了吗/);
    wx.says(resident, '是的');
    await wx.waitForSaid(dm, /意见或建议/);
    wx.says(resident, '没有');
    await wx.waitForSaid(dm, /感谢/);
    const closed = await ticket(number);
    expect(closed.status).toBe('closed');
    expect(closed.survey).toMatchObject({ result: '满意', resolved: true });

    expect(wx.said.some((s) => s.to === unbound.id)).toBe(false);
    // The bot's own messages come back from WeChat; none was taken for a message to answer.
    expect(wx.said.some((s) => s.to === wx.bot.id)).toBe(false);
  });

  it('processes a message WeChat delivers twice once', async () => {
    const resident = wx.person('wxid_resident_twice', '李阿姨');
    wx.says(resident, '查询');
    const id = wx.lastMessageId();
    await wx.waitForSaid(resident.id, /没有工单/);
    wx.redeliver(id);
    // Messages of one chat are handled in order: once the next one is answered, the repeat was seen.
    wx.says(resident, '谢谢');
    await wx.waitForSaid(resident.id, /不客气/);
    const replies = wx.said.filter((s) => s.to === resident.id).map((s) => s.text);
    expect(replies.filter((text) => /没有工单/.test(text))).toHaveLength(1);
  });

  it('holds messages while logged out and sends them all after login', async () => {
    await wx.logout();
    expect(runtime.status().state).toBe('logged-out');
    const from = wx.said.length;
    const items = [1, 2, 3].map((n) => ({
      kind: 'send' as const,
      message: {
        channel: 'wechat' as const,
        conversation: 'wechat:dm:wxid_resident_loop',
        text: `暂存消息 ${n}`,
      },
    }));
    await t.hotline.store.transaction((tx) => tx.enqueue(items));
    t.hotline.relay.wake();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(wx.said.slice(from)).toEqual([]);
    wx.login();
    await wx.waitForSaid('wxid_resident_loop', /暂存消息 3/, { from });
    expect(wx.said.slice(from).map((s) => s.text)).toEqual(['暂存消息 1', '暂存消息 2', '暂存消息 3']);
  });

  it('the send limiter holds under a burst of 50 outbound messages', async () => {
    const to = 'wxid_resident_burst';
    wx.person(to, '王师傅');
    const items = Array.from({ length: 50 }, (_, n) => ({
      kind: 'send' as const,
      message: { channel: 'wechat' as const, conversation: `wechat:dm:${to}`, text: `第 ${n + 1} 条` },
    }));
    await t.hotline.store.transaction((tx) => tx.enqueue(items));
    t.hotline.relay.wake();
    await wx.waitForSaid(to, /第 \d+ 条/, { timeoutMs: 30_000 });
    const deadline = Date.now() + 30_000;
    while (wx.said.filter((s) => s.to === to).length < 50 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const times = wx.said.filter((s) => s.to === to).map((s) => s.at);
    expect(times).toHaveLength(50);
    const gaps = times.slice(1).map((at, n) => at - times[n]!);
    // Arrival times carry the mock puppet's own event delays under load; without the limiter the gaps
    // are a few milliseconds, so half the interval still tells them apart. The total is exact.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS / 2);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(49 * INTERVAL_MS - 15);
  });
});
