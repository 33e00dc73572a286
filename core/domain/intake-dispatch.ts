import type { Attachment } from '../messages.js';
import type { Draft } from './draft.js';
import type { MessageContent } from './effects.js';
import { describeAttachments } from './intake-attachments.js';

/**
 * What the intake adds to a new order's dispatch message, which the ticket renderer builds: the
 * resident's attachments, and for a confidential order, no trace of the resident's contacts.
 */

function mapText(message: MessageContent, change: (text: string) => string): MessageContent {
  return {
    ...message,
    text: change(message.text),
    ...(message.card
      ? {
          card: {
            ...message.card,
            fields: message.card.fields.map((f) => ({ ...f, value: change(f.value) })),
            ...(message.card.note ? { note: change(message.card.note) } : {}),
          },
        }
      : {}),
  };
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

/** Phones as the renderer masks them (138****5678, 0539****5678), and masks residents type. */
const MASKED_PHONE = /\d{0,4}\*{3,}\d{0,4}/g;
const HIDDEN = '（保密）';

/**
 * A confidential order's dispatch without the resident's phone (even masked) or name, wherever
 * the resident wrote them in the description.
 */
export function concealContacts(message: MessageContent, draft: Pick<Draft, 'name'>): MessageContent {
  const name = draft.name;
  const surname = name?.[0];
  return mapText(message, (text) => {
    let out = text.replace(MASKED_PHONE, HIDDEN);
    if (name && name.length >= 2) out = out.split(name).join(HIDDEN);
    if (surname) out = out.replace(new RegExp(`(我|免贵|本人)姓${surname}`, 'g'), `$1姓${HIDDEN}`);
    return out;
  });
}
