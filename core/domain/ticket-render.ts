import type { DirectoryIndex } from '../directory/directory-index.js';
import type { MessageAction } from '../messages.js';
import { formatDateTime, formatDeadline } from '../text/format-time.js';
import { shorten } from '../text/shorten.js';
import { maskPhone } from '../understanding/rules/phones.js';
import { redactSensitive } from '../understanding/rules/redact.js';
import type { Actor } from './actor.js';
import type { MessageContent } from './effects.js';
import { describeAttachments } from './intake-attachments.js';
import {
  EVENT_LABELS,
  STATUS_LABELS,
  type Ticket,
  type TicketEvent,
  type TicketEventType,
} from './ticket.js';
import { concealResident, shownTitle } from './ticket-concealment.js';

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

/** Steps a resident's 查询 leaves out: the hotline's own reminders, 督办 and extension requests. */
const INTERNAL_STEPS: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'reminded',
  'escalated',
  'supervised',
  'extension-requested',
  'extension-refused',
]);
/** A resident's 查询 reply fits a phone screen: about this many characters for a typical order. */
const RESIDENT_REPLY_LENGTH = 200;
/** The fewest characters of the answer a resident is shown, however long the rest. */
const MIN_ANSWER = 30;
const WAITING_FOR_ACCEPT: ReadonlySet<Ticket['status']> = new Set(['dispatched', 'reopened']);

/** The answer of a replied or closed order; on a reopened one it is the answer being redone. */
const answerLabel = (ticket: Ticket) =>
  ticket.status === 'replied' || ticket.status === 'closed' ? '答复：' : '上次答复：';

function departmentName(ticket: Ticket, directory: DirectoryIndex): string {
  return (
    directory.department(ticket.department)?.name ??
    directory.group(ticket.department)?.name ??
    ticket.department
  );
}

/**
 * The answer to `查询 <工单号>`, essentials first and short enough for a phone. Nobody sees a phone
 * in the clear here, and for a confidential order nobody but the resident sees their name or phone.
 */
export function statusText(
  ticket: Ticket,
  events: readonly TicketEvent[],
  directory: DirectoryIndex,
  viewer: Actor['kind'],
): string {
  return viewer === 'resident'
    ? residentStatus(ticket, events, directory)
    : officeStatus(ticket, events, directory);
}

/**
 * The resident's own order: number, status, department, deadline, the last steps that concern them
 * (3, or 2 beside an answer) and the answer, cut to keep the whole within about 200 characters (the
 * full answer reached them when it was given).
 */
function residentStatus(ticket: Ticket, events: readonly TicketEvent[], directory: DirectoryIndex): string {
  const steps = events.filter((e) => !INTERNAL_STEPS.has(e.type)).slice(ticket.reply ? -2 : -3);
  const lines = [
    `您的工单 ${ticket.number}：${shorten(ticket.title, 16)}`,
    `状态：${STATUS_LABELS[ticket.status]}`,
    `承办单位：${departmentName(ticket, directory)}`,
    `办结时限：${formatDeadline(ticket.dueAt)}`,
    ...(steps.length
      ? ['最近进展：', ...steps.map((e) => `· ${formatDateTime(e.at)} ${EVENT_LABELS[e.type]}`)]
      : []),
  ];
  if (ticket.reply) {
    const label = answerLabel(ticket);
    const room = RESIDENT_REPLY_LENGTH - lines.join('\n').length - 1 - label.length;
    lines.push(`${label}${shorten(ticket.reply, Math.max(room, MIN_ANSWER))}`);
  }
  return lines.join('\n');
}

/**
 * The order as departments, staff and supervisors look it up: besides the essentials, 督办/专办, the
 * handler, a pending extension, how often it was returned, reopened and reminded, and the last 3
 * steps (reminders aside) with who acted and a short note. Texts the resident wrote are concealed.
 */
function officeStatus(ticket: Ticket, events: readonly TicketEvent[], directory: DirectoryIndex): string {
  const shown = (text: string) => concealResident(ticket, redactSensitive(text));
  const marks = [ticket.supervised ? '督办' : '', ticket.mode === '专办' ? '专办' : ''].filter(Boolean);
  const handler = ticket.handler ? directory.person(ticket.handler)?.person.name : undefined;
  // Only a pending request: an approved one is in the deadline already (or was replaced by a 重办's).
  const extension =
    ticket.extension?.status === 'requested' ? `（申请延期${ticket.extension.days}个工作日，待审核）` : '';
  const reminders = events.filter((e) => e.type === 'reminded').length;
  const counts = [
    ticket.returnCount ? `退回${ticket.returnCount}次` : '',
    ticket.reopenCount ? `重办${ticket.reopenCount}次` : '',
    reminders ? `提醒${reminders}次` : '',
  ].filter(Boolean);
  const steps = events.filter((e) => e.type !== 'reminded');
  const latest = steps.slice(-3);
  const step = (e: TicketEvent) => {
    const who =
      e.actor === 'resident' || e.actor === 'system'
        ? ''
        : ` ${directory.person(e.actor)?.person.name ?? ''}`;
    // A reply's text is the 答复 line below.
    const note = e.note && e.type !== 'replied' ? `：${shorten(shown(e.note), 20)}` : '';
    return `· ${formatDateTime(e.at)} ${EVENT_LABELS[e.type]}${who}${note}`;
  };
  return [
    `工单 ${ticket.number}：${shorten(shownTitle(ticket), 20)}`,
    `状态：${STATUS_LABELS[ticket.status]}${marks.length ? `（${marks.join('，')}）` : ''}`,
    `承办单位：${departmentName(ticket, directory)}${handler ? `（经办人 ${handler}）` : ''}`,
    ...(WAITING_FOR_ACCEPT.has(ticket.status) ? [`签收时限：${formatDeadline(ticket.acceptBy)}`] : []),
    `办结时限：${formatDeadline(ticket.dueAt)}${extension}`,
    ...(counts.length ? [counts.join('，')] : []),
    ...(latest.length
      ? [`最近进展${steps.length > latest.length ? `（共${steps.length}步）` : ''}：`, ...latest.map(step)]
      : []),
    ...(ticket.reply ? [`${answerLabel(ticket)}${shorten(shown(ticket.reply), 50)}`] : []),
  ].join('\n');
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
