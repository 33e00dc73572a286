import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createPgStore, type PgStore } from '../../../adapters/store/pg/pg-store.js';
import type { CliCommand, CliIo } from '../../../bots/cli/cli-command.js';
import type { Ticket, TicketEvent } from '../../../core/domain/ticket.js';
import { createFreshDatabase } from '../../support/fresh-database.js';

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
    async run(command: CliCommand, args: readonly string[], env: Record<string, string> = {}) {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out: string[] = [];
      const err: string[] = [];
      stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
      stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
      const io: CliIo = {
        stdin: new PassThrough(),
        stdout,
        stderr,
        env: { DATABASE_URL: fresh.url, HOTLINE_CONFIG: path.join(REPO_ROOT, 'config/county.yaml'), ...env },
        cwd: dir,
      };
      const code = await command.run(args, io);
      return { code, stdout: out.join(''), stderr: err.join('') };
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
  return {
    number,
    channel: 'web',
    conversation: `web:${number}`,
    residentRef: number,
    confidential: false,
    appealType: '投诉',
    category: '城乡建设/路灯照明',
    title: '路灯不亮',
    description: '小区门口路灯不亮',
    urgency: '一般',
    flags: [],
    department: 'zjj',
    coDepartments: [],
    status: 'dispatched',
    supervised: false,
    acceptBy: new Date(receivedAt.getTime() + 86_400_000),
    dueAt: new Date(receivedAt.getTime() + 5 * 86_400_000),
    returnCount: 0,
    reopenCount: 0,
    attachments: [],
    createdAt: receivedAt,
    dispatchedAt: receivedAt,
    updatedAt: receivedAt,
    ...fields,
  };
}

export const filed = (at: Date): TicketEvent[] => [
  { type: 'received', actor: 'resident', at },
  { type: 'dispatched', actor: 'system', at },
];
