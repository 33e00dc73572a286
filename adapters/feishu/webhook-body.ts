/**
 * Reads a request body up to a limit. Stops pulling chunks as soon as the limit is passed and
 * does not cancel the source: cancelling a node:http request destroys its socket, and then the
 * 413 could never be sent. The caller closes the connection after answering.
 */

export type BodyRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly reason: 'too_large' | 'unreadable' };

export async function readLimitedBody(
  body: Uint8Array | AsyncIterable<Uint8Array> | undefined,
  maxBytes: number,
): Promise<BodyRead> {
  if (body === undefined) return { ok: true, bytes: Buffer.alloc(0) };
  if (body instanceof Uint8Array) {
    return body.length > maxBytes
      ? { ok: false, reason: 'too_large' }
      : { ok: true, bytes: Buffer.from(body) };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      const value: Uint8Array = next.value;
      const chunk = Buffer.isBuffer(value)
        ? value
        : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      total += chunk.length;
      if (total > maxBytes) return { ok: false, reason: 'too_large' };
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/**
 * `Content-Length` as a number; `undefined` when absent, `NaN` when present but not a plain
 * non-negative integer (or repeated with different values).
 */
export function declaredLength(value: string | readonly string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const values = typeof value === 'string' ? [value] : value;
  const distinct = new Set(values.map((v) => v.trim()));
  if (distinct.size !== 1) return Number.NaN;
  const [only] = [...distinct];
  return only !== undefined && /^\d{1,15}$/.test(only) ? Number(only) : Number.NaN;
}
