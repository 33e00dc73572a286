import type { PoolClient } from 'pg';
import { parseConversationState } from '../../../core/domain/conversation-schema.js';
import type { ConversationState } from '../../../core/domain/conversation-state.js';
import { type Ticket, type TicketEvent, TicketSchema } from '../../../core/domain/ticket.js';
import type {
  OutboxItem,
  PendingInbound,
  StoreTx,
  TicketCountQuery,
  TicketQuery,
} from '../../../core/ports/store-port.js';
import { decodeInbound } from './inbound-codec.js';

export function parseTicket(data: unknown): Ticket {
  return TicketSchema.parse(data);
}

/** The store's operations on one transaction's connection. */
export function createStoreTx(client: PoolClient): StoreTx {
  return {
    async lockConversation(key) {
      await client.query('INSERT INTO hotline.conversations (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [
        key,
      ]);
      const { rows } = await client.query<{ state: unknown }>(
        'SELECT state FROM hotline.conversations WHERE key = $1 FOR UPDATE',
        [key],
      );
      return parseConversationState(rows[0]?.state);
    },
    async saveConversation(key, state: ConversationState) {
      await client.query('UPDATE hotline.conversations SET state = $2, updated_at = now() WHERE key = $1', [
        key,
        JSON.stringify(state),
      ]);
    },
    async pendingInbound(conversation) {
      const { rows } = await client.query<{ seq: string; payload: unknown }>(
        'SELECT seq, payload FROM hotline.inbound WHERE conversation = $1 AND processed_at IS NULL ORDER BY seq',
        [conversation],
      );
      return rows.map((r): PendingInbound => ({ seq: String(r.seq), message: decodeInbound(r.payload) }));
    },
    async markProcessed(seqs) {
      if (!seqs.length) return;
      await client.query('UPDATE hotline.inbound SET processed_at = now() WHERE seq = ANY($1::bigint[])', [
        seqs,
      ]);
    },
    async nextTicketNumber(prefix, dayKey) {
      const { rows } = await client.query<{ n: number }>(
        `INSERT INTO hotline.ticket_counters (day, n) VALUES ($1, 1)
         ON CONFLICT (day) DO UPDATE SET n = hotline.ticket_counters.n + 1 RETURNING n`,
        [`${prefix}${dayKey}`],
      );
      return `${prefix}${dayKey}${String(rows[0]!.n).padStart(4, '0')}`;
    },
    async getTicket(number, forUpdate = false) {
      const { rows } = await client.query<{ data: unknown }>(
        `SELECT data FROM hotline.tickets WHERE number = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [number],
      );
      return rows[0] ? parseTicket(rows[0].data) : undefined;
    },
    async insertTicket(ticket) {
      await client.query(
        `INSERT INTO hotline.tickets (number, channel, resident_ref, department, status, created_at, updated_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          ticket.number,
          ticket.channel,
          ticket.residentRef,
          ticket.department,
          ticket.status,
          ticket.createdAt,
          ticket.updatedAt,
          JSON.stringify(ticket),
        ],
      );
    },
    async updateTicket(ticket) {
      await client.query(
        'UPDATE hotline.tickets SET department = $2, status = $3, updated_at = $4, data = $5 WHERE number = $1',
        [ticket.number, ticket.department, ticket.status, ticket.updatedAt, JSON.stringify(ticket)],
      );
    },
    async appendEvents(number, events: readonly TicketEvent[]) {
      for (const e of events) {
        await client.query(
          'INSERT INTO hotline.ticket_events (number, type, actor, at, note, data) VALUES ($1, $2, $3, $4, $5, $6)',
          [number, e.type, e.actor, e.at, e.note ?? null, e.data ? JSON.stringify(e.data) : null],
        );
      }
    },
    async listEvents(number) {
      const { rows } = await client.query<{
        type: TicketEvent['type'];
        actor: string;
        at: Date;
        note: string | null;
        data: Record<string, unknown> | null;
      }>('SELECT type, actor, at, note, data FROM hotline.ticket_events WHERE number = $1 ORDER BY id', [
        number,
      ]);
      return rows.map((r) => ({
        type: r.type,
        actor: r.actor,
        at: new Date(r.at),
        ...(r.note !== null ? { note: r.note } : {}),
        ...(r.data ? { data: r.data } : {}),
      }));
    },
    async findTickets(query: TicketQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (query.statuses) add('status = ANY(?)', query.statuses);
      if (query.receivedFrom) add('created_at >= ?', query.receivedFrom);
      if (query.receivedBefore) add('created_at < ?', query.receivedBefore);
      if (query.channel) add('channel = ?', query.channel);
      if (query.residentRef) add('resident_ref = ?', query.residentRef);
      if (query.department) add('department = ?', query.department);
      params.push(query.limit ?? 100);
      const { rows } = await client.query<{ data: unknown }>(
        `SELECT data FROM hotline.tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, number DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => parseTicket(r.data));
    },
    async enqueue(items: readonly OutboxItem[]) {
      for (const item of items) {
        await client.query('INSERT INTO hotline.outbox (item) VALUES ($1)', [JSON.stringify(item)]);
      }
    },
    async peekConversation(key) {
      const { rows } = await client.query<{ state: unknown }>(
        'SELECT state FROM hotline.conversations WHERE key = $1',
        [key],
      );
      return parseConversationState(rows[0]?.state);
    },
    async countRecentInbound(conversation, since, untilSeq, max) {
      // The latest `max` rows only: walking the primary key backwards stops early.
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT payload FROM hotline.inbound WHERE conversation = $1 AND seq <= $2
           ORDER BY seq DESC LIMIT $4
         ) recent WHERE (payload->>'receivedAt')::timestamptz >= $3`,
        [conversation, untilSeq, since, max],
      );
      return rows[0]?.n ?? 0;
    },
    async countTickets(query: TicketCountQuery) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM hotline.tickets
         WHERE channel = $1 AND resident_ref = $2 AND created_at >= $3
           AND ($4::text IS NULL OR data->>'mode' IS DISTINCT FROM $4)`,
        [query.channel, query.residentRef, query.since, query.excludeMode ?? null],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
