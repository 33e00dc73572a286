import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { InboundMessage } from '../../core/messages.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import type { FeishuClient } from './feishu-client.js';
import type { ResourceDownload } from './to-inbound.js';

/**
 * Stores the pictures and files residents send under `<dataDir>/attachments/feishu/`, through the
 * message resource API, each at most `maxBytes`. One that cannot be fetched keeps its Feishu key as
 * its reference: the order is filed all the same, and staff can still find it in Feishu.
 */

export const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'application/pdf': '.pdf',
};

export type AttachmentFetcher = (
  message: InboundMessage,
  downloads: readonly ResourceDownload[],
) => Promise<InboundMessage>;

/** A file name that is safe on any disk and never leaves the folder. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(-80) || 'file';
}

export function createAttachmentFetcher(options: {
  readonly client: FeishuClient;
  readonly dir: string;
  readonly logger: LoggerPort;
  readonly maxBytes?: number;
}): AttachmentFetcher {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  return async (message, downloads) => {
    if (!downloads.length) return message;
    await mkdir(options.dir, { recursive: true });
    const attachments = [...message.attachments];
    for (const download of downloads) {
      const current = attachments[download.index];
      if (!current) continue;
      const base = path.join(
        options.dir,
        safeFileName(`${download.messageId}-${current.name ?? download.key}`),
      );
      try {
        const { bytes, contentType } = await options.client.download(download, base, maxBytes);
        const extension = contentType ? EXTENSIONS[contentType.split(';')[0]!.trim()] : undefined;
        const file = extension && !base.endsWith(extension) ? `${base}${extension}` : base;
        if (file !== base) await rename(base, file);
        attachments[download.index] = { ...current, ref: file, size: bytes };
      } catch (error) {
        options.logger.warn(
          { messageId: download.messageId, kind: current.kind, err: error },
          'feishu attachment not stored; keeping its key',
        );
      }
    }
    return { ...message, attachments };
  };
}
