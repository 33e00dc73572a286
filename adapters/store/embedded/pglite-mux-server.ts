import { randomInt } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import {
  backendKeyData,
  cString,
  DECLINE_ENCRYPTION,
  errorResponse,
  negotiateProtocolVersion,
  readyForQuery,
  startupParameters,
} from './backend-messages.js';
import { ClientTranslator } from './client-translator.js';
import { type FrontendEvent, FrontendReader, ProtocolError } from './frontend-reader.js';
import {
  type PgliteSession,
  type SessionClient,
  type SessionLogger,
  SessionScheduler,
} from './session-scheduler.js';

export interface MuxLogger extends SessionLogger {
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface PgliteMuxServerOptions {
  /** An open PGlite (or anything with the same session methods). */
  readonly db: PgliteSession & { execProtocolRaw(message: Uint8Array): Promise<Uint8Array> };
  /** Unix socket to listen on, e.g. `<dir>/.s.PGSQL.5432`. */
  readonly socketPath?: string;
  /** Also (or only) listen on 127.0.0.1; 0 picks a free port. */
  readonly tcpPort?: number;
  readonly maxConnections?: number;
  readonly ownerIdleTimeoutMs?: number;
  readonly logger?: MuxLogger;
}

export interface PgliteMuxServer {
  readonly socketPath: string | undefined;
  readonly tcpPort: number | undefined;
  readonly connectionCount: number;
  /** Stops listening, drops every client (rolling back what they left open). PGlite stays open. */
  close(): Promise<void>;
}

const DEFAULT_MAX_CONNECTIONS = 100;
const DEFAULT_OWNER_IDLE_TIMEOUT_MS = 60_000;
const TERMINATE = 'X'.charCodeAt(0);

/** Serves one PGlite session to many PostgreSQL clients (pg, BullMQ, psql). */
export async function startPgliteMuxServer(options: PgliteMuxServerOptions): Promise<PgliteMuxServer> {
  if (options.socketPath === undefined && options.tcpPort === undefined) {
    throw new Error('startPgliteMuxServer needs a socketPath or a tcpPort');
  }
  const logger = options.logger;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const startupReply = startupParameters(
    Buffer.from(await options.db.runExclusive(() => options.db.execProtocolRaw(canonicalStartupPacket()))),
  );
  const connections = new Set<MuxConnection>();
  const servers: Server[] = [];
  let closing = false;
  let nextId = 1;

  const scheduler = new SessionScheduler(options.db, {
    ownerIdleTimeoutMs: options.ownerIdleTimeoutMs ?? DEFAULT_OWNER_IDLE_TIMEOUT_MS,
    ...(logger ? { logger } : {}),
    onFatal: (error) => {
      logger?.error({ err: error }, 'embedded postgres: PGlite stopped; dropping every client');
      const fatal = errorResponse('FATAL', 'XX000', 'the embedded database stopped');
      for (const connection of connections) connection.terminate(fatal);
    },
  });

  const accept = (socket: Socket) => {
    socket.setNoDelay(true);
    socket.on('error', (error) => logger?.debug({ err: error }, 'embedded postgres: client socket error'));
    if (closing || scheduler.failed || connections.size >= maxConnections) {
      const reason = closing || scheduler.failed ? 'the database is shutting down' : 'too many clients';
      socket.end(errorResponse('FATAL', closing ? '57P01' : '53300', reason));
      return;
    }
    const connection = new MuxConnection(nextId++, socket, startupReply, scheduler, logger);
    connections.add(connection);
    socket.on('close', () => {
      connections.delete(connection);
      scheduler.remove(connection);
    });
  };

  const onServerError = (error: Error) =>
    logger?.error({ err: error }, 'embedded postgres: server socket error');
  if (options.socketPath !== undefined) {
    servers.push(await listen(accept, { path: options.socketPath }, onServerError));
  }
  const tcpServer =
    options.tcpPort === undefined
      ? undefined
      : await listen(accept, { host: '127.0.0.1', port: options.tcpPort }, onServerError);
  if (tcpServer) servers.push(tcpServer);
  const address = tcpServer?.address();

  return {
    socketPath: options.socketPath,
    tcpPort: address && typeof address === 'object' ? address.port : undefined,
    get connectionCount() {
      return connections.size;
    },
    async close() {
      if (closing) return;
      closing = true;
      const stopped = Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      for (const connection of connections) {
        connection.socket.destroy();
        scheduler.remove(connection);
      }
      connections.clear();
      await scheduler.drained();
      await stopped;
      if (options.socketPath !== undefined) await rm(options.socketPath, { force: true });
    },
  };
}

class MuxConnection implements SessionClient {
  private readonly reader = new FrontendReader();
  private readonly translator: ClientTranslator;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly startupReply: Buffer,
    private readonly scheduler: SessionScheduler,
    private readonly logger: MuxLogger | undefined,
  ) {
    this.translator = new ClientTranslator(`mux${id}_`);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  get channels(): ReadonlySet<string> {
    return this.translator.channels;
  }

  get statements(): ReadonlySet<string> {
    return this.translator.statements;
  }

  write(data: Buffer): void {
    if (this.socket.writable) this.socket.write(data);
  }

  terminate(error: Buffer): void {
    if (this.socket.destroyed) return;
    this.socket.end(error);
    // A client that never reads or closes must not keep its slot.
    setTimeout(() => this.socket.destroy(), 1_000).unref();
  }

  /** A client that breaks the protocol loses its connection; the server and other clients carry on. */
  private receive(chunk: Buffer): void {
    try {
      for (const event of this.reader.push(chunk)) this.handle(event);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ProtocolError))
        this.logger?.error({ err: error, client: this.id }, 'embedded postgres');
      this.logger?.warn(
        { client: this.id, reason },
        'embedded postgres: malformed client stream, closing it',
      );
      this.socket.removeAllListeners('data');
      this.terminate(errorResponse('FATAL', '08P01', `protocol violation: ${reason}`));
      this.scheduler.remove(this);
    }
  }

  private handle(event: FrontendEvent): void {
    switch (event.kind) {
      case 'ssl-request':
      case 'gssenc-request':
        this.write(DECLINE_ENCRYPTION);
        return;
      case 'cancel-request':
        // There is no backend process to interrupt; PostgreSQL sends nothing back either.
        this.socket.destroy();
        return;
      case 'startup':
        this.scheduler.add(this);
        this.write(this.startupAnswer(event.minorVersion, event.params));
        return;
      case 'message':
        if (event.type === TERMINATE) {
          this.socket.end();
          this.scheduler.remove(this);
          return;
        }
        this.scheduler.submit(this, this.translator.translate(event.type, event.bytes));
        return;
    }
  }

  private startupAnswer(minorVersion: number, params: ReadonlyMap<string, string>): Buffer {
    const negotiation =
      minorVersion > 0
        ? [negotiateProtocolVersion([...params.keys()].filter((key) => key.startsWith('_pq_.')))]
        : [];
    return Buffer.concat([
      ...negotiation,
      this.startupReply,
      backendKeyData(this.id, randomInt(1, 2 ** 31 - 1)),
      readyForQuery('I'),
    ]);
  }
}

function listen(
  accept: (socket: Socket) => void,
  where: { path: string } | { host: string; port: number },
  onError: (error: Error) => void,
): Promise<Server> {
  const server = createServer(accept);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      server.on('error', onError);
      resolve(server);
    });
  });
}

/** What PGlite answers to a StartupMessage is the same for every client, so it is asked once. */
function canonicalStartupPacket(): Buffer {
  const body = Buffer.concat([
    cString('user'),
    cString('postgres'),
    cString('database'),
    cString('postgres'),
  ]);
  const packet = Buffer.alloc(8 + body.length + 1);
  packet.writeInt32BE(packet.length, 0);
  packet.writeInt32BE(3 << 16, 4);
  body.copy(packet, 8);
  return packet;
}
