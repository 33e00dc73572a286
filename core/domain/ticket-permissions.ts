import type { Actor } from './actor.js';
import type { Ticket } from './ticket.js';

/** Residents see their own orders; officials their department's; staff and supervisors all. */
export function maySee(actor: Actor, ticket: Ticket): boolean {
  switch (actor.kind) {
    case 'resident':
      return actor.channel === ticket.channel && actor.ref === ticket.residentRef;
    case 'official':
      return actor.department === ticket.department || ticket.coDepartments.includes(actor.department);
    case 'staff':
    case 'supervisor':
    case 'system':
      return true;
  }
}

/** Only officials of the lead department act on an order (签收, 退回, 办结, 延期). */
export function mayHandle(actor: Actor, ticket: Ticket): boolean {
  return actor.kind === 'official' && actor.department === ticket.department;
}
