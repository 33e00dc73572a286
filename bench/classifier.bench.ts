/**
 * `npm run bench:classifier [-- --skip-cv]`: measures the shipped classifier against its targets
 * (macro-F1 ≥ 0.93, ≥ 10,000 messages/s on one core, model ≤ 30 MB, load ≤ 500 ms) and prints the
 * numbers recorded in docs/classifier.md. Exits 1 when a target is missed.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PATH, loadClassifier, loadModel } from '../adapters/classifier/model-file.js';
import { classifyCommand } from '../bots/cli/commands/classify.js';
import { readLabelledJsonl } from '../bots/cli/commands/train.js';
import { crossValidate } from '../core/understanding/classifier/cross-validate.js';
import type { ClassifierInput } from '../core/understanding/classifier/feature-config.js';
import { createLinearClassifier } from '../core/understanding/classifier/linear-model.js';
import { evaluateClassification } from '../core/understanding/classifier/metrics.js';
import {
  DEFAULT_TRAINING_OPTIONS,
  trainLinearModel,
} from '../core/understanding/classifier/train-linear-model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(repoRoot, '../shared/data/complaints');
const { values } = parseArgs({ options: { 'skip-cv': { type: 'boolean' } } });

const results: { name: string; value: string; target: string; ok: boolean | undefined }[] = [];
const record = (name: string, value: string, target: string, ok?: boolean) => {
  results.push({ name, value, target, ok });
  console.log(
    `${name}: ${value}${target ? `  (target ${target}${ok === undefined ? '' : ok ? ', met' : ', MISSED'})` : ''}`,
  );
};
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

const size = statSync(DEFAULT_MODEL_PATH).size;
record('model file', `${(size / 1e6).toFixed(2)} MB`, '≤ 30 MB', size <= 30e6);

const loads: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  await loadClassifier();
  loads.push(performance.now() - t);
}
const sortedLoads = [...loads].sort((a, b) => a - b);
record('load (first, cold)', `${loads[0]!.toFixed(0)} ms`, '≤ 500 ms', loads[0]! <= 500);
record('load (median of 7)', `${sortedLoads[3]!.toFixed(0)} ms`, '');

const haveData = existsSync(path.join(dataDir, 'dev.jsonl'));
const dev = haveData ? (await readLabelledJsonl(path.join(dataDir, 'dev.jsonl'))).examples : [];
const messages: ClassifierInput[] = haveData
  ? dev
  : Array.from({ length: 1000 }, (_, i) => ({
      body: `小区门口的路灯坏了${i}天，晚上出行很不方便，请尽快维修。`.repeat(8),
    }));

const classifier = await loadClassifier();
// Warm-up, then at least 3 s of classification; CPU time is reported too because a shared
// machine's wall clock also counts other processes.
for (const m of messages.slice(0, 500)) classifier.classify(m);
let classified = 0;
const wallStart = performance.now();
const cpuStart = process.cpuUsage();
while (performance.now() - wallStart < 3000) {
  for (const m of messages) classifier.classify(m);
  classified += messages.length;
}
const wall = (performance.now() - wallStart) / 1000;
const cpu = cpuSeconds(cpuStart);
const avgChars = messages.reduce((a, m) => a + m.body.length + (m.title?.length ?? 0), 0) / messages.length;
record(
  'classify throughput (in process, per CPU second)',
  `${Math.round(classified / cpu)} messages/s`,
  '≥ 10,000/s',
  classified / cpu >= 10_000,
);
record('classify throughput (in process, wall clock)', `${Math.round(classified / wall)} messages/s`, '');
record('average message length', `${avgChars.toFixed(0)} characters`, '');

// The same through `hotline classify`: JSONL parsing and writing included.
const jsonl = `${messages.map((m, i) => JSON.stringify({ id: i, title: m.title ?? null, body: m.body })).join('\n')}\n`;
const repeat = 5;
const stdin = new PassThrough();
const stdout = new PassThrough();
const stderr = new PassThrough();
let outLines = 0;
stdout.on('data', (chunk: Buffer) => {
  for (const byte of chunk) if (byte === 10) outLines++;
});
const cliWall = performance.now();
const cliCpu = process.cpuUsage();
const done = classifyCommand.run([], { stdin, stdout, stderr, env: {}, cwd: repoRoot });
for (let r = 0; r < repeat; r++) stdin.write(jsonl);
stdin.end();
await done;
const cliSeconds = cpuSeconds(cliCpu);
record(
  'hotline classify end to end (per CPU second, load included)',
  `${Math.round(outLines / cliSeconds)} messages/s`,
  '≥ 10,000/s',
  outLines / cliSeconds >= 10_000,
);
record(
  'hotline classify end to end (wall clock)',
  `${Math.round(outLines / ((performance.now() - cliWall) / 1000))} messages/s`,
  '',
);

if (haveData) {
  const model = await loadModel();
  const c = createLinearClassifier(model);
  const report = evaluateClassification(
    dev.map((e) => e.category),
    dev.map((e) => c.classify(e).category),
    model.labels,
  );
  record('dev macro-F1 (shipped model)', report.macroF1.toFixed(4), '≥ 0.93', report.macroF1 >= 0.93);
  record('dev accuracy (shipped model)', report.accuracy.toFixed(4), '');

  if (!values['skip-cv']) {
    const train = (await readLabelledJsonl(path.join(dataDir, 'train.jsonl'))).examples;
    const cvStart = process.cpuUsage();
    const cv = crossValidate(train, DEFAULT_TRAINING_OPTIONS, 5, (f, n) =>
      console.error(`cv fold ${f}/${n}`),
    );
    record('5-fold CV macro-F1 on train', cv.report.macroF1.toFixed(4), '≥ 0.93', cv.report.macroF1 >= 0.93);
    record('5-fold CV accuracy on train', cv.report.accuracy.toFixed(4), '');
    record('5-fold CV CPU time', `${cpuSeconds(cvStart).toFixed(0)} s`, '');
    const trainCpu = process.cpuUsage();
    const trainWall = performance.now();
    trainLinearModel(train, DEFAULT_TRAINING_OPTIONS);
    record(
      'training on train.jsonl (calibration included)',
      `${cpuSeconds(trainCpu).toFixed(1)} s CPU, ${((performance.now() - trainWall) / 1000).toFixed(1)} s wall`,
      '< 120 s',
      cpuSeconds(trainCpu) < 120,
    );
  }
} else {
  console.log(`(no data at ${dataDir}: accuracy not measured, throughput on synthetic messages)`);
}

const missed = results.filter((r) => r.ok === false);
console.log(missed.length ? `\nmissed: ${missed.map((r) => r.name).join('; ')}` : '\nall targets met');
process.exitCode = missed.length ? 1 : 0;
