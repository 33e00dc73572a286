import type { Ticket } from '../../../core/domain/ticket.js';
import { ticketFixture } from '../../support/ticket.js';

/** `03-10T09:00` → that minute of 2026 in Asia/Shanghai. */
export const at = (monthDayTime: string) => new Date(`2026-${monthDayTime}:00+08:00`);

/**
 * A routine order received Tuesday 2026-03-10 09:00 (unless `createdAt` says otherwise), dispatched at
 * once, 签收 due by 24:00 03-11, 办结 due by 24:00 03-17. Metrics read the fields, not the calendar.
 */
export function order(seq: number, department: string, fields: Partial<Ticket> = {}): Ticket {
  const received = fields.createdAt ?? at('03-10T09:00');
  return ticketFixture(received, {
    number: `PY20260310${String(seq).padStart(4, '0')}`,
    conversation: `web:r${seq}`,
    residentRef: `r${seq}`,
    department,
    acceptBy: at('03-12T00:00'),
    dueAt: at('03-18T00:00'),
    ...fields,
  });
}
