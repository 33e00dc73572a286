import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttachmentFetcher, safeFileName } from '../../../adapters/feishu/feishu-attachments.js';
import { createFeishuClient } from '../../../adapters/feishu/feishu-client.js';
import type { InboundMessage } from '../../../core/messages.js';
import { type FakeFeishu, startFakeFeishu } from '../../fakes/fake-feishu/fake-feishu-server.js';
import { captureLogger } from './capture-logger.js';

const APP_ID = 'cli_a5f2c81e9b7d4036';
let fake: FakeFeishu;
let dir: string;
beforeEach(async () => {
  fake = await startFakeFeishu({ appId: APP_ID, appSecret: 's' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'feishu-att-'));
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const message = (attachments: InboundMessage['attachments']): InboundMessage => ({
  channel: 'feishu',
  conversation: 'feishu:oc_p2p',
  isGroup: false,
  id: 'om_photo1',
  sender: { id: 'ou_r' },
  text: '',
  mentionsBot: false,
  attachments,
  receivedAt: new Date(),
});

describe('feishu attachments', () => {
  it('stores a picture under the folder with its type’s extension; one too large keeps its key', async () => {
    fake.resources.set('img_v3_small', { bytes: Buffer.from('png-bytes'), contentType: 'image/png' });
    fake.resources.set('file_v3_big', { bytes: Buffer.alloc(2048, 7), contentType: 'application/pdf' });
    const log = captureLogger();
    const client = createFeishuClient({
      appId: APP_ID,
      appSecret: 's',
      domain: fake.url,
      logger: log.logger,
    });
    const fetch = createAttachmentFetcher({ client, dir, logger: log.logger, maxBytes: 1024 });
    const stored = await fetch(
      message([
        { kind: 'image', ref: 'img_v3_small' },
        { kind: 'file', ref: 'file_v3_big', name: '材料.pdf' },
      ]),
      [
        { index: 0, messageId: 'om_photo1', key: 'img_v3_small', type: 'image' },
        { index: 1, messageId: 'om_photo1', key: 'file_v3_big', type: 'file' },
      ],
    );
    const [image, file] = stored.attachments;
    expect(image).toEqual({ kind: 'image', ref: path.join(dir, 'om_photo1-img_v3_small.png'), size: 9 });
    expect(await readFile(image!.ref, 'utf8')).toBe('png-bytes');
    expect(file).toEqual({ kind: 'file', ref: 'file_v3_big', name: '材料.pdf' });
    expect(await readdir(dir)).toEqual(['om_photo1-img_v3_small.png']);
    expect(log.lines.some((l) => l.message.includes('keeping its key'))).toBe(true);
  });

  it.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['om_1-物业 通知.pdf', 'om_1-物业_通知.pdf'],
    ['...', 'file'],
  ])('makes %s a safe file name (%s)', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
