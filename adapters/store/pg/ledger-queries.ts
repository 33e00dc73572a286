import type { Pool } from 'pg';
import { z } from 'zod';
import {
  EVENT_LABELS,
  type Ticket,
  type TicketEvent,
  type TicketEventType,
} from '../../../core/domain/ticket.js';
import { parseTicket } from './pg-store-tx.js';

type Queryable = Pick<Pool, 'query'>;

/** Orders received in `[start, end)`, optionally only those a department leads. */
export interface ReceivedQuery {
  readonly start: Date;
  readonly end: Date;
  readonly department?: string;
}

export interface TicketWithEvents {
  readonly ticket: Ticket;
  readonly events: TicketEvent[];
}

const EVENT_TYPES = Object.keys(EVENT_LABELS) as [TicketEventType, ...TicketEventType[]];

const EventRowSchema = z.object({
  number: z.string(),
  type: z.enum(EVENT_TYPES),
  actor: z.string(),
  at: z.coerce.date(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

function where(query: ReceivedQuery, alias: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.start, query.end];
  let sql = `${alias}.created_at >= $1 AND ${alias}.created_at < $2`;
  if (query.department !== undefined) {
    params.push(query.department);
    sql += ` AND ${alias}.department = $3`;
  }
  return { sql, params };
}

/** Orders by time of receipt (oldest first), each row validated against the ticket schema. */
export async function receivedTickets(db: Queryable, query: ReceivedQuery): Promise<Ticket[]> {
  const { sql, params } = where(query, 't');
  const { rows } = await db.query<{ data: unknown }>(
    `SELECT t.data FROM hotline.tickets t WHERE ${sql} ORDER BY t.created_at, t.number`,
    params,
  );
  return rows.map((r) => parseTicket(r.data));
}

/** The same orders with their whole timeline, oldest event first. */
export async function receivedTicketsWithEvents(
  db: Queryable,
  query: ReceivedQuery,
): Promise<TicketWithEvents[]> {
  const tickets = await receivedTickets(db, query);
  if (!tickets.length) return [];
  const { sql, params } = where(query, 't');
  const { rows } = await db.query(
    `SELECT e.number, e.type, e.actor, e.at, e.note, e.data
       FROM hotline.ticket_events e JOIN hotline.tickets t ON t.number = e.number
      WHERE ${sql} ORDER BY e.number, e.id`,
    params,
  );
  const byNumber = new Map<string, TicketEvent[]>(tickets.map((t) => [t.number, []]));
  for (const row of rows) {
    const e = EventRowSchema.parse(row);
    byNumber.get(e.number)?.push({
      type: e.type,
      actor: e.actor,
      at: e.at,
      ...(e.note !== null ? { note: e.note } : {}),
      ...(e.data ? { data: e.data } : {}),
    });
  }
  return tickets.map((ticket) => ({ ticket, events: byNumber.get(ticket.number) ?? [] }));
}
