import { createInterface } from 'node:readline';
import type { CliIo } from './cli-command.js';

/** The output line for one input line, as JSON text; `ok` is false for a line answered with an error. */
export interface LineAnswer {
  readonly json: string;
  readonly ok: boolean;
}

/** The `id` of an input line, to copy into its output line: `{}` when the line has none. */
export type IdField = { readonly id?: unknown };

/** An input line read as a JSON object, with its `id` field; else the error answer. */
export type JsonlRecord =
  | { readonly record: Readonly<Record<string, unknown>>; readonly idField: IdField }
  | { readonly failure: LineAnswer };

/** `{"id"?, "error"}`: the answer for a line that cannot be read. */
export function lineError(idField: IdField, error: string): LineAnswer {
  return { json: JSON.stringify({ ...idField, error }), ok: false };
}

/** Parses one input line; it must be a JSON object. */
export function readJsonlRecord(line: string): JsonlRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { failure: lineError({}, 'not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { failure: lineError({}, 'not a JSON object') };
  }
  const record = value as Record<string, unknown>;
  return { record, idField: Object.hasOwn(record, 'id') ? { id: record.id } : {} };
}

export interface JsonlLinesOptions {
  /** The past tense in the closing count on stderr: `<verb> 3 of 4 line(s), 1 with errors`. */
  readonly verb: string;
  /** Answers started before the oldest is awaited (for slow, asynchronous answers); order is kept. */
  readonly inFlight?: number;
  /** Output lines written at once: one write per line can cost more than the answer. */
  readonly chunkLines?: number;
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/**
 * Reads JSONL from stdin and writes one answer line per input line to stdout, in the same order;
 * blank lines are skipped. A line answered with an error does not stop the run. Ends with the count
 * of lines on stderr.
 */
export async function answerJsonlLines(
  io: CliIo,
  answer: (line: string) => LineAnswer | Promise<LineAnswer>,
  options: JsonlLinesOptions,
): Promise<void> {
  const inFlight = options.inFlight ?? 1;
  const chunkLines = options.chunkLines ?? 1;
  let lines = 0;
  let errors = 0;
  const started: (LineAnswer | Promise<LineAnswer>)[] = [];
  let pending: string[] = [];
  const flush = async () => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    await write(io.stdout, text);
  };
  const settleOldest = async () => {
    const next = started.shift()!;
    const settled = next instanceof Promise ? await next : next;
    if (!settled.ok) errors++;
    pending.push(settled.json);
    if (pending.length >= chunkLines) await flush();
  };
  const input = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of input) {
    if (line.trim() === '') continue;
    lines++;
    started.push(answer(line));
    if (started.length >= inFlight) await settleOldest();
  }
  while (started.length > 0) await settleOldest();
  if (pending.length > 0) await flush();
  io.stderr.write(
    `${options.verb} ${lines - errors} of ${lines} line(s)${errors ? `, ${errors} with errors` : ''}\n`,
  );
}
