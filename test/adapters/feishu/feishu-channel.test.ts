import path from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCardStore, type FeishuCardStore } from '../../../adapters/feishu/feishu-card-store.js';
import { createFeishuChannel } from '../../../adapters/feishu/feishu-channel.js';
import { createFeishuClient } from '../../../adapters/feishu/feishu-client.js';
import { loadDirectory } from '../../../bots/config/directory-loader.js';
import { type DirectoryIndex, indexDirectory } from '../../../core/directory/directory-index.js';
import type { OutboundMessage } from '../../../core/messages.js';
import type { ChannelPort } from '../../../core/ports/channel-port.js';
import { type FakeFeishu, startFakeFeishu } from '../../fakes/fake-feishu/fake-feishu-server.js';
import { captureLogger } from './capture-logger.js';

const APP_ID = 'cli_a5f2c81e9b7d4036';
const APP_SECRET = 'secret-for-the-fake';
const ZJJ_CHAT = 'oc_5b1cadb1a240f1cd0240b5aac5667502';
const LI = 'ou_966955c3fc90aa3c8bed7b616f80ff4b';
const N = 'PY202611260007';

let directory: DirectoryIndex;
beforeAll(async () => {
  directory = indexDirectory(
    await loadDirectory(path.resolve(import.meta.dirname, '../../../config/county.yaml')),
  );
});

let fake: FakeFeishu;
let cards: FeishuCardStore;
let channel: ChannelPort;
beforeEach(async () => {
  fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET });
  const { logger } = captureLogger();
  cards = createMemoryCardStore();
  const client = createFeishuClient({ appId: APP_ID, appSecret: APP_SECRET, domain: fake.url, logger });
  channel = createFeishuChannel({ client, directory, cards, logger });
});
afterEach(async () => {
  await fake.close();
});

const card = (title: string, overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  channel: 'feishu',
  conversation: `feishu:${ZJJ_CHAT}`,
  text: title,
  card: { title, color: 'blue', fields: [{ label: '工单号', value: N }], ticketNumber: N },
  actions: [{ label: '签收', command: `签收 ${N}` }],
  ...overrides,
});

describe('feishu channel: directory bindings', () => {
  it('binds groups by chat_id both ways', () => {
    const zjj = directory.group('zjj')!;
    expect(channel.groupConversation(zjj)).toBe(`feishu:${ZJJ_CHAT}`);
    expect(channel.groupOf(`feishu:${ZJJ_CHAT}`)?.id).toBe('zjj');
    expect(channel.groupOf('feishu:oc_p2p_resident')).toBeUndefined();
    expect(channel.groupOf(`web:${ZJJ_CHAT}`)).toBeUndefined();
  });

  it.each([
    ['open_id', { id: LI }, 'zjj-li'],
    ['user_id among the other ids', { id: 'ou_unknown', altIds: ['u-1'] }, 'zjj-x'],
    ['someone else', { id: 'ou_966955c3fc90aa3c8bed7b616f80ff4c' }, undefined],
  ])('identifies an official by %s', (_label, sender, expected) => {
    const zjj = directory.group('zjj')!;
    const group = {
      ...zjj,
      members: [...zjj.members, { id: 'zjj-x', name: '许', handler: false, feishu: { userId: 'u-1' } }],
    };
    expect(channel.identify(group, sender)?.id).toBe(expected);
  });

  it('mentions people by open_id, skipping those without a Feishu account', () => {
    const li = directory.person('zjj-li')!.person;
    expect(channel.mentionIds([li, { id: 'nobody', name: '无', handler: false }])).toEqual([LI]);
  });
});

describe('feishu channel: sending', () => {
  it('sends text to the chat with the send key as uuid', async () => {
    await channel.send({ channel: 'feishu', conversation: 'feishu:oc_p2p_1', text: '已受理' }, 'out-7');
    expect(fake.sent).toMatchObject([
      { receive_id: 'oc_p2p_1', msg_type: 'text', content: { text: '已受理' }, uuid: 'out-7' },
    ]);
  });

  it('posts a card, then updates that same card in place', async () => {
    await channel.send(card(`新工单 ${N}`), 'out-1');
    const posted = fake.sent[0]!;
    expect(posted.msg_type).toBe('interactive');
    expect(await cards.find(ZJJ_CHAT, N)).toBe(posted.message_id);
    await channel.updateCard!(card(`办理中 ${N}`, { updatesCard: true }), 'out-2');
    expect(fake.sent).toHaveLength(1);
    expect(fake.patched).toMatchObject([
      { message_id: posted.message_id, content: { header: { title: { content: `办理中 ${N}` } } } },
    ]);
  });

  it('with no card known for the order, updating posts a new one', async () => {
    await channel.updateCard!(card(`办理中 ${N}`, { updatesCard: true }), 'out-3');
    expect(fake.sent).toHaveLength(1);
    expect(await cards.find(ZJJ_CHAT, N)).toBe(fake.sent[0]!.message_id);
  });

  it('when the known card cannot be edited any more, posts a new one', async () => {
    await cards.remember(ZJJ_CHAT, N, 'om_deleted_long_ago');
    await channel.updateCard!(card(`已答复 ${N}`, { updatesCard: true }), 'out-4');
    expect(fake.sent).toHaveLength(1);
    expect(await cards.find(ZJJ_CHAT, N)).toBe(fake.sent[0]!.message_id);
  });

  it('a permanent refusal stops retries; a rate limit is left to retry', async () => {
    fake.failNext(230002, 'Bot/User can NOT be out of the chat.');
    await expect(channel.send(card('x'), 'out-5')).rejects.toBeInstanceOf(UnrecoverableError);
    fake.failNext(99991400, 'request trigger frequency limit');
    const error = await channel.send(card('x'), 'out-6').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(error).toMatchObject({ retryable: true });
    await channel.send(card('x'), 'out-6');
    expect(fake.sent).toHaveLength(1);
  });

  it('refuses for good a conversation that is not Feishu’s', async () => {
    await expect(
      channel.send({ channel: 'feishu', conversation: 'web:r-1', text: 'x' }, 'k'),
    ).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('keeps a long send key within Feishu’s 50-character uuid, the same each time', async () => {
    const key = `out-${'9'.repeat(80)}`;
    await channel.send({ channel: 'feishu', conversation: 'feishu:oc_1', text: 'a' }, key);
    await channel.send({ channel: 'feishu', conversation: 'feishu:oc_1', text: 'a' }, key);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.uuid!.length).toBeLessThanOrEqual(50);
  });
});
