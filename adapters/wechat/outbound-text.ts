import type { CardContent, OutboundMessage } from '../../core/messages.js';

const ACTIONS_HEADING = '操作（复制后发送）：';

function cardLines(card: CardContent): string[] {
  return [
    `【${card.title}】`,
    ...card.fields.map((f) => `${f.label}：${f.value}`),
    ...(card.note ? [card.note] : []),
  ];
}

/** Whether the text already says what the card says (the core renders cards as text too). */
function textCoversCard(text: string, card: CardContent): boolean {
  return text.includes(card.ticketNumber ?? card.title);
}

/**
 * WeChat has neither cards nor buttons: a card becomes lines of text and each action the command
 * line to copy. What the text already carries is not repeated.
 */
export function renderWechatText(message: OutboundMessage): string {
  const text = message.text.trim();
  const parts: string[] = [];
  if (message.card && !textCoversCard(text, message.card)) parts.push(...cardLines(message.card));
  if (text) parts.push(text);
  const body = parts.join('\n');
  const missing = (message.actions ?? []).map((a) => a.command).filter((command) => !body.includes(command));
  if (!missing.length) return body;
  return [body, ...(body.includes(ACTIONS_HEADING) ? [] : [ACTIONS_HEADING]), ...missing]
    .filter(Boolean)
    .join('\n');
}
