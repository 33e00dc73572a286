import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeFeishuState } from './fake-feishu-state.js';
import {
  decodeFrame,
  encodeFrame,
  type Frame,
  type FrameKind,
  FrameMethod,
  frameHeader,
  jsonPayload,
  parseJsonPayload,
} from './ws-frames.js';

/**
 * Feishu's long connection as the SDK's WSClient sees it: `POST /callback/ws/endpoint` hands out
 * a WebSocket URL (with `service_id` and a ticket) plus timings; the client pings at once and
 * every `PingInterval` s, we pong with the timings; events go out as data frames and the client
 * answers each with the same frame carrying `{ code, data? }` (data = base64 JSON of what the
 * handler returned).
 */

export const WS_PATH = '/ws/v2';
const SERVICE_ID = 33554678;

/** What the client answered to a pushed frame. */
export interface WsAck {
  /** 200 when the handler succeeded, 500 when it threw. */
  readonly code: number;
  /** The handler's return value (for `card.action.trigger`: the toast / card answer). */
  readonly data?: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface PushOptions {
  /** `event` is what Feishu uses for events and card callbacks alike. */
  readonly kind?: Extract<FrameKind, 'event' | 'card'>;
  /** Split the payload over this many frames, as Feishu does for large events. */
  readonly fragments?: number;
  readonly timeoutMs?: number;
}

interface Connection {
  readonly socket: WebSocket;
  pinged: boolean;
}

export class LongConnection {
  /** Client pings received, across connections. */
  pings = 0;
  /** WebSocket connections accepted, across reconnects. */
  connects = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly tickets = new Set<string>();
  private readonly acks = new Map<string, (ack: WsAck) => void>();
  private readonly readyWaiters = new Set<() => void>();
  private seq = 1;

  constructor(
    private readonly state: FakeFeishuState,
    private readonly clientConfig = {
      PingInterval: 120,
      ReconnectCount: -1,
      ReconnectInterval: 1,
      ReconnectNonce: 0,
    },
  ) {}

  /** Answer to `POST /callback/ws/endpoint` (body `{ AppID, AppSecret }`). */
  endpoint(body: unknown, baseUrl: string): unknown {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (b.AppID !== this.state.identity.appId || b.AppSecret !== this.state.identity.appSecret) {
      return { code: 514, msg: 'auth failed: app id or secret is wrong', data: {} };
    }
    const ticket = randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    const device = randomBytes(8).toString('hex');
    const url = `${baseUrl.replace(/^http/, 'ws')}${WS_PATH}?device_id=${device}&service_id=${SERVICE_ID}&ticket=${ticket}`;
    return { code: 0, msg: 'ok', data: { URL: url, ClientConfig: this.clientConfig } };
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket');
    if (url.pathname !== WS_PATH || ticket === null || !this.tickets.has(ticket)) {
      socket.end(
        'HTTP/1.1 403 Forbidden\r\nhandshake-status: 403\r\nhandshake-msg: invalid ticket\r\n' +
          'handshake-autherrcode: 1000040343\r\nconnection: close\r\n\r\n',
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /**
   * Sends one JSON payload to the most recent connection whose client has pinged (a frame sent
   * before the SDK's first ping is lost: it attaches its listener only after `open`), and resolves
   * with the client's answer.
   */
  async push(payload: unknown, options: PushOptions = {}): Promise<WsAck> {
    const conn = await this.readyConnection(options.timeoutMs ?? 5_000);
    const messageId = randomBytes(8).toString('hex');
    const bytes = jsonPayload(payload);
    const parts = Math.max(1, Math.min(options.fragments ?? 1, bytes.length));
    const size = Math.ceil(bytes.length / parts);
    const answered = new Promise<WsAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(messageId);
        reject(
          new Error(`fake-feishu: no answer to frame ${messageId} within ${options.timeoutMs ?? 5_000} ms`),
        );
      }, options.timeoutMs ?? 5_000);
      this.acks.set(messageId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    for (let i = 0; i < parts; i++) {
      const frame: Frame = {
        SeqID: this.seq++,
        LogID: this.seq,
        service: SERVICE_ID,
        method: FrameMethod.data,
        headers: [
          { key: 'type', value: options.kind ?? 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: String(parts) },
          { key: 'seq', value: String(i) },
          { key: 'trace_id', value: randomBytes(8).toString('hex') },
        ],
        payload: bytes.subarray(i * size, (i + 1) * size),
      };
      conn.socket.send(encodeFrame(frame));
    }
    return answered;
  }

  /** Closes every client socket from the server side; the SDK reconnects by itself. */
  dropConnections(): void {
    for (const conn of this.connections) conn.socket.terminate();
  }

  get connected(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const conn: Connection = { socket, pinged: false };
    this.connects += 1;
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
    socket.on('error', () => this.connections.delete(conn));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return;
      this.onFrame(conn, data as Buffer);
    });
  }

  private onFrame(conn: Connection, bytes: Buffer): void {
    const frame = decodeFrame(bytes);
    const type = frameHeader(frame, 'type');
    if (frame.method === FrameMethod.control && type === 'ping') {
      this.pings += 1;
      conn.socket.send(
        encodeFrame({
          ...frame,
          headers: [{ key: 'type', value: 'pong' }],
          payload: jsonPayload(this.clientConfig),
        }),
      );
      if (!conn.pinged) {
        conn.pinged = true;
        for (const wake of this.readyWaiters) wake();
        this.readyWaiters.clear();
      }
      return;
    }
    if (frame.method !== FrameMethod.data) return;
    const messageId = frameHeader(frame, 'message_id');
    const resolve = messageId === undefined ? undefined : this.acks.get(messageId);
    if (messageId === undefined || resolve === undefined) return;
    this.acks.delete(messageId);
    const body = parseJsonPayload(frame) as { code?: number; data?: string } | undefined;
    const data =
      typeof body?.data === 'string'
        ? JSON.parse(Buffer.from(body.data, 'base64').toString('utf8'))
        : undefined;
    resolve({
      code: body?.code ?? -1,
      ...(data === undefined ? {} : { data }),
      headers: Object.fromEntries(frame.headers.map((h) => [h.key, h.value])),
    });
  }

  private async readyConnection(timeoutMs: number): Promise<Connection> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = [...this.connections]
        .filter((c) => c.pinged && c.socket.readyState === c.socket.OPEN)
        .at(-1);
      if (ready !== undefined) return ready;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error('fake-feishu: no WSClient connected (did it start, with a cli_ + 16 hex app id?)');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.readyWaiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
