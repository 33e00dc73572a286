import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { formatShanghaiIso, parseShanghaiDateTime } from '../../../core/deadline/shanghai-time.js';
import type { DirectoryIndex } from '../../../core/directory/directory-index.js';
import { routeOrder } from '../../../core/directory/routing.js';
import type { UnderstandingPort } from '../../../core/ports/understanding-port.js';
import type { Extraction } from '../../../core/understanding/extraction.js';
import { buildUnderstanding } from '../../understanding.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { loadCliDirectory } from '../cli-resources.js';

const USAGE = [
  'hotline extract [--now <time>] < in.jsonl > out.jsonl',
  '',
  '  input   one JSON object a line: {"id", "text"}; blank lines are skipped',
  '  output  one line per input line, same order: {"id", "appealType", "category", "department",',
  '          "mode", "urgency", "flags", "title", "phone", "location": {"text", "town", "village"},',
  '          "occurredAt"} with null where unknown, or {"id"?, "error"} for a line that is not',
  '          JSON or has no text',
  '  --now   the time relative dates (昨天, 上周五) count from, ISO or Asia/Shanghai local time;',
  '          default: now',
  '',
  'Reads each text as the bot does: rules, the trained classifier ($HOTLINE_CLASSIFIER, default the',
  'shipped model) and, only when LLM_BASE_URL is set, the LLM; then routes it through the 派单目录 of',
  '$HOTLINE_CONFIG (default config/county.yaml).',
].join('\n');

/** Lines understood at once: an LLM answers in seconds, so a few run side by side; order is kept. */
const IN_FLIGHT = 8;
const hasOwn = (o: object, key: string) => Object.hasOwn(o, key);

export interface ExtractContext {
  readonly understanding: UnderstandingPort;
  readonly directory: DirectoryIndex;
  readonly now: Date;
}

/** The output line for one input line: the fields the bot would put on the order, and its department. */
export async function extractLine(
  context: ExtractContext,
  line: string,
): Promise<{ json: string; ok: boolean }> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { json: JSON.stringify({ error: 'not valid JSON' }), ok: false };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { json: JSON.stringify({ error: 'not a JSON object' }), ok: false };
  }
  const record = value as Record<string, unknown>;
  const id = hasOwn(record, 'id') ? record.id : undefined;
  if (typeof record.text !== 'string' || record.text.trim() === '') {
    return { json: JSON.stringify({ ...(id === undefined ? {} : { id }), error: 'no "text"' }), ok: false };
  }
  const text = record.text;
  let x: Extraction;
  try {
    x = await context.understanding.understand(text, { now: context.now, allowLlm: true });
  } catch (error) {
    // One text that breaks a rule must not stop the run (nor leave a promise rejecting unheard).
    const reason = error instanceof Error ? error.message : String(error);
    return { json: JSON.stringify({ id: id ?? null, error: `not understood: ${reason}` }), ok: false };
  }
  const route = routeOrder(context.directory, {
    text,
    ...(x.flags ? { flags: x.flags } : {}),
    ...(x.category ? { category: x.category } : {}),
    ...(x.location?.town ? { town: x.location.town } : {}),
  });
  const output = {
    id: id ?? null,
    appealType: x.appealType ?? null,
    category: x.category ?? null,
    department: route.department,
    mode: x.mode ?? null,
    urgency: x.urgency ?? null,
    flags: x.flags ?? [],
    title: x.title ?? null,
    phone: x.phone ?? null,
    location: x.location
      ? { text: x.location.text, town: x.location.town ?? null, village: x.location.village ?? null }
      : null,
    occurredAt: x.occurredAt ? formatShanghaiIso(x.occurredAt) : null,
  };
  return { json: JSON.stringify(output), ok: true };
}

async function writeLine(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(`${text}\n`)) return;
  await new Promise<void>((resolve) => stream.once('drain', resolve));
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let values: { now?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(
      `hotline extract: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const now = values.now === undefined ? new Date() : parseShanghaiDateTime(values.now);
  if (!now) {
    io.stderr.write(
      `hotline extract: --now "${values.now}" is not a time such as 2026-09-30T16:00:00+08:00\n`,
    );
    return 2;
  }

  let context: ExtractContext;
  try {
    const directory = await loadCliDirectory(io);
    // stdout carries the results, so the log (LLM failures, never any text) goes to stderr.
    const logger = pino({ level: io.env.LOG_LEVEL ?? 'warn' }, io.stderr);
    const built = await buildUnderstanding({
      directory: directory.directory,
      env: io.env,
      logger,
      cwd: io.cwd,
    });
    io.stderr.write(
      `layers: rules, classifier ${built.classifierFile ?? 'none'}, LLM ${built.llm ? 'on' : 'off'}\n`,
    );
    context = { understanding: built.port, directory, now };
  } catch (error) {
    io.stderr.write(`hotline extract: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  let lines = 0;
  let errors = 0;
  const inFlight: Promise<{ json: string; ok: boolean }>[] = [];
  const flushOne = async () => {
    const answer = await inFlight.shift()!;
    if (!answer.ok) errors++;
    await writeLine(io.stdout, answer.json);
  };
  const input = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of input) {
    if (line.trim() === '') continue;
    lines++;
    inFlight.push(extractLine(context, line));
    if (inFlight.length >= IN_FLIGHT) await flushOne();
  }
  while (inFlight.length > 0) await flushOne();
  io.stderr.write(
    `extracted ${lines - errors} of ${lines} line(s)${errors ? `, ${errors} with errors` : ''}\n`,
  );
  return 0;
}

export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'Reads messages (JSONL on stdin) as the bot does: fields, category and department',
  usage: USAGE,
  run,
};
