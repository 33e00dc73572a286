import type { Pool } from 'pg';
import { z } from 'zod';

type Queryable = Pick<Pool, 'query'>;

/** One access to personal data (an export, a reveal of phone numbers…): who, what, with which scope. */
export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends AuditEntry {
  readonly id: string;
  readonly at: Date;
}

const AuditRowSchema = z.object({
  id: z.coerce.string(),
  at: z.coerce.date(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

function toRecord(row: unknown): AuditRecord {
  const r = AuditRowSchema.parse(row);
  return { id: r.id, at: r.at, actor: r.actor, action: r.action, detail: r.detail ?? {} };
}

/** Appends a row to `hotline.audit_log`; the database clock gives the time. */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<AuditRecord> {
  const { rows } = await db.query(
    `INSERT INTO hotline.audit_log (actor, action, detail) VALUES ($1, $2, $3)
     RETURNING id, at, actor, action, detail`,
    [entry.actor, entry.action, JSON.stringify(entry.detail)],
  );
  return toRecord(rows[0]);
}

/** The latest rows, newest first. */
export async function recentAudit(db: Queryable, limit = 50): Promise<AuditRecord[]> {
  const { rows } = await db.query(
    'SELECT id, at, actor, action, detail FROM hotline.audit_log ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return rows.map(toRecord);
}
