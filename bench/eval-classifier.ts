/**
 * `npm run eval [-- --dev <jsonl>] [--model <file>]`: scores a model on labelled messages
 * (default: the shipped model on ../shared/data/complaints/dev.jsonl beside the repo).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PATH, loadModel } from '../adapters/classifier/model-file.js';
import { readLabelledJsonl } from '../bots/cli/commands/train.js';
import { formatReport } from '../core/understanding/classifier/format-report.js';
import { createLinearClassifier } from '../core/understanding/classifier/linear-model.js';
import { evaluateClassification } from '../core/understanding/classifier/metrics.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { dev: { type: 'string' }, model: { type: 'string' } },
  allowPositionals: false,
});
const devFile = path.resolve(
  values.dev ?? process.env.HOTLINE_EVAL_DATA ?? path.join(repoRoot, '../shared/data/complaints/dev.jsonl'),
);
const modelFile = values.model ? path.resolve(values.model) : DEFAULT_MODEL_PATH;

const model = await loadModel(modelFile);
const data = await readLabelledJsonl(devFile);
if (data.problems.length > 0) console.error(`${devFile}: skipped ${data.problems.length} bad line(s)`);
const classifier = createLinearClassifier(model);
const predicted = data.examples.map((e) => classifier.classify(e).category);
const report = evaluateClassification(
  data.examples.map((e) => e.category),
  predicted,
  model.labels,
);
console.log(`model ${path.relative(process.cwd(), modelFile)}`);
if (model.provenance) {
  const p = model.provenance;
  console.log(
    `  trained ${p.trainedAt} on ${p.examples} messages (${p.source ?? 'unknown source'}), ${p.algorithm}`,
  );
}
console.log(`data  ${path.relative(process.cwd(), devFile)}\n`);
console.log(formatReport(report));
