import { encodeMessage, errorResponse } from './backend-messages.js';
import { readCString } from './frontend-reader.js';
import type { SessionItem } from './session-scheduler.js';
import { isCopyFromStdin, listenChanges } from './sql-inspection.js';

const QUERY = 'Q'.charCodeAt(0);
const PARSE = 'P'.charCodeAt(0);
const BIND = 'B'.charCodeAt(0);
const DESCRIBE = 'D'.charCodeAt(0);
const CLOSE = 'C'.charCodeAt(0);
const SYNC = 'S'.charCodeAt(0);
const STATEMENT = 'S'.charCodeAt(0);

const SYNC_MESSAGE = encodeMessage(SYNC, Buffer.alloc(0));
const COPY_REFUSED = errorResponse(
  'ERROR',
  '0A000',
  'COPY FROM STDIN is not supported by the embedded database; use INSERT',
);

/**
 * Turns one client's messages into what may be shown to the shared session. Clients believe they
 * each have a session of their own, so:
 * - named prepared statements get a per-client prefix (two `pg` clients may both prepare "q1");
 * - LISTEN/UNLISTEN are noted so notifications reach the client that asked for them;
 * - COPY FROM STDIN is refused before PGlite sees it (it kills PGlite 0.5.14); as PostgreSQL does
 *   after an error in an extended query, the rest is skipped up to the client's Sync.
 */
export class ClientTranslator {
  readonly channels = new Set<string>();
  readonly statements = new Set<string>();
  private skippingToSync = false;

  constructor(private readonly statementPrefix: string) {}

  translate(type: number, bytes: Buffer): SessionItem[] {
    if (this.skippingToSync && type !== SYNC) return [];
    switch (type) {
      case QUERY: {
        const sql = readCString(bytes, 5).value;
        if (isCopyFromStdin(sql)) return [{ kind: 'reply', bytes: COPY_REFUSED }, message(SYNC_MESSAGE)];
        return [this.noteListen(sql, bytes)];
      }
      case PARSE: {
        const name = readCString(bytes, 5);
        const sql = readCString(bytes, name.next).value;
        if (isCopyFromStdin(sql)) {
          this.skippingToSync = true;
          return [{ kind: 'reply', bytes: COPY_REFUSED }];
        }
        if (name.value === '') return [this.noteListen(sql, bytes)];
        this.statements.add(this.statementPrefix + name.value);
        return [this.noteListen(sql, this.renamed(bytes, 5))];
      }
      case BIND: {
        const portal = readCString(bytes, 5);
        return [message(this.renamed(bytes, portal.next))];
      }
      case DESCRIBE:
      case CLOSE: {
        if (bytes[5] !== STATEMENT) return [message(bytes)];
        if (type === CLOSE) this.statements.delete(this.statementPrefix + readCString(bytes, 6).value);
        return [message(this.renamed(bytes, 6))];
      }
      case SYNC:
        this.skippingToSync = false;
        return [message(bytes)];
      default:
        return [message(bytes)];
    }
  }

  private noteListen(sql: string, bytes: Buffer): SessionItem {
    const changes = listenChanges(sql);
    for (const channel of changes.listen) this.channels.add(channel);
    if (changes.unlisten === '*') this.channels.clear();
    else for (const channel of changes.unlisten) this.channels.delete(channel);
    const unlistens = changes.unlisten === '*' || changes.unlisten.length > 0;
    return unlistens ? { kind: 'message', bytes, unlistens } : message(bytes);
  }

  /** Prefixes the statement name found at `offset`; the unnamed statement stays unnamed. */
  private renamed(bytes: Buffer, offset: number): Buffer {
    const name = readCString(bytes, offset);
    if (name.value === '') return bytes;
    const body = Buffer.concat([
      bytes.subarray(5, offset),
      Buffer.from(`${this.statementPrefix}${name.value}\0`, 'utf8'),
      bytes.subarray(name.next),
    ]);
    return encodeMessage(bytes[0]!, body);
  }
}

function message(bytes: Buffer): SessionItem {
  return { kind: 'message', bytes };
}
