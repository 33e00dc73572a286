/** What the server sends: a few messages we write ourselves, and a splitter for PGlite's output. */

const TYPE_ERROR = 'E'.charCodeAt(0);
export const TYPE_READY_FOR_QUERY = 'Z'.charCodeAt(0);
export const TYPE_NOTIFICATION = 'A'.charCodeAt(0);
const TYPE_BACKEND_KEY_DATA = 'K'.charCodeAt(0);
const TYPE_NEGOTIATE_PROTOCOL = 'v'.charCodeAt(0);

/** The byte a server answers to an SSL or GSS encryption request it declines. */
export const DECLINE_ENCRYPTION = Buffer.from('N');

export function encodeMessage(type: number, body: Buffer): Buffer {
  const message = Buffer.allocUnsafe(5 + body.length);
  message[0] = type;
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

export function cString(value: string): Buffer {
  return Buffer.from(`${value}\0`, 'utf8');
}

/** `severity` is ERROR or FATAL; `code` a SQLSTATE (08P01 protocol violation, 53300 too many clients…). */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Buffer {
  const field = (tag: string, value: string) => Buffer.concat([Buffer.from(tag), cString(value)]);
  const body = Buffer.concat([
    field('S', severity),
    field('V', severity),
    field('C', code),
    field('M', message),
    Buffer.from([0]),
  ]);
  return encodeMessage(TYPE_ERROR, body);
}

export function backendKeyData(processId: number, secretKey: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeInt32BE(processId, 0);
  body.writeInt32BE(secretKey, 4);
  return encodeMessage(TYPE_BACKEND_KEY_DATA, body);
}

export function readyForQuery(status: 'I' | 'T' | 'E'): Buffer {
  return encodeMessage(TYPE_READY_FOR_QUERY, Buffer.from(status));
}

/** Tells a client asking for protocol 3.x (x > 0) that we speak 3.0 and ignore its `_pq_.` options. */
export function negotiateProtocolVersion(unsupportedOptions: readonly string[]): Buffer {
  const head = Buffer.alloc(8);
  head.writeInt32BE((3 << 16) | 0, 0);
  head.writeInt32BE(unsupportedOptions.length, 4);
  return encodeMessage(TYPE_NEGOTIATE_PROTOCOL, Buffer.concat([head, ...unsupportedOptions.map(cString)]));
}

/** Channel name of a NotificationResponse (int32 pid, channel, payload). */
export function notificationChannel(message: Buffer): string {
  const start = 9;
  const end = message.indexOf(0, start);
  return message.toString('utf8', start, end < 0 ? message.length : end);
}

/**
 * Cuts PGlite's raw output into whole messages. The chunks PGlite hands over are views into its
 * memory that it reuses, so everything is copied before the callback returns.
 */
export class BackendSplitter {
  private rest: Buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (type: number, message: Buffer) => void) {}

  push(data: Uint8Array): void {
    const buffer = this.rest.length > 0 ? Buffer.concat([this.rest, data]) : Buffer.from(data);
    let offset = 0;
    while (buffer.length - offset >= 5) {
      const end = offset + 1 + buffer.readInt32BE(offset + 1);
      if (end > buffer.length) break;
      this.onMessage(buffer[offset]!, buffer.subarray(offset, end));
      offset = end;
    }
    this.rest = buffer.subarray(offset);
  }

  /** Bytes of a message PGlite has not finished (never expected between turns). */
  get pendingBytes(): number {
    return this.rest.length;
  }
}

/** The startup answer PGlite gives, minus its BackendKeyData and ReadyForQuery, which we write per client. */
export function startupParameters(reply: Buffer): Buffer {
  const kept: Buffer[] = [];
  new BackendSplitter((type, message) => {
    if (type !== TYPE_BACKEND_KEY_DATA && type !== TYPE_READY_FOR_QUERY) kept.push(Buffer.from(message));
  }).push(reply);
  return Buffer.concat(kept);
}
