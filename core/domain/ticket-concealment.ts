import { redactSensitive } from '../understanding/rules/redact.js';
import type { Ticket } from './ticket.js';

/** Phones as the renderer masks them (138****5678, 0539****5678), and masks residents type. */
const MASKED_PHONE = /\d{0,4}\*{3,}\d{0,4}/g;
const HIDDEN = '（保密）';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text about the order as departments, staff and supervisors may read it. For a confidential
 * order: no phone (not even masked), no ID number and not the resident's name, wherever the resident
 * wrote them (description, title, survey comment, 补充). Other orders' texts are returned as they are.
 */
export function concealResident(ticket: Pick<Ticket, 'confidential' | 'residentName'>, text: string): string {
  if (!ticket.confidential) return text;
  const name = ticket.residentName;
  let out = redactSensitive(text).replace(MASKED_PHONE, HIDDEN);
  if (name && name.length >= 2) out = out.split(name).join(HIDDEN);
  const surname = name?.[0];
  if (surname) {
    out = out.replace(new RegExp(`(我|免贵|本人)姓${escapeRegExp(surname)}`, 'g'), `$1姓${HIDDEN}`);
  }
  return out;
}

/** The order's title as pushes to departments, staff and supervisors show it. */
export function shownTitle(ticket: Pick<Ticket, 'confidential' | 'residentName' | 'title'>): string {
  return concealResident(ticket, ticket.title);
}
