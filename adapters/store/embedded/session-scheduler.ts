import {
  BackendSplitter,
  cString,
  encodeMessage,
  errorResponse,
  notificationChannel,
  TYPE_NOTIFICATION,
  TYPE_READY_FOR_QUERY,
} from './backend-messages.js';

/** The part of PGlite the scheduler uses: one session, one caller at a time. */
export interface PgliteSession {
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void },
  ): Promise<void>;
  isInTransaction(): boolean;
  readonly closed: boolean;
}

export type SessionItem =
  | { readonly kind: 'message'; readonly bytes: Buffer; readonly unlistens?: boolean }
  /** Written to the client in its turn, never shown to PGlite (e.g. a refused statement's error). */
  | { readonly kind: 'reply'; readonly bytes: Buffer };

export interface SessionClient {
  readonly id: number;
  /** Notification channels it LISTENs to. */
  readonly channels: ReadonlySet<string>;
  /** Prepared statements it created, under their session-wide names, closed when it leaves. */
  readonly statements: ReadonlySet<string>;
  write(data: Buffer): void;
  /** Sends the error and drops the connection. */
  terminate(error: Buffer): void;
}

export interface SessionLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SessionSchedulerOptions {
  /** A client holding the session (open transaction, unfinished query) and silent this long is dropped. */
  readonly ownerIdleTimeoutMs: number;
  readonly logger?: SessionLogger;
  /** PGlite itself failed; nothing more can run. */
  readonly onFatal: (error: unknown) => void;
}

interface ClientState {
  readonly client: SessionClient;
  readonly queue: SessionItem[];
  closed: boolean;
  waiting: boolean;
}

const SYNC = encodeMessage('S'.charCodeAt(0), Buffer.alloc(0));
const IDLE = 'I'.charCodeAt(0);
/** Messages after which PostgreSQL answers ReadyForQuery: the end of a client's turn. */
const TURN_ENDS = new Set('QSFcf'.split('').map((c) => c.charCodeAt(0)));

/**
 * Shares PGlite's single session among many clients. A client gets the session for a turn (its
 * messages up to a Sync or simple Query) and keeps it while PGlite is not idle afterwards — inside a
 * transaction, or in the middle of an extended query — so no other client's message can land
 * between its Parse and its Sync, or inside its transaction. Other clients wait in arrival order.
 */
export class SessionScheduler {
  private readonly states = new Map<SessionClient, ClientState>();
  private readonly ready: ClientState[] = [];
  private owner: ClientState | undefined;
  private pumping = false;
  private relistenNeeded = false;
  private ownerTimer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(
    private readonly db: PgliteSession,
    private readonly options: SessionSchedulerOptions,
  ) {}

  add(client: SessionClient): void {
    this.states.set(client, { client, queue: [], closed: false, waiting: false });
  }

  submit(client: SessionClient, items: readonly SessionItem[]): void {
    const state = this.states.get(client);
    if (!state || items.length === 0) return;
    state.queue.push(...items);
    this.schedule(state);
  }

  /** The client is gone: drop what it queued; roll back and close what it left open. */
  remove(client: SessionClient): void {
    const state = this.states.get(client);
    if (!state) return;
    this.states.delete(client);
    state.closed = true;
    state.queue.length = 0;
    if (this.owner === state || client.statements.size > 0) this.schedule(state);
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Resolves once every queued turn and clean-up has run. */
  async drained(): Promise<void> {
    while (!this.failed && (this.pumping || this.ready.length > 0 || this.owner?.closed)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private schedule(state: ClientState): void {
    if (this.owner !== state && !state.waiting) {
      state.waiting = true;
      this.ready.push(state);
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    clearTimeout(this.ownerTimer);
    try {
      for (let next = this.pickNext(); next; next = this.pickNext()) {
        if (next.closed) await this.cleanUp(next);
        else await this.runTurn(next);
        if (!this.owner && this.relistenNeeded) await this.relisten();
      }
    } catch (error) {
      this.options.logger?.error({ err: error }, 'embedded postgres: session scheduler failed');
    } finally {
      this.pumping = false;
    }
    this.armOwnerTimer();
  }

  private pickNext(): ClientState | undefined {
    if (this.failed) return undefined;
    if (this.owner) return this.owner.closed || this.owner.queue.length > 0 ? this.owner : undefined;
    for (let next = this.ready.shift(); next; next = this.ready.shift()) {
      next.waiting = false;
      if (next.closed || next.queue.length > 0) return next;
    }
    return undefined;
  }

  private async runTurn(state: ClientState): Promise<void> {
    const end = state.queue.findIndex((item) => item.kind === 'message' && TURN_ENDS.has(item.bytes[0]!));
    const batch = state.queue.splice(0, end < 0 ? state.queue.length : end + 1);
    this.owner = state;
    let status: number | undefined;
    const out: Buffer[] = [];
    const splitter = new BackendSplitter((type, message) => {
      if (type === TYPE_NOTIFICATION) this.routeNotification(message, state, out);
      else out.push(message);
      if (type === TYPE_READY_FOR_QUERY) status = message[5];
    });
    const onRawData = (data: Uint8Array) => {
      splitter.push(data);
      if (out.length > 0) state.client.write(Buffer.concat(out.splice(0)));
    };
    try {
      await this.db.runExclusive(async () => {
        const input: Buffer[] = [];
        const execute = async () => {
          if (input.length === 0) return;
          const bytes = Buffer.concat(input.splice(0));
          await this.db.execProtocolRawStream(bytes, { onRawData });
        };
        for (const item of batch) {
          if (item.kind === 'reply') {
            await execute();
            state.client.write(item.bytes);
          } else {
            input.push(item.bytes);
            if (item.unlistens) this.relistenNeeded = true;
          }
        }
        await execute();
      });
    } catch (error) {
      this.executionFailed(state, error);
      return;
    }
    if (status === IDLE && !this.db.isInTransaction()) {
      this.owner = undefined;
      if (state.queue.length > 0) this.schedule(state);
    }
  }

  private async cleanUp(state: ClientState): Promise<void> {
    const statements = [...state.client.statements];
    const input: Buffer[] = this.owner === state ? [SYNC] : [];
    for (const name of statements) input.push(closeStatement(name));
    if (statements.length > 0) input.push(SYNC);
    try {
      if (input.length === 0) return;
      await this.db.runExclusive(async () => {
        await this.executeDiscarding(Buffer.concat(input));
        if (this.db.isInTransaction()) await this.executeDiscarding(simpleQuery('ROLLBACK'));
      });
    } catch (error) {
      this.executionFailed(state, error);
    } finally {
      if (this.owner === state) this.owner = undefined;
    }
  }

  /** UNLISTEN acts on the shared session, so channels other clients still want are listened to again. */
  private async relisten(): Promise<void> {
    this.relistenNeeded = false;
    const wanted = new Set<string>();
    for (const state of this.states.values())
      for (const channel of state.client.channels) wanted.add(channel);
    if (wanted.size === 0) return;
    const sql = [...wanted].map((channel) => `LISTEN "${channel.replaceAll('"', '""')}"`).join('; ');
    try {
      await this.db.runExclusive(() => this.executeDiscarding(simpleQuery(sql)));
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'embedded postgres: could not restore LISTEN');
    }
  }

  private async executeDiscarding(input: Buffer): Promise<void> {
    const splitter = new BackendSplitter((type, message) => {
      if (type === TYPE_NOTIFICATION) this.routeNotification(message, undefined, []);
    });
    await this.db.execProtocolRawStream(input, { onRawData: (data) => splitter.push(data) });
  }

  /** In PostgreSQL a notification goes to the sessions that LISTEN; here, to the clients that did. */
  private routeNotification(message: Buffer, origin: ClientState | undefined, originOut: Buffer[]): void {
    const channel = notificationChannel(message);
    for (const state of this.states.values()) {
      if (!state.client.channels.has(channel)) continue;
      if (state === origin) originOut.push(message);
      else state.client.write(message);
    }
  }

  private executionFailed(state: ClientState, error: unknown): void {
    if (this.db.closed || (error instanceof Object && 'name' in error && error.name === 'ExitStatus')) {
      this.failure = error;
      this.owner = undefined;
      this.ready.length = 0;
      this.options.onFatal(error);
      return;
    }
    this.options.logger?.error(
      { err: error, client: state.client.id },
      'embedded postgres: statement failed',
    );
    state.client.terminate(errorResponse('FATAL', 'XX000', 'embedded database error'));
    this.remove(state.client);
  }

  /** A transaction left open by a stalled client would block every other client for good. */
  private armOwnerTimer(): void {
    clearTimeout(this.ownerTimer);
    const owner = this.owner;
    if (!owner || owner.closed) return;
    this.ownerTimer = setTimeout(() => {
      if (this.owner !== owner || this.pumping || owner.queue.length > 0) return;
      this.options.logger?.warn(
        { client: owner.client.id },
        'embedded postgres: client held the session idle',
      );
      owner.client.terminate(
        errorResponse('FATAL', '25P03', 'terminating connection: idle too long inside a transaction'),
      );
      this.remove(owner.client);
    }, this.options.ownerIdleTimeoutMs);
    this.ownerTimer.unref();
  }
}

function simpleQuery(sql: string): Buffer {
  return encodeMessage('Q'.charCodeAt(0), cString(sql));
}

function closeStatement(name: string): Buffer {
  return encodeMessage('C'.charCodeAt(0), Buffer.concat([Buffer.from('S'), cString(name)]));
}
