import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { DECLINE_REPLIES, type InboundDecision, toInbound } from '../../../adapters/feishu/to-inbound.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/feishu');
const BOT = 'ou_3a7f0c9d2b6e4f18a5c7d9e1b3f50a42';
const DEPT = 'oc_5b1cadb1a240f1cd0240b5aac5667502';
const P2P = 'oc_8e3d1c7a9f2b4e6d0a5c8b1f7e9d3a26';
const NOW = new Date('2026-11-26T02:00:00Z');

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** The event exactly as the SDK's dispatcher hands it to a handler (header and event merged). */
async function delivered(name: string): Promise<unknown> {
  const envelope: unknown = JSON.parse(await readFile(path.join(FIXTURES, `${name}.json`), 'utf8'));
  let data: unknown;
  const dispatcher = new lark.EventDispatcher({ logger: quiet }).register({
    'im.message.receive_v1': async (d: unknown) => {
      data = d;
    },
  });
  await dispatcher.invoke(envelope, { needCheck: false });
  return data;
}

const decide = async (name: string): Promise<InboundDecision> =>
  toInbound(await delivered(name), { botOpenId: BOT, isBoundGroup: (chat) => chat === DEPT, now: NOW });

type Expected =
  | {
      kind: 'message';
      conversation: string;
      isGroup: boolean;
      text: string;
      mentionsBot: boolean;
      attachments?: unknown[];
    }
  | { kind: 'decline'; reply: string }
  | { kind: 'ignore'; reason: RegExp };

const CASES: [string, Expected][] = [
  [
    'p2p-text',
    {
      kind: 'message',
      conversation: `feishu:${P2P}`,
      isGroup: false,
      mentionsBot: false,
      text: '你好，我们小区门口那盏路灯坏了快一个礼拜了，晚上出门黑乎乎的',
    },
  ],
  [
    'p2p-post',
    {
      kind: 'message',
      conversation: `feishu:${P2P}`,
      isGroup: false,
      mentionsBot: false,
      text: '噪音问题\n夜里十一点以后楼下工地还在施工，吵得睡不着\n照片见下，施工公示 https://example.gov.cn/notice/17',
      attachments: [{ kind: 'image', ref: 'img_v3_02ab_5c1e9f2d-7b3a-4e8c-9d0f-1a2b3c4d5e6g' }],
    },
  ],
  [
    'p2p-image',
    {
      kind: 'message',
      conversation: `feishu:${P2P}`,
      isGroup: false,
      mentionsBot: false,
      text: '',
      attachments: [{ kind: 'image', ref: 'img_v3_02ab_8d7e6f5a-4b3c-2d1e-0f9a-8b7c6d5e4f3g' }],
    },
  ],
  [
    'p2p-file',
    {
      kind: 'message',
      conversation: `feishu:${P2P}`,
      isGroup: false,
      mentionsBot: false,
      text: '',
      attachments: [
        { kind: 'file', ref: 'file_v3_00ab_1f2e3d4c-5b6a-7988-a7b6-c5d4e3f2a1bg', name: '物业收费通知.pdf' },
      ],
    },
  ],
  [
    'p2p-media',
    {
      kind: 'message',
      conversation: `feishu:${P2P}`,
      isGroup: false,
      mentionsBot: false,
      text: '',
      attachments: [
        { kind: 'video', ref: 'file_v3_00ab_9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5dg', name: '积水.mp4' },
      ],
    },
  ],
  [
    'p2p-location',
    {
      kind: 'message',
      conversation: `feishu:${P2P}`,
      isGroup: false,
      mentionsBot: false,
      text: '平邑县城东街道阳光花园小区北门',
      attachments: [
        { kind: 'location', ref: 'geo:35.5083,117.6412', text: '平邑县城东街道阳光花园小区北门' },
      ],
    },
  ],
  ['p2p-audio', { kind: 'decline', reply: DECLINE_REPLIES.audio }],
  ['p2p-sticker', { kind: 'decline', reply: DECLINE_REPLIES.sticker }],
  ['p2p-share-chat', { kind: 'decline', reply: DECLINE_REPLIES.other }],
  [
    'group-mention-command',
    {
      kind: 'message',
      conversation: `feishu:${DEPT}`,
      isGroup: true,
      mentionsBot: true,
      text: '签收 PY202611260007',
    },
  ],
  [
    'group-command',
    {
      kind: 'message',
      conversation: `feishu:${DEPT}`,
      isGroup: true,
      mentionsBot: false,
      text: '办结 PY202611260007 已安排人员更换灯泡，今晚恢复照明',
    },
  ],
  [
    'group-mention-help',
    { kind: 'message', conversation: `feishu:${DEPT}`, isGroup: true, mentionsBot: true, text: '' },
  ],
  // In a group, pictures of a rich-text message are not taken: only the command counts.
  [
    'group-post-mention',
    {
      kind: 'message',
      conversation: `feishu:${DEPT}`,
      isGroup: true,
      mentionsBot: true,
      text: '退回 PY202611260007 该路段由交通局负责 @王海燕',
      attachments: [],
    },
  ],
  ['group-chatter', { kind: 'ignore', reason: /not addressed/ }],
  ['group-mention-other', { kind: 'ignore', reason: /not addressed/ }],
  ['group-image', { kind: 'ignore', reason: /image message in a group/ }],
  ['group-unbound', { kind: 'ignore', reason: /not bound/ }],
  ['bot-own-message', { kind: 'ignore', reason: /own message/ }],
];

describe('toInbound: recorded Feishu message events', () => {
  it.each(CASES)('%s', async (name, expected) => {
    const decision = await decide(name);
    expect(decision.kind).toBe(expected.kind);
    if (decision.kind === 'message' && expected.kind === 'message') {
      const { message } = decision;
      expect(message).toMatchObject({
        channel: 'feishu',
        conversation: expected.conversation,
        isGroup: expected.isGroup,
        text: expected.text,
        mentionsBot: expected.mentionsBot,
      });
      expect(message.id).toMatch(/^om_[0-9a-f]{32}$/);
      expect(message.sender.id).toMatch(/^ou_/);
      expect(message.receivedAt.getTime()).toBeGreaterThan(1_700_000_000_000);
      if (expected.attachments) expect(message.attachments).toEqual(expected.attachments);
      for (const download of decision.downloads) {
        expect(message.attachments[download.index]?.ref).toBe(download.key);
        expect(download.messageId).toBe(message.id);
      }
    }
    if (decision.kind === 'decline' && expected.kind === 'decline') {
      expect(decision.reply).toBe(expected.reply);
      expect(decision.chatId).toBe(P2P);
    }
    if (decision.kind === 'ignore' && expected.kind === 'ignore')
      expect(decision.reason).toMatch(expected.reason);
  });

  it('downloads a picture as an image and a file or video as a file', async () => {
    const kinds = await Promise.all(
      ['p2p-image', 'p2p-file', 'p2p-media', 'p2p-post'].map(async (name) => {
        const d = await decide(name);
        return d.kind === 'message' ? d.downloads.map((x) => x.type) : [];
      }),
    );
    expect(kinds).toEqual([['image'], ['file'], ['file'], ['image']]);
  });

  it('keeps the official’s other ids so the directory can match them by user_id too', async () => {
    const d = await decide('group-mention-command');
    expect(d.kind === 'message' && d.message.sender).toEqual({
      id: 'ou_966955c3fc90aa3c8bed7b616f80ff4b',
      altIds: ['5e1f2a3b', 'on_966955c3fc90aa3c8bed7b616f80ff4b'],
    });
  });

  it('recognises the bot by its open_id, not by its display name', async () => {
    const data = await delivered('group-mention-help');
    const impostor = toInbound(data, { botOpenId: 'ou_someone_else', isBoundGroup: () => true, now: NOW });
    expect(impostor).toMatchObject({ kind: 'ignore', reason: expect.stringMatching(/not addressed/) });
  });

  it.each([
    ['nothing', undefined],
    ['no message', { sender: { sender_type: 'user' } }],
    [
      'no sender id',
      {
        sender: { sender_type: 'user' },
        message: { message_id: 'om_1', chat_id: P2P, chat_type: 'p2p', message_type: 'text', content: '{}' },
      },
    ],
  ])('ignores a malformed event (%s)', (_label, data) => {
    expect(toInbound(data, { botOpenId: BOT, isBoundGroup: () => true, now: NOW }).kind).toBe('ignore');
  });

  it('takes unreadable content as empty text instead of failing', () => {
    const d = toInbound(
      {
        sender: { sender_id: { open_id: 'ou_r' }, sender_type: 'user' },
        message: {
          message_id: 'om_2',
          chat_id: P2P,
          chat_type: 'p2p',
          message_type: 'text',
          content: '{not json',
        },
      },
      { botOpenId: BOT, isBoundGroup: () => false, now: NOW },
    );
    expect(d).toMatchObject({ kind: 'message', message: { text: '', receivedAt: NOW } });
  });
});
