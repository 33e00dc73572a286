import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFeishuClient,
  type FeishuApiError,
  type FeishuClient,
} from '../../../adapters/feishu/feishu-client.js';
import { type FakeFeishu, startFakeFeishu } from '../../fakes/fake-feishu/fake-feishu-server.js';
import { captureLogger } from './capture-logger.js';

const APP_ID = 'cli_a5f2c81e9b7d4036';
const APP_SECRET = 'secret-for-the-fake';

let fake: FakeFeishu;
let client: FeishuClient;
let log: ReturnType<typeof captureLogger>;
beforeEach(async () => {
  fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET });
  log = captureLogger();
  client = createFeishuClient({ appId: APP_ID, appSecret: APP_SECRET, domain: fake.url, logger: log.logger });
});
afterEach(async () => {
  await fake.close();
});

const text = (t: string) => JSON.stringify({ text: t });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as FeishuApiError,
  );

describe('feishu client against the fake Open API', () => {
  it('knows the bot by the open_id bot/v3/info gives at the top level', async () => {
    expect(await client.botOpenId()).toBe(fake.botOpenId);
  });

  it('sends once per uuid and returns the message id', async () => {
    const first = await client.send({
      receiveId: 'oc_dept',
      msgType: 'text',
      content: text('一'),
      uuid: 'out-1',
    });
    const again = await client.send({
      receiveId: 'oc_dept',
      msgType: 'text',
      content: text('一'),
      uuid: 'out-1',
    });
    expect(again).toBe(first);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ receive_id: 'oc_dept', receive_id_type: 'chat_id', uuid: 'out-1' });
  });

  it('after Feishu refuses the cached token, fetches a new one and sends (once)', async () => {
    await client.send({ receiveId: 'oc_x', msgType: 'text', content: text('a') });
    fake.expireToken();
    await client.send({ receiveId: 'oc_x', msgType: 'text', content: text('b') });
    expect(fake.tokenRequests).toBe(2);
    expect(fake.sent.map((m) => m.content)).toEqual([{ text: 'a' }, { text: 'b' }]);
    // The same when the refusal comes as HTTP 200 with the code in the body.
    fake.expireToken({ httpStatus: 200 });
    await client.send({ receiveId: 'oc_x', msgType: 'text', content: text('c') });
    expect(fake.tokenRequests).toBe(3);
  });

  it.each([
    [230002, 'Bot/User can NOT be out of the chat.', false],
    [230001, 'invalid receive_id', false],
    [99991400, 'request trigger frequency limit', true],
    [230020, 'message trigger rate limit', true],
  ])(
    'an answer with code %i is an error (retryable: %s), logged with code and msg',
    async (code, msg, retryable) => {
      fake.failNext(code, msg);
      const error = await failure(
        client.send({ receiveId: 'oc_gone', msgType: 'text', content: text('在吗') }),
      );
      expect(error).toMatchObject({ name: 'FeishuApiError', code, retryable, httpStatus: 200 });
      expect(log.lines.find((l) => l.message === 'feishu api call failed')?.fields).toMatchObject({
        code,
        feishuMsg: msg,
      });
      expect(fake.sent).toHaveLength(0);
    },
  );

  it('a server that cannot be reached is worth retrying', async () => {
    const gone = createFeishuClient({
      appId: APP_ID,
      appSecret: APP_SECRET,
      domain: 'http://127.0.0.1:9',
      logger: log.logger,
    });
    expect(await failure(gone.send({ receiveId: 'oc', msgType: 'text', content: text('x') }))).toMatchObject({
      retryable: true,
    });
  });

  it('patches a card it sent; patching something else fails for good', async () => {
    const id = await client.send({
      receiveId: 'oc_dept',
      msgType: 'interactive',
      content: JSON.stringify({ schema: '2.0' }),
    });
    await client.patch(id, JSON.stringify({ schema: '2.0', header: {} }));
    expect(fake.patched).toEqual([{ message_id: id, content: { schema: '2.0', header: {} } }]);
    expect(await failure(client.patch('om_unknown', '{}'))).toMatchObject({ retryable: false });
  });

  describe('downloads', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'feishu-dl-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('stores a resource and tells its size and type', async () => {
      fake.resources.set('img_v3_photo', {
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]),
        contentType: 'image/png',
      });
      const dest = path.join(dir, 'photo');
      const stored = await client.download(
        { messageId: 'om_1', key: 'img_v3_photo', type: 'image' },
        dest,
        1024,
      );
      expect(stored).toEqual({ bytes: 6, contentType: 'image/png' });
      expect(await readFile(dest)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]));
    });

    it('refuses one over the limit and leaves nothing behind', async () => {
      fake.resources.set('file_big', { bytes: Buffer.alloc(4096, 1), contentType: 'application/pdf' });
      await expect(
        client.download({ messageId: 'om_1', key: 'file_big', type: 'file' }, path.join(dir, 'big'), 1000),
      ).rejects.toThrow(/larger than 1000 bytes/);
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
