import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WechatSnapshot } from '../../../adapters/wechat/message-snapshot.js';
import { type IgnoreReason, toInbound } from '../../../adapters/wechat/to-inbound.js';

/** Recorded on the mock WeChat by message-snapshot.test.ts. */
const SNAPSHOTS = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/wechat/snapshots.json'), 'utf8'),
) as Record<string, WechatSnapshot>;

const BOUND_TOPIC = '平邑12345·县住建局';
const context = { roomBound: (room: { id: string; topic: string }) => room.topic === BOUND_TOPIC };
const ref = (scene: string) => `wechat-message:wx-${scene}`;
const DM = 'wechat:dm:wxid_resident_a';
const ROOM = 'wechat:room:18283849581@chatroom';

type Expected =
  | { readonly ignore: IgnoreReason }
  | { readonly receive: Record<string, unknown>; readonly download?: boolean };

const TABLE: readonly (readonly [string, Expected])[] = [
  [
    'dm-text',
    {
      receive: {
        conversation: DM,
        isGroup: false,
        text: '阳光小区北门的路灯坏了，晚上很黑',
        attachments: [],
      },
    },
  ],
  ['dm-blank', { ignore: 'empty' }],
  [
    'dm-text-from-remarked-contact',
    {
      receive: {
        conversation: 'wechat:dm:wxid_resident_b',
        sender: { id: 'wxid_resident_b', name: '晓雨', altIds: ['城东-李女士'] },
      },
    },
  ],
  [
    'dm-image',
    { receive: { text: '', attachments: [{ kind: 'image', ref: ref('dm-image') }] }, download: true },
  ],
  [
    'dm-file',
    { receive: { text: '', attachments: [{ kind: 'file', ref: ref('dm-file') }] }, download: true },
  ],
  [
    'dm-video',
    { receive: { text: '', attachments: [{ kind: 'video', ref: ref('dm-video') }] }, download: true },
  ],
  [
    'dm-voice',
    { receive: { text: '', attachments: [{ kind: 'audio', ref: ref('dm-voice') }] }, download: true },
  ],
  [
    'dm-link',
    { receive: { attachments: [{ kind: 'link', ref: 'https://mock.url', name: 'mock title for link' }] } },
  ],
  [
    'dm-mini-program',
    {
      receive: { attachments: [{ kind: 'link', ref: ref('dm-mini-program'), name: 'mock title for mini' }] },
    },
  ],
  ['dm-emoticon', { receive: { text: '', attachments: [{ kind: 'sticker', ref: ref('dm-emoticon') }] } }],
  [
    'dm-location',
    {
      receive: {
        attachments: [
          { kind: 'location', text: '东升乡人民政府(海淀区成府路45号) 北京市北京市海淀区45 Chengfu Rd' },
        ],
      },
    },
  ],
  ['dm-contact-card', { ignore: 'unsupported' }],
  ['dm-transfer', { ignore: 'unsupported' }],
  ['dm-recalled', { ignore: 'unsupported' }],
  [
    'room-mention-command',
    {
      receive: {
        conversation: ROOM,
        isGroup: true,
        mentionsBot: true,
        text: '签收 PY202503030001',
        attachments: [],
      },
    },
  ],
  ['room-mention-only', { receive: { conversation: ROOM, mentionsBot: true, text: '这个单子怎么处理' } }],
  [
    'room-command',
    { receive: { conversation: ROOM, mentionsBot: false, text: '办结 PY202503030001 已安排人员修复' } },
  ],
  ['room-chatter', { ignore: 'room-chatter' }],
  ['room-file', { ignore: 'room-chatter' }],
  ['unbound-room-mention', { ignore: 'unbound-room' }],
  ['own-dm', { ignore: 'own-message' }],
  ['own-room', { ignore: 'own-message' }],
];

describe('WeChat messages to inbound messages', () => {
  it('has a row for every recorded snapshot', () => {
    expect(TABLE.map(([scene]) => scene).sort()).toEqual(Object.keys(SNAPSHOTS).sort());
  });

  it.each(TABLE)('%s', (scene, expected) => {
    const snapshot = SNAPSHOTS[scene]!;
    const plan = toInbound(snapshot, context);
    if ('ignore' in expected) {
      expect(plan).toEqual({ action: 'ignore', reason: expected.ignore });
      return;
    }
    expect(plan.action).toBe('receive');
    if (plan.action !== 'receive') return;
    expect(plan.download).toBe(expected.download ?? false);
    expect(plan.message).toMatchObject({
      channel: 'wechat',
      id: snapshot.id,
      sender: { id: snapshot.talker.id },
      receivedAt: new Date(snapshot.date),
      ...expected.receive,
    });
  });

  it('keeps the room nickname and remark as other names of the sender, not the name twice', () => {
    const snapshot: WechatSnapshot = {
      ...SNAPSHOTS['room-command']!,
      talker: { id: 'wxid_x', name: '王海燕', alias: '王海燕', roomAlias: '住建局-王海燕' },
    };
    const plan = toInbound(snapshot, context);
    expect(plan.action === 'receive' && plan.message.sender).toEqual({
      id: 'wxid_x',
      name: '王海燕',
      altIds: ['住建局-王海燕'],
    });
  });

  it('acts on a command word after leading spaces, but not on one in the middle of room talk', () => {
    const base = SNAPSHOTS['room-chatter']!;
    const at = (text: string) => toInbound({ ...base, text, mentionText: text }, context).action;
    expect(at('  查询 PY202503030001')).toBe('receive');
    expect(at('请大家尽快签收')).toBe('ignore');
  });
});
