import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MODEL_PATH, loadModel, saveModel } from '../../../adapters/classifier/model-file.js';
import { formatReport } from '../../../core/understanding/classifier/format-report.js';
import {
  createLinearClassifier,
  type LinearModel,
} from '../../../core/understanding/classifier/linear-model.js';
import { evaluateClassification } from '../../../core/understanding/classifier/metrics.js';
import {
  DEFAULT_TRAINING_OPTIONS,
  type TrainingExample,
  type TrainingProgress,
  trainLinearModel,
} from '../../../core/understanding/classifier/train-linear-model.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { errorMessage, readCommandOptions, writeLine } from '../cli-options.js';

const USAGE = [
  'hotline train --data <jsonl> [--out <model file>] [--dev <jsonl>]',
  '',
  '  --data  labelled messages, one JSON object a line: {"title"?, "body", "category"};',
  "          the categories found there become the model's labels",
  `  --out   where to write the model (default ${path.relative(process.cwd(), DEFAULT_MODEL_PATH) || DEFAULT_MODEL_PATH},`,
  '          the model `hotline classify` uses without --model)',
  '  --dev   labelled messages to score the new model on (accuracy, macro-F1, per label)',
  '',
  'Progress goes to stderr; the dev report to stdout.',
].join('\n');

export interface LabelledFile {
  readonly examples: TrainingExample[];
  /** "line N: why" for every line that was skipped. */
  readonly problems: string[];
}

function lineProblem(value: unknown): string | TrainingExample {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.body !== 'string' || record.body.trim() === '') return 'no "body" text';
  if (typeof record.category !== 'string' || record.category.trim() === '') return 'no "category"';
  const title = typeof record.title === 'string' ? record.title : null;
  return { title, body: record.body, category: record.category.trim() };
}

/** Parses a JSONL file of labelled messages; bad lines are reported, not fatal. */
export function parseLabelledJsonl(text: string): LabelledFile {
  const examples: TrainingExample[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    const result = lineProblem(value);
    if (typeof result === 'string') problems.push(`line ${i + 1}: ${result}`);
    else examples.push(result);
  });
  return { examples, problems };
}

export async function readLabelledJsonl(file: string): Promise<LabelledFile> {
  return parseLabelledJsonl(await readFile(file, 'utf8'));
}

function reportProblems(io: CliIo, file: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  writeLine(io.stderr, `${file}: skipped ${problems.length} line(s)`);
  for (const p of problems.slice(0, 5)) writeLine(io.stderr, `  ${p}`);
  if (problems.length > 5) writeLine(io.stderr, `  … and ${problems.length - 5} more`);
}

function progressLine(p: TrainingProgress): string {
  switch (p.stage) {
    case 'featurize':
      return `featurizing ${p.done}/${p.total}`;
    case 'epoch':
      return `epoch ${p.epoch}/${p.epochs}  training error ${(p.trainingErrorRate * 100).toFixed(1)}%`;
    case 'calibrate':
      return `calibrating confidence on held-out fold ${p.fold}/${p.folds}`;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const read = readCommandOptions(
    { name: 'train', usage: USAGE },
    argv,
    { data: { type: 'string' }, out: { type: 'string' }, dev: { type: 'string' } },
    io,
  );
  if (!read.ok) return read.exit;
  const { values } = read;
  if (values.data === undefined) {
    writeLine(io.stderr, `hotline train: --data is required\n\n${USAGE}`);
    return 2;
  }
  const dataFile = path.resolve(io.cwd, values.data);
  const outFile = values.out === undefined ? DEFAULT_MODEL_PATH : path.resolve(io.cwd, values.out);
  try {
    const data = await readLabelledJsonl(dataFile);
    reportProblems(io, values.data, data.problems);
    const dev =
      values.dev === undefined ? undefined : await readLabelledJsonl(path.resolve(io.cwd, values.dev));
    if (dev && values.dev) reportProblems(io, values.dev, dev.problems);
    const categories = new Set(data.examples.map((e) => e.category));
    if (categories.size < 2) {
      writeLine(io.stderr, `hotline train: ${values.data} needs messages of at least two categories`);
      return 1;
    }
    writeLine(io.stderr, `training on ${data.examples.length} messages, ${categories.size} categories`);
    const started = Date.now();
    const options = DEFAULT_TRAINING_OPTIONS;
    const trained = trainLinearModel(data.examples, options, (p) => writeLine(io.stderr, progressLine(p)));
    const model: LinearModel = {
      ...trained,
      provenance: {
        trainedAt: new Date().toISOString(),
        examples: data.examples.length,
        source: path.basename(dataFile),
        algorithm: 'hashed char n-gram TF-IDF + averaged multiclass hinge SGD',
        hyperParameters: {
          minDf: options.minDf,
          lambda: options.lambda,
          epochs: options.epochs,
          labelWeighting: options.labelWeighting,
          seed: options.seed,
        },
      },
    };
    const bytes = await saveModel(outFile, model);
    writeLine(
      io.stderr,
      `wrote ${outFile} (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (dev) {
      // Score the model as written (weights quantised), not the one still in memory.
      const classifier = createLinearClassifier(await loadModel(outFile));
      const predicted = dev.examples.map((e) => classifier.classify(e).category);
      const report = evaluateClassification(
        dev.examples.map((e) => e.category),
        predicted,
        model.labels,
      );
      writeLine(io.stdout, `dev ${values.dev}: ${formatReport(report)}`);
    }
    return 0;
  } catch (error) {
    writeLine(io.stderr, `hotline train: ${errorMessage(error)}`);
    return 1;
  }
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Trains the text classifier on labelled messages and writes a model file',
  usage: USAGE,
  run,
};
