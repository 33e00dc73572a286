import path from 'node:path';
import { DEFAULT_MODEL_PATH, loadClassifier } from '../../../adapters/classifier/model-file.js';
import type { LinearClassifier } from '../../../core/understanding/classifier/linear-model.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { errorMessage, readCommandOptions, writeLine } from '../cli-options.js';
import { answerJsonlLines, type LineAnswer, lineError, readJsonlRecord } from '../jsonl-lines.js';

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

/** The answer for one input line, as the JSON text of the output line. */
export function classifyLine(classifier: LinearClassifier, line: string): LineAnswer {
  const read = readJsonlRecord(line);
  if ('failure' in read) return read.failure;
  const { record, idField } = read;
  if (typeof record.body !== 'string' || record.body.trim() === '')
    return lineError(idField, 'no "body" text');
  const title = typeof record.title === 'string' ? record.title : null;
  const { category, confidence } = classifier.classify({ title, body: record.body });
  return {
    json: JSON.stringify({ ...idField, category, confidence: Math.round(confidence * 10_000) / 10_000 }),
    ok: true,
  };
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const read = readCommandOptions(
    { name: 'classify', usage: USAGE },
    argv,
    { model: { type: 'string' } },
    io,
  );
  if (!read.ok) return read.exit;
  const { values } = read;
  const modelFile = values.model === undefined ? DEFAULT_MODEL_PATH : path.resolve(io.cwd, values.model);
  let classifier: LinearClassifier;
  try {
    classifier = await loadClassifier(modelFile);
  } catch (error) {
    writeLine(io.stderr, `hotline classify: ${errorMessage(error)}`);
    return 1;
  }
  await answerJsonlLines(io, (line) => classifyLine(classifier, line), {
    verb: 'classified',
    chunkLines: CHUNK_LINES,
  });
  return 0;
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'Classifies messages (JSONL on stdin) into categories with the offline model',
  usage: USAGE,
  run,
};
