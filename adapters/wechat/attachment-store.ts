import { mkdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** What is needed of a wechaty FileBox. */
export interface FileSource {
  readonly name: string;
  /** Bytes, when the puppet knows them before download (else 0 or negative). */
  readonly size: number;
  toFile(filePath: string, overwrite?: boolean): Promise<void>;
}

export type SaveResult =
  | {
      readonly saved: true;
      /** Path relative to the data directory, e.g. `attachments/wechat/2025-03-01/<id>-photo.jpg`. */
      readonly ref: string;
      readonly name: string;
      readonly size: number;
    }
  | { readonly saved: false; readonly reason: 'too-large'; readonly size: number };

export interface AttachmentStore {
  save(source: FileSource, messageId: string): Promise<SaveResult>;
}

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name that stays inside its folder and keeps its extension. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(UNSAFE, '_').replace(/^\.+/, '').trim();
  if (!cleaned) return 'file';
  if (cleaned.length <= 80) return cleaned;
  const ext = path.extname(cleaned).slice(0, 12);
  return `${cleaned.slice(0, 80 - ext.length)}${ext}`;
}

/** Files residents send, under `<dataDir>/attachments/wechat/<day>/`, refused above the size limit. */
export function createAttachmentStore(options: {
  readonly dataDir: string;
  readonly maxBytes: number;
  readonly clock: () => Date;
}): AttachmentStore {
  return {
    async save(source, messageId) {
      if (source.size > options.maxBytes) return { saved: false, reason: 'too-large', size: source.size };
      const day = options.clock().toISOString().slice(0, 10);
      const name = safeFileName(source.name);
      const relative = path.posix.join('attachments', 'wechat', day, `${safeFileName(messageId)}-${name}`);
      const absolute = path.join(options.dataDir, ...relative.split('/'));
      await mkdir(path.dirname(absolute), { recursive: true });
      await source.toFile(absolute, true);
      const { size } = await stat(absolute);
      // The puppet may not know the size in advance: check what actually arrived.
      if (size > options.maxBytes) {
        await unlink(absolute);
        return { saved: false, reason: 'too-large', size };
      }
      return { saved: true, ref: relative, name, size };
    },
  };
}
