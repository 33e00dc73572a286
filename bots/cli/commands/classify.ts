import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PATH, loadClassifier } from '../../../adapters/classifier/model-file.js';
import type { LinearClassifier } from '../../../core/understanding/classifier/linear-model.js';
import type { CliCommand, CliIo } from '../cli-command.js';

const USAGE = [
  'hotline classify [--model <file>] < in.jsonl > out.jsonl',
  '',
  '  input   one JSON object a line: {"id", "title"?, "body"}',
  '  output  one line per input line, same order: {"id", "category", "confidence"},',
  '          or {"id"?, "error"} for a line that is not JSON or has no body',
  '  --model a model written by `hotline train` (default: the shipped model)',
].join('\n');

/** Output is written in chunks of this many lines: one write per line costs more than classifying. */
const CHUNK_LINES = 256;
const hasOwn = (o: object, key: string) => Object.hasOwn(o, key);

/** The answer for one input line, as the JSON text of the output line. */
export function classifyLine(classifier: LinearClassifier, line: string): { json: string; ok: boolean } {
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
  const id = hasOwn(record, 'id') ? { id: record.id } : {};
  if (typeof record.body !== 'string' || record.body.trim() === '') {
    return { json: JSON.stringify({ ...id, error: 'no "body" text' }), ok: false };
  }
  const title = typeof record.title === 'string' ? record.title : null;
  const { category, confidence } = classifier.classify({ title, body: record.body });
  return {
    json: JSON.stringify({ ...id, category, confidence: Math.round(confidence * 10_000) / 10_000 }),
    ok: true,
  };
}

async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve) => stream.once('drain', resolve));
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let values: { model?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { model: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(
      `hotline classify: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const modelFile = values.model === undefined ? DEFAULT_MODEL_PATH : path.resolve(io.cwd, values.model);
  let classifier: LinearClassifier;
  try {
    classifier = await loadClassifier(modelFile);
  } catch (error) {
    io.stderr.write(`hotline classify: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let pending: string[] = [];
  let lines = 0;
  let errors = 0;
  const input = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of input) {
    if (line.trim() === '') continue;
    const answer = classifyLine(classifier, line);
    lines++;
    if (!answer.ok) errors++;
    pending.push(answer.json);
    if (pending.length >= CHUNK_LINES) {
      await writeChunk(io.stdout, `${pending.join('\n')}\n`);
      pending = [];
    }
  }
  if (pending.length > 0) await writeChunk(io.stdout, `${pending.join('\n')}\n`);
  io.stderr.write(
    `classified ${lines - errors} of ${lines} line(s)${errors ? `, ${errors} with errors` : ''}\n`,
  );
  return 0;
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'Classifies messages (JSONL on stdin) into categories with the offline model',
  usage: USAGE,
  run,
};
