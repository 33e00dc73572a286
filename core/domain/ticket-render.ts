import type { DirectoryIndex } from '../directory/directory-index.js';
import type { MessageAction } from '../messages.js';
import { formatDateTime, formatDeadline } from '../text/format-time.js';
import { maskPhone } from '../understanding/rules/phones.js';
import { redactSensitive } from '../understanding/rules/redact.js';
import type { MessageContent } from './effects.js';
import { describeAttachments } from './intake-attachments.js';
import { EVENT_LABELS, STATUS_LABELS, type Ticket, type TicketEvent } from './ticket.js';
import { concealResident } from './ticket-concealment.js';

const URGENCY_COLOR = { 一般: 'blue', 紧急: 'orange', 特急: 'red' } as const;

export function placeText(ticket: Ticket): string {
  return ticket.location?.text ?? '（无具体地点）';
}

export function officialActions(ticket: Ticket): MessageAction[] {
  const n = ticket.number;
  return [
    { label: '签收', command: `签收 ${n}`, style: 'primary' },
    { label: '退回', command: `退回 ${n} 理由`, needsText: true, style: 'danger' },
    { label: '申请延期', command: `延期 ${n} 天数 理由`, needsText: true },
    { label: '办结', command: `办结 ${n} 答复内容`, needsText: true },
  ];
}

/**
 * `2 张图片、1 个位置（位置：东阳路12号）`: what the resident attached (it stays stored with the order),
 * so every department the order reaches knows there is something to look at.
 */
function attachmentsText(ticket: Ticket): string | undefined {
  const kinds = describeAttachments(ticket.attachments);
  const places = ticket.attachments.flatMap((a) => (a.kind === 'location' && a.text ? [a.text] : []));
  const text = `${kinds}${places.length ? `（位置：${places.join('；')}）` : ''}`;
  return text || undefined;
}

/**
 * The order as a department sees it: never the resident's ID numbers; the phone masked; the
 * attachments named; for a confidential order, nothing that identifies the resident.
 */
export function dispatchMessage(
  ticket: Ticket,
  directory: DirectoryIndex,
  heading: string,
  note?: string,
): MessageContent {
  const conceal = (text: string) => concealResident(ticket, text);
  const fields = [
    { label: '工单号', value: ticket.number },
    { label: '标题', value: conceal(ticket.title) },
    { label: '地点', value: conceal(placeText(ticket)) },
    { label: '类别', value: `${ticket.category}（${ticket.appealType}）` },
    { label: '紧急程度', value: ticket.urgency },
    { label: '签收时限', value: formatDeadline(ticket.acceptBy) },
    { label: '办结时限', value: formatDeadline(ticket.dueAt) },
    {
      label: '联系电话',
      value: ticket.confidential ? '（保密）' : ticket.phone ? maskPhone(ticket.phone) : '未留',
    },
    { label: '诉求内容', value: conceal(redactSensitive(ticket.description)).slice(0, 500) },
  ];
  const shownNote = note === undefined ? undefined : conceal(note);
  const attachments = attachmentsText(ticket);
  const attachmentField = attachments ? [{ label: '附件', value: conceal(attachments) }] : [];
  const handler =
    ticket.handler ?? directory.department(ticket.department)?.officials.find((o) => o.handler)?.id;
  const actions = officialActions(ticket);
  const lines = [
    `【${heading}】${ticket.number}`,
    ...fields.slice(1).map((f) => `${f.label}：${f.value}`),
    ...(shownNote ? [shownNote] : []),
    ...attachmentField.map((f) => `${f.label}：${f.value}`),
    '操作（复制后发送）：',
    ...actions.map((a) => a.command),
  ];
  return {
    text: lines.join('\n'),
    card: {
      title: `${heading} ${ticket.number}`,
      color: URGENCY_COLOR[ticket.urgency],
      fields: [...fields, ...attachmentField],
      ticketNumber: ticket.number,
      ...(shownNote ? { note: shownNote } : {}),
    },
    actions,
    ...(handler ? { mentions: [handler] } : {}),
  };
}

/** Status and timeline, for 查询. Staff may see the phone masked; nobody sees it in the clear here. */
export function statusText(
  ticket: Ticket,
  events: readonly TicketEvent[],
  directory: DirectoryIndex,
): string {
  const department =
    directory.department(ticket.department)?.name ??
    directory.group(ticket.department)?.name ??
    ticket.department;
  const head = [
    `工单 ${ticket.number}：${ticket.title}`,
    `状态：${STATUS_LABELS[ticket.status]}${ticket.supervised ? '（督办）' : ''}`,
    `承办单位：${department}`,
    `办结时限：${formatDeadline(ticket.dueAt)}`,
  ];
  if (ticket.reply) head.push(`答复：${ticket.reply}`);
  const timeline = events.slice(-12).map((e) => {
    const who =
      e.actor === 'resident' || e.actor === 'system'
        ? ''
        : ` ${directory.person(e.actor)?.person.name ?? ''}`;
    return `· ${formatDateTime(e.at)} ${EVENT_LABELS[e.type]}${who}${e.note ? `：${e.note.slice(0, 60)}` : ''}`;
  });
  return [...head, '进度：', ...timeline].join('\n');
}

const OPEN_FOR_OFFICIALS = new Set(['dispatched', 'reopened', 'accepted']);

/** The dispatch card as it should read after a change: new status, who acted, buttons only if still open. */
export function cardUpdate(ticket: Ticket, directory: DirectoryIndex, note: string): MessageContent {
  const { mentions: _none, ...card } = dispatchMessage(ticket, directory, STATUS_LABELS[ticket.status], note);
  return {
    ...card,
    ...(OPEN_FOR_OFFICIALS.has(ticket.status) ? {} : { actions: [] }),
    updatesCard: true,
  };
}
