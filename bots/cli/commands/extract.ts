import pino from 'pino';
import { formatShanghaiIso, parseShanghaiDateTime } from '../../../core/deadline/shanghai-time.js';
import type { DirectoryIndex } from '../../../core/directory/directory-index.js';
import { routeOrder } from '../../../core/directory/routing.js';
import type { UnderstandingPort } from '../../../core/ports/understanding-port.js';
import type { Extraction } from '../../../core/understanding/extraction.js';
import { buildUnderstanding } from '../../understanding.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { errorMessage, readCommandOptions, writeLine } from '../cli-options.js';
import { loadCliDirectory } from '../cli-resources.js';
import { answerJsonlLines, type LineAnswer, lineError, readJsonlRecord } from '../jsonl-lines.js';

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

export interface ExtractContext {
  readonly understanding: UnderstandingPort;
  readonly directory: DirectoryIndex;
  readonly now: Date;
}

/** The output line for one input line: the fields the bot would put on the order, and its department. */
export async function extractLine(context: ExtractContext, line: string): Promise<LineAnswer> {
  const read = readJsonlRecord(line);
  if ('failure' in read) return read.failure;
  const { record, idField } = read;
  if (typeof record.text !== 'string' || record.text.trim() === '') return lineError(idField, 'no "text"');
  const id = idField.id ?? null;
  const text = record.text;
  let x: Extraction;
  try {
    x = await context.understanding.understand(text, { now: context.now, allowLlm: true });
  } catch (error) {
    // One text that breaks a rule must not stop the run (nor leave a promise rejecting unheard).
    const reason = errorMessage(error);
    return { json: JSON.stringify({ id, error: `not understood: ${reason}` }), ok: false };
  }
  const route = routeOrder(context.directory, {
    text,
    ...(x.flags ? { flags: x.flags } : {}),
    ...(x.category ? { category: x.category } : {}),
    ...(x.location?.town ? { town: x.location.town } : {}),
  });
  const output = {
    id,
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

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const read = readCommandOptions({ name: 'extract', usage: USAGE }, argv, { now: { type: 'string' } }, io);
  if (!read.ok) return read.exit;
  const { values } = read;
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
    writeLine(io.stderr, `hotline extract: ${errorMessage(error)}`);
    return 1;
  }

  await answerJsonlLines(io, (line) => extractLine(context, line), {
    verb: 'extracted',
    inFlight: IN_FLIGHT,
  });
  return 0;
}

export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'Reads messages (JSONL on stdin) as the bot does: fields, category and department',
  usage: USAGE,
  run,
};
