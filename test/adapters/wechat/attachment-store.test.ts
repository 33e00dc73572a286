import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileBox } from 'file-box';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAttachmentStore,
  type FileSource,
  safeFileName,
} from '../../../adapters/wechat/attachment-store.js';

const clock = () => new Date('2025-03-03T02:15:00Z');

describe('the WeChat attachment store', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wechat-files-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves a file under attachments/wechat/<day>/ and refers to it relative to the data directory', async () => {
    const store = createAttachmentStore({ dataDir, maxBytes: 1_024, clock });
    const result = await store.save(FileBox.fromBuffer(Buffer.from('a photo'), 'photo.jpg'), 'msg-1');
    expect(result).toEqual({
      saved: true,
      ref: 'attachments/wechat/2025-03-03/msg-1-photo.jpg',
      name: 'photo.jpg',
      size: 7,
    });
    expect(await readFile(path.join(dataDir, 'attachments/wechat/2025-03-03/msg-1-photo.jpg'), 'utf8')).toBe(
      'a photo',
    );
  });

  it('refuses a file the puppet says is too large without downloading it', async () => {
    const store = createAttachmentStore({ dataDir, maxBytes: 10, clock });
    const result = await store.save(FileBox.fromBuffer(Buffer.alloc(11), 'big.mp4'), 'msg-2');
    expect(result).toEqual({ saved: false, reason: 'too-large', size: 11 });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('removes a file that turns out too large once downloaded', async () => {
    const store = createAttachmentStore({ dataDir, maxBytes: 10, clock });
    const inner = FileBox.fromBuffer(Buffer.alloc(50), 'stream.bin');
    const unknownSize: FileSource = { name: inner.name, size: -1, toFile: (p, o) => inner.toFile(p, o) };
    expect(await store.save(unknownSize, 'msg-3')).toEqual({ saved: false, reason: 'too-large', size: 50 });
    expect(await readdir(path.join(dataDir, 'attachments/wechat/2025-03-03'))).toEqual([]);
  });

  it.each([
    ['../../etc/passwd', '_.._etc_passwd'],
    ['情况说明.pdf', '情况说明.pdf'],
    ['a:b*c?.png', 'a_b_c_.png'],
    ['', 'file'],
    ['...', 'file'],
    [`${'长'.repeat(100)}.jpeg`, `${'长'.repeat(75)}.jpeg`],
  ])('keeps the name %j inside its folder as %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });
});
