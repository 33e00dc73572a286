import path from 'node:path';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { loadDirectory } from '../../../bots/config/directory-loader.js';
import { createTimePolicy } from '../../../core/deadline/time-policy.js';
import { indexDirectory } from '../../../core/directory/directory-index.js';
import type { Actor } from '../../../core/domain/actor.js';
import type { DecisionContext } from '../../../core/domain/decision.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import { createTemplates } from '../../../core/text/templates.js';
import { ticketFixture } from '../../support/ticket.js';

/** The shipped county directory, its 2026 holiday calendar and its rules (一般: 签收 1wd, 办结 5wd). */
export const shipped = await loadDirectory(path.resolve(import.meta.dirname, '../../../config/county.yaml'));
export const directory = indexDirectory(shipped);
const time = createTimePolicy(
  shipped.deadlines,
  createChineseDaysCalendar(shipped.deadlines.calendarOverrides),
);
const templates = createTemplates(shipped.templates);

export const at = (iso: string) => new Date(`${iso}+08:00`);

export function context(now: Date): DecisionContext {
  return { now, directory, templates, time };
}

/**
 * A routine complaint to 县住建局 dispatched at `receivedAt` with the deadlines the shipped rules give.
 * Tuesday 2026-03-10 10:00 (an ordinary week): 签收 by 24:00 Wednesday, 办结 by 24:00 Tuesday 03-17.
 */
export function dispatchedTicket(
  receivedAt = at('2026-03-10T10:00:00'),
  fields: Partial<Ticket> = {},
): Ticket {
  const { acceptBy, dueAt } = time.deadlines({ receivedAt, urgency: '一般', appealType: '投诉' });
  return ticketFixture(receivedAt, {
    number: 'PY202603100001',
    conversation: 'r-fixture',
    residentRef: 'r-fixture',
    title: '东关社区路灯不亮',
    description: '东关社区3号楼前路灯不亮',
    acceptBy,
    dueAt,
    ...fields,
  });
}

/** A confidential 举报 whose resident still wrote their name and phone into it. */
export const CONFIDENTIAL_REPORT = {
  confidential: true,
  appealType: '举报',
  residentName: '赵刚',
  phone: '13812345678',
  title: '我叫赵刚，举报网格员收好处费',
  description: '我叫赵刚，电话13812345678，举报网格员办低保收好处费',
} satisfies Partial<Ticket>;

export const official: Actor = { kind: 'official', person: 'zjj-wang', name: '王海燕', department: 'zjj' };
export const staff: Actor = { kind: 'staff', person: 'staff-zhou', name: '周晓丽' };
export const supervisor: Actor = { kind: 'supervisor', person: 'sup-wang', name: '王德胜' };
