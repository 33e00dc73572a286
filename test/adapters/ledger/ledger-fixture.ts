import type { LedgerEntry, LedgerNames } from '../../../adapters/ledger/ledger-rows.js';
import { LEDGER_COLUMNS } from '../../../adapters/ledger/ledger-rows.js';
import type { Ticket, TicketEvent } from '../../../core/domain/ticket.js';

export const local = (iso: string) => new Date(`${iso}+08:00`);

/** A checksum-valid ID number (region 371326, born 1990-01-01), a mobile and a landline. */
export const ID_NUMBER = '371326199001011234';
export const MOBILE = '13812345678';
export const LANDLINE = '0539-4211234';

export const NAMES: LedgerNames = {
  department: (id) => ({ zjj: '县住房和城乡建设局', zfj: '县综合行政执法局' })[id] ?? id,
  person: (id) => ({ 'zjj-wang': '王海燕', 'staff-zhou': '周晓丽' })[id],
};

/** Answered, surveyed and closed: 2026-11-26 09:02 → 11-27 16:00, on time throughout. */
export function closedTicket(fields: Partial<Ticket> = {}): Ticket {
  return {
    number: 'PY202611260007',
    channel: 'wechat',
    conversation: 'wechat:dm:wx1',
    residentRef: 'wx1',
    residentName: '张女士',
    phone: MOBILE,
    confidential: false,
    appealType: '投诉',
    category: '城乡建设/路灯照明',
    title: '东关社区路灯不亮',
    description: `东关社区3号楼前路灯不亮，联系电话${MOBILE}，身份证${ID_NUMBER}`,
    location: { text: '平邑街道东关社区3号楼', town: '平邑街道', village: '东关社区' },
    urgency: '一般',
    flags: ['重复'],
    mode: '速办',
    department: 'zjj',
    coDepartments: ['zfj'],
    status: 'closed',
    supervised: false,
    acceptBy: local('2026-11-27T00:00:00'),
    dueAt: local('2026-12-04T00:00:00'),
    returnCount: 0,
    reopenCount: 0,
    reply: `已修复，如再有问题请拨打${LANDLINE}`,
    survey: { round: 1, result: '满意', resolved: true, comment: `修得快，我的电话${MOBILE}` },
    attachments: [],
    createdAt: local('2026-11-26T09:02:00'),
    dispatchedAt: local('2026-11-26T09:02:00'),
    acceptedAt: local('2026-11-26T10:15:00'),
    repliedAt: local('2026-11-27T16:00:00'),
    closedAt: local('2026-11-28T10:00:00'),
    updatedAt: local('2026-11-28T10:00:00'),
    ...fields,
  };
}

export function closedTimeline(): TicketEvent[] {
  return [
    { type: 'received', actor: 'resident', at: local('2026-11-26T09:02:00') },
    { type: 'dispatched', actor: 'system', at: local('2026-11-26T09:02:00'), data: { department: 'zjj' } },
    { type: 'accepted', actor: 'zjj-wang', at: local('2026-11-26T10:15:00') },
    { type: 'reminded', actor: 'system', at: local('2026-11-27T09:00:00') },
    { type: 'replied', actor: 'zjj-wang', at: local('2026-11-27T16:00:00'), note: '已修复' },
    {
      type: 'surveyed',
      actor: 'resident',
      at: local('2026-11-28T10:00:00'),
      note: '满意，已解决',
      data: { round: 1, result: '满意', resolved: true },
    },
    { type: 'closed', actor: 'system', at: local('2026-11-28T10:00:00') },
  ];
}

export const closedEntry = (fields: Partial<Ticket> = {}): LedgerEntry => ({
  ticket: closedTicket(fields),
  events: closedTimeline(),
});

/** The cell under a header. */
export function cell(row: readonly unknown[], header: string): unknown {
  const index = LEDGER_COLUMNS.findIndex((c) => c.header === header);
  if (index < 0) throw new Error(`no column ${header}`);
  return row[index];
}
