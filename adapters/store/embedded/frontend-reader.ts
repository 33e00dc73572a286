/** Decodes what a PostgreSQL client sends: the untyped startup packets, then typed messages. */

export const SSL_REQUEST_CODE = 80_877_103;
export const GSSENC_REQUEST_CODE = 80_877_104;
export const CANCEL_REQUEST_CODE = 80_877_102;
const PROTOCOL_MAJOR_3 = 3;

/** PostgreSQL's own limit for a startup packet. */
const MAX_STARTUP_BYTES = 10_000;
/** Far above any statement or bulk insert the application sends; a garbage length fails fast. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** Message types a client may send once started (protocol 3). */
const FRONTEND_TYPES = new Set('BCdcfDEHFPpQSX'.split('').map((c) => c.charCodeAt(0)));

export type FrontendEvent =
  | { readonly kind: 'ssl-request' }
  | { readonly kind: 'gssenc-request' }
  | { readonly kind: 'cancel-request' }
  | { readonly kind: 'startup'; readonly minorVersion: number; readonly params: ReadonlyMap<string, string> }
  | { readonly kind: 'message'; readonly type: number; readonly bytes: Buffer };

export class ProtocolError extends Error {}

/**
 * Incremental: feed it socket chunks, get whole events back. Chunks are kept as a list and joined only
 * once a message is complete, so a large message costs one copy, not one per chunk.
 */
export class FrontendReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private started = false;

  push(chunk: Buffer): FrontendEvent[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const events: FrontendEvent[] = [];
    for (;;) {
      const event = this.started ? this.nextMessage() : this.nextStartupPacket();
      if (!event) return events;
      events.push(event);
    }
  }

  private nextStartupPacket(): FrontendEvent | undefined {
    if (this.length < 8) return undefined;
    const head = this.peek(8);
    const size = head.readInt32BE(0);
    const code = head.readInt32BE(4);
    if (size < 8 || size > MAX_STARTUP_BYTES)
      throw new ProtocolError(`invalid startup packet length ${size}`);
    if (this.length < size) return undefined;
    const packet = this.take(size);
    if (code === SSL_REQUEST_CODE && size === 8) return { kind: 'ssl-request' };
    if (code === GSSENC_REQUEST_CODE && size === 8) return { kind: 'gssenc-request' };
    if (code === CANCEL_REQUEST_CODE && size === 16) return { kind: 'cancel-request' };
    if (code >>> 16 !== PROTOCOL_MAJOR_3)
      throw new ProtocolError(`unsupported protocol ${code >>> 16}.${code & 0xffff}`);
    this.started = true;
    return { kind: 'startup', minorVersion: code & 0xffff, params: parseStartupParams(packet.subarray(8)) };
  }

  private nextMessage(): FrontendEvent | undefined {
    if (this.length < 5) return undefined;
    const head = this.peek(5);
    const type = head[0]!;
    const size = head.readInt32BE(1);
    if (!FRONTEND_TYPES.has(type)) throw new ProtocolError(`unknown message type 0x${type.toString(16)}`);
    if (size < 4 || size > MAX_MESSAGE_BYTES) throw new ProtocolError(`invalid message length ${size}`);
    if (this.length < size + 1) return undefined;
    return { kind: 'message', type, bytes: this.take(size + 1) };
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(n: number): Buffer {
    const joined = this.peek(n);
    const taken = joined.subarray(0, n);
    const rest = joined.subarray(n);
    this.chunks[0] = rest;
    if (rest.length === 0) this.chunks.shift();
    this.length -= n;
    return taken;
  }
}

function parseStartupParams(body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const key = readCString(body, offset);
    const value = readCString(body, key.next);
    params.set(key.value, value.value);
    offset = value.next;
  }
  return params;
}

/** Reads a NUL-terminated UTF-8 string; a missing terminator is a protocol error. */
export function readCString(buffer: Buffer, offset: number): { value: string; next: number } {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated string');
  return { value: buffer.toString('utf8', offset, end), next: end + 1 };
}
