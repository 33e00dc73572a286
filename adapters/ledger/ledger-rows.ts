import { shanghaiParts } from '../../core/deadline/shanghai-time.js';
import type { DirectoryIndex } from '../../core/directory/directory-index.js';
import { EVENT_LABELS, STATUS_LABELS, type Ticket, type TicketEvent } from '../../core/domain/ticket.js';
import {
  acceptanceOnTime,
  completionOnTime,
  type OnTime,
  roundAcceptedAt,
  roundRepliedAt,
} from '../../core/metrics/on-time.js';
import { findBankCards } from '../../core/understanding/rules/bank-cards.js';
import { findIdNumbers } from '../../core/understanding/rules/id-numbers.js';
import { maskPhone } from '../../core/understanding/rules/phones.js';
import { ID_NUMBER_PLACEHOLDER, redactSensitive } from '../../core/understanding/rules/redact.js';

/** How a writer stores a cell: datetime cells hold `YYYY-MM-DD HH:mm` (Asia/Shanghai) or ''. */
export type CellKind = 'text' | 'datetime' | 'number';

export interface LedgerColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: CellKind;
  /** Column width in a spreadsheet, in characters. */
  readonly width: number;
}

const col = <K extends string>(
  key: K,
  header: string,
  width: number,
  kind: CellKind = 'text',
): LedgerColumn & { readonly key: K } => ({
  key,
  header,
  kind,
  width,
});

/** The ledger's columns, in order (docs/ledger.md describes each). */
export const LEDGER_COLUMNS = [
  col('number', '工单编号', 17),
  col('receivedAt', '受理时间', 17, 'datetime'),
  col('channel', '渠道', 6),
  col('name', '群众姓名', 10),
  col('phone', '联系电话', 14),
  col('appealType', '诉求类型', 8),
  col('category', '问题分类', 20),
  col('title', '标题', 28),
  col('description', '诉求内容', 50),
  col('place', '地点', 24),
  col('town', '乡镇/街道', 10),
  col('urgency', '紧急程度', 8),
  col('flags', '标记', 10),
  col('mode', '办理方式', 8),
  col('department', '主办单位', 22),
  col('coDepartments', '协办单位', 22),
  col('status', '状态', 8),
  col('acceptBy', '签收时限', 17, 'datetime'),
  col('acceptedAt', '签收时间', 17, 'datetime'),
  col('acceptedOnTime', '按时签收', 8),
  col('dueAt', '办结时限', 17, 'datetime'),
  col('repliedAt', '答复时间', 17, 'datetime'),
  col('repliedOnTime', '按时办结', 8),
  col('returnCount', '退回次数', 8, 'number'),
  col('reopenCount', '重办次数', 8, 'number'),
  col('supervised', '督办', 6),
  col('surveyResult', '回访结果', 8),
  col('resolved', '解决', 6),
  col('comment', '群众评价', 30),
  col('reply', '答复内容', 40),
  col('timeline', '办理过程', 80),
] as const satisfies readonly LedgerColumn[];

type LedgerKey = (typeof LEDGER_COLUMNS)[number]['key'];

export interface LedgerEntry {
  readonly ticket: Ticket;
  readonly events: readonly TicketEvent[];
}

/** Names for ids: departments and the people of the directory. */
export interface LedgerNames {
  department(id: string): string;
  person(id: string): string | undefined;
}

export function ledgerNames(directory: DirectoryIndex): LedgerNames {
  return {
    department: (id) => directory.department(id)?.name ?? id,
    person: (id) => directory.person(id)?.person.name,
  };
}

export interface LedgerOptions {
  readonly names: LedgerNames;
  /** Decides which unfinished orders are already late. */
  readonly now: Date;
  /** Phone numbers in full (never for confidential orders; ID numbers stay hidden regardless). */
  readonly reveal: boolean;
}

export const CONFIDENTIAL = '（保密）';
const CHANNEL_LABELS: Record<Ticket['channel'], string> = { web: '网页', wechat: '微信', feishu: '飞书' };
const ON_TIME_LABELS: Record<OnTime, string> = {
  'on-time': '是',
  late: '否',
  pending: '—',
  'not-applicable': '—',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-26 09:02` in Asia/Shanghai; '' when absent. */
export function ledgerDateTime(date: Date | undefined): string {
  if (!date) return '';
  const p = shanghaiParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** ID numbers and bank cards hidden, phones kept: what `--reveal` shows of free text. */
export function hideIdentifiers(text: string): string {
  const spans = [
    ...findIdNumbers(text).map((id) => ({ ...id, text: ID_NUMBER_PLACEHOLDER })),
    ...findBankCards(text).map((card) => ({ ...card, text: `[银行卡尾号${card.value.slice(-4)}]` })),
  ].sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    result += text.slice(at, span.start) + span.text;
    at = span.end;
  }
  return result + text.slice(at);
}

/** Timeline steps worth a line in the ledger; automatic reminders would drown the rest. */
const SKIPPED_EVENTS = new Set<TicketEvent['type']>(['reminded']);

function eventDetail(event: TicketEvent, names: LedgerNames): string {
  if (event.type === 'redispatched' && typeof event.data?.to === 'string')
    return names.department(event.data.to);
  if (event.type === 'surveyed' && typeof event.data?.result === 'string') return event.data.result;
  return '';
}

/** `11-26 09:02 受理 → 11-26 10:15 签收 周文静 → …`: who is named only when a directory person. */
export function timelineSummary(events: readonly TicketEvent[], names: LedgerNames): string {
  return events
    .filter((e) => !SKIPPED_EVENTS.has(e.type))
    .map((e) => {
      const p = shanghaiParts(e.at);
      const who =
        e.actor === 'resident' || e.actor === 'system' ? undefined : (names.person(e.actor) ?? e.actor);
      return [
        `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`,
        EVENT_LABELS[e.type],
        who,
        eventDetail(e, names),
      ]
        .filter(Boolean)
        .join(' ');
    })
    .join(' → ');
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? '是' : '否');

/** One order as the ledger's display strings, in `LEDGER_COLUMNS` order. Pure. */
export function ledgerRow(entry: LedgerEntry, options: LedgerOptions): string[] {
  const { ticket: t, events } = entry;
  const { names, now } = options;
  const reveal = options.reveal && !t.confidential;
  const text = (value: string | undefined) =>
    value ? (reveal ? hideIdentifiers(value) : redactSensitive(value)) : '';
  const phone = t.phone ? (reveal ? t.phone : maskPhone(t.phone)) : '';
  const row: Record<LedgerKey, string> = {
    number: t.number,
    receivedAt: ledgerDateTime(t.createdAt),
    channel: CHANNEL_LABELS[t.channel],
    name: t.confidential ? CONFIDENTIAL : (t.residentName ?? ''),
    phone: t.confidential ? CONFIDENTIAL : phone,
    appealType: t.appealType,
    category: t.category,
    title: text(t.title),
    description: text(t.description),
    place: text(t.location?.text),
    town: t.location?.town ?? '',
    urgency: t.urgency,
    flags: t.flags.join('、'),
    mode: t.mode ?? '',
    department: names.department(t.department),
    coDepartments: t.coDepartments.map((id) => names.department(id)).join('、'),
    status: STATUS_LABELS[t.status],
    acceptBy: ledgerDateTime(t.acceptBy),
    acceptedAt: ledgerDateTime(roundAcceptedAt(t)),
    acceptedOnTime: ON_TIME_LABELS[acceptanceOnTime(t, now)],
    dueAt: ledgerDateTime(t.dueAt),
    repliedAt: ledgerDateTime(roundRepliedAt(t)),
    repliedOnTime: ON_TIME_LABELS[completionOnTime(t, now)],
    returnCount: String(t.returnCount),
    reopenCount: String(t.reopenCount),
    supervised: yesNo(t.supervised),
    surveyResult: t.survey?.result ?? '',
    resolved: yesNo(t.survey?.resolved),
    comment: text(t.survey?.comment),
    reply: text(t.reply),
    timeline: timelineSummary(events, names),
  };
  return LEDGER_COLUMNS.map((c) => row[c.key]);
}
