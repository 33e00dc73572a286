import type { Attachment, AttachmentKind } from '../messages.js';

/** The attachments of one turn, sorted by what the dialogue does with them. */
export interface TurnAttachments {
  /** Kept with the draft and the order: photos, files, videos, links, locations, transcribed voice. */
  readonly kept: readonly Attachment[];
  /** A shared location with an address: a place for the order. */
  readonly pinned?: string;
  /** Voice messages without a transcript: the resident is asked to write instead. */
  readonly untranscribedVoice: number;
  /** Stickers: ignored. */
  readonly stickers: number;
}

export function sortAttachments(attachments: readonly Attachment[]): TurnAttachments {
  const kept: Attachment[] = [];
  let untranscribedVoice = 0;
  let stickers = 0;
  let pinned: string | undefined;
  for (const attachment of attachments) {
    if (attachment.kind === 'sticker') stickers++;
    else if (attachment.kind === 'audio' && !attachment.text?.trim()) untranscribedVoice++;
    else {
      kept.push(attachment);
      const address = (attachment.text ?? attachment.name)?.trim();
      if (attachment.kind === 'location' && address && !pinned) pinned = address;
    }
  }
  return { kept, untranscribedVoice, stickers, ...(pinned ? { pinned } : {}) };
}

/** Voice transcripts the channel provides, read as if the resident had typed them. */
export function transcripts(attachments: readonly Attachment[]): string[] {
  return attachments.flatMap((a) => (a.kind === 'audio' && a.text?.trim() ? [a.text.trim()] : []));
}

const UNITS: Record<AttachmentKind, string> = {
  image: '张图片',
  file: '个文件',
  video: '段视频',
  audio: '段语音',
  location: '个位置',
  sticker: '个表情',
  link: '个链接',
};
const ORDER: readonly AttachmentKind[] = ['image', 'video', 'audio', 'file', 'location', 'link', 'sticker'];

/** `2 张图片、1 个位置`; kinds it does not know are left out. */
export function describeAttachments(attachments: readonly { readonly kind: string }[]): string {
  const counts = new Map<string, number>();
  for (const a of attachments) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return ORDER.filter((kind) => counts.has(kind))
    .map((kind) => `${counts.get(kind)} ${UNITS[kind]}`)
    .join('、');
}
