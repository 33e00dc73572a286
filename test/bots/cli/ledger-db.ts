import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPgStore, type PgStore } from '../../../adapters/store/pg/pg-store.js';
import type { CliCommand } from '../../../bots/cli/cli-command.js';
import type { Ticket, TicketEvent } from '../../../core/domain/ticket.js';
import { createFreshDatabase } from '../../support/fresh-database.js';
import { ticketFixture } from '../../support/ticket.js';
import { runCommand } from './run-command.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export const local = (iso: string) => new Date(`${iso}+08:00`);

/** A fresh database migrated by the store, a scratch folder, and a way to run a command against them. */
export async function ledgerDatabase() {
  const fresh = await createFreshDatabase();
  const store: PgStore = await createPgStore({ connectionString: fresh.url, max: 2 });
  const dir = await mkdtemp(path.join(tmpdir(), 'hotline-ledger-'));
  return {
    store,
    dir,
    async insert(ticket: Ticket, events: readonly TicketEvent[]) {
      await store.transaction(async (tx) => {
        await tx.insertTicket(ticket);
        await tx.appendEvents(ticket.number, events);
      });
    },
    run(command: CliCommand, args: readonly string[], env: Record<string, string> = {}) {
      return runCommand(command, args, {
        env: { DATABASE_URL: fresh.url, HOTLINE_CONFIG: path.join(REPO_ROOT, 'config/county.yaml'), ...env },
        cwd: dir,
      });
    },
    async close() {
      await store.close();
      await fresh.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An order of the shipped county (department ids and people from config/county.yaml). */
export function countyTicket(number: string, receivedAt: Date, fields: Partial<Ticket> = {}): Ticket {
  return ticketFixture(receivedAt, { number, conversation: `web:${number}`, residentRef: number, ...fields });
}

export const filed = (at: Date): TicketEvent[] => [
  { type: 'received', actor: 'resident', at },
  { type: 'dispatched', actor: 'system', at },
];
