import type { Attachment, AttachmentKind } from '../messages.js';
import type { MessageContent } from './effects.js';

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

/** `2 张图片、1 个位置`. */
export function describeAttachments(attachments: readonly Attachment[]): string {
  const counts = new Map<AttachmentKind, number>();
  for (const a of attachments) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return ORDER.filter((kind) => counts.has(kind))
    .map((kind) => `${counts.get(kind)} ${UNITS[kind]}`)
    .join('、');
}

/**
 * The dispatch message with a line naming the resident's attachments, so the department knows
 * there are photos or files to look at (they stay stored with the order).
 */
export function withAttachmentLine(
  message: MessageContent,
  attachments: readonly Attachment[],
): MessageContent {
  if (!attachments.length) return message;
  const places = attachments.flatMap((a) => (a.kind === 'location' && a.text ? [a.text] : []));
  const value = `${describeAttachments(attachments)}${places.length ? `（位置：${places.join('；')}）` : ''}`;
  const line = `附件：${value}`;
  const lines = message.text.split('\n');
  // Before the command lines, when the message has them.
  const at = lines.findIndex((l) => l.startsWith('操作'));
  if (at >= 0) lines.splice(at, 0, line);
  else lines.push(line);
  return {
    ...message,
    text: lines.join('\n'),
    ...(message.card
      ? { card: { ...message.card, fields: [...message.card.fields, { label: '附件', value }] } }
      : {}),
  };
}
