import protobuf from 'protobufjs';

/**
 * The long connection's wire format: protobuf `pbbp2.Frame` (proto2, required fields), one frame
 * per binary WebSocket message. Field numbers match what the SDK's WSClient encodes; the SDK
 * decodes uint64 as plain numbers, so we do too.
 */

export const FrameMethod = { control: 0, data: 1 } as const;

/** Values of the `type` header: control frames are ping/pong, data frames are event/card. */
export type FrameKind = 'ping' | 'pong' | 'event' | 'card';

export interface FrameHeader {
  readonly key: string;
  readonly value: string;
}

export interface Frame {
  readonly SeqID: number;
  readonly LogID: number;
  readonly service: number;
  readonly method: number;
  readonly headers: readonly FrameHeader[];
  readonly payloadEncoding?: string;
  readonly payloadType?: string;
  readonly payload?: Uint8Array;
  readonly LogIDNew?: string;
}

const headerType = new protobuf.Type('Header')
  .add(new protobuf.Field('key', 1, 'string', 'required'))
  .add(new protobuf.Field('value', 2, 'string', 'required'));

const frameType = new protobuf.Type('Frame')
  .add(new protobuf.Field('SeqID', 1, 'uint64', 'required'))
  .add(new protobuf.Field('LogID', 2, 'uint64', 'required'))
  .add(new protobuf.Field('service', 3, 'int32', 'required'))
  .add(new protobuf.Field('method', 4, 'int32', 'required'))
  .add(new protobuf.Field('headers', 5, 'Header', 'repeated'))
  .add(new protobuf.Field('payloadEncoding', 6, 'string', 'optional'))
  .add(new protobuf.Field('payloadType', 7, 'string', 'optional'))
  .add(new protobuf.Field('payload', 8, 'bytes', 'optional'))
  .add(new protobuf.Field('LogIDNew', 9, 'string', 'optional'));

new protobuf.Root().define('pbbp2').add(headerType).add(frameType);

export function encodeFrame(frame: Frame): Uint8Array {
  return frameType.encode(frameType.fromObject({ ...frame, headers: [...frame.headers] })).finish();
}

/** Throws on bytes that are not a Frame (a missing required field included). */
export function decodeFrame(bytes: Uint8Array): Frame {
  const message = frameType.decode(bytes);
  const plain = frameType.toObject(message, { longs: Number, arrays: true }) as Record<string, unknown>;
  const headers = (plain.headers as FrameHeader[] | undefined) ?? [];
  return {
    SeqID: Number(plain.SeqID),
    LogID: Number(plain.LogID),
    service: Number(plain.service),
    method: Number(plain.method),
    headers: headers.map((h) => ({ key: h.key, value: h.value })),
    ...(plain.payload instanceof Uint8Array ? { payload: plain.payload } : {}),
    ...(typeof plain.payloadEncoding === 'string' ? { payloadEncoding: plain.payloadEncoding } : {}),
    ...(typeof plain.payloadType === 'string' ? { payloadType: plain.payloadType } : {}),
    ...(typeof plain.LogIDNew === 'string' ? { LogIDNew: plain.LogIDNew } : {}),
  };
}

export function frameHeader(frame: Frame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}

export function jsonPayload(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function parseJsonPayload(frame: Frame): unknown {
  if (frame.payload === undefined) return undefined;
  return JSON.parse(new TextDecoder().decode(frame.payload));
}
