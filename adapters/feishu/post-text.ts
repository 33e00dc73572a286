import { isPlainObject } from './webhook-envelope.js';

/**
 * Feishu rich text (`post`) as plain text: paragraphs become lines, links keep their address,
 * @-mentions go through `mention` (which drops the bot's own), images and videos are collected
 * so they can become attachments. The received content is `{ title, content: [[element…]…] }`,
 * sometimes wrapped in a language (`{ zh_cn: { … } }`).
 */

export interface PostMedia {
  readonly kind: 'image' | 'video';
  readonly key: string;
}

export interface PostText {
  readonly text: string;
  readonly media: readonly PostMedia[];
}

/** Turns an `at` element (its `user_id` is a mention key such as `@_user_1`) into text. */
export type MentionText = (userId: string, userName: string | undefined) => string;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function unwrapLanguage(content: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(content.content)) return content;
  for (const value of Object.values(content)) {
    if (isPlainObject(value) && Array.isArray(value.content)) return value;
  }
  return content;
}

export function postToText(content: unknown, mention: MentionText): PostText {
  if (!isPlainObject(content)) return { text: '', media: [] };
  const post = unwrapLanguage(content);
  const media: PostMedia[] = [];
  const lines: string[] = [];
  const title = str(post.title)?.trim();
  if (title) lines.push(title);
  const paragraphs = Array.isArray(post.content) ? post.content : [];
  for (const paragraph of paragraphs) {
    if (!Array.isArray(paragraph)) continue;
    const parts: string[] = [];
    for (const element of paragraph) {
      if (!isPlainObject(element)) continue;
      switch (element.tag) {
        case 'text':
        case 'code_block':
          parts.push(str(element.text) ?? '');
          break;
        case 'a': {
          const label = str(element.text) ?? '';
          const href = str(element.href) ?? '';
          parts.push(href && href !== label ? `${label} ${href}`.trim() : label);
          break;
        }
        case 'at':
          parts.push(mention(str(element.user_id) ?? '', str(element.user_name)));
          break;
        case 'img': {
          const key = str(element.image_key);
          if (key) media.push({ kind: 'image', key });
          break;
        }
        case 'media': {
          const key = str(element.file_key);
          if (key) media.push({ kind: 'video', key });
          break;
        }
        default:
          break;
      }
    }
    lines.push(parts.join(''));
  }
  return { text: lines.join('\n').trim(), media };
}
