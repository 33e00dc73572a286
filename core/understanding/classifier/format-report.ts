import type { ClassificationReport } from './metrics.js';

const pct = (x: number) => x.toFixed(4);

/** East Asian characters take two terminal columns; pad by display width so tables line up. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));
const padStart = (text: string, to: number) => ' '.repeat(Math.max(0, to - width(text))) + text;

/** One line: accuracy and macro-F1. */
export function formatSummary(report: ClassificationReport): string {
  return `accuracy ${pct(report.accuracy)}  macro-F1 ${pct(report.macroF1)}  (${report.total} messages)`;
}

/** Summary, per-label precision/recall/F1 and the confusion matrix (rows gold, columns predicted). */
export function formatReport(report: ClassificationReport): string {
  const labelWidth = Math.max(8, ...report.labels.map(width)) + 2;
  const lines = [formatSummary(report), ''];
  lines.push(`${padEnd('label', labelWidth)}precision  recall      F1  support`);
  for (const s of report.perLabel) {
    lines.push(
      `${padEnd(s.label, labelWidth)}${padStart(pct(s.precision), 9)}${padStart(pct(s.recall), 8)}` +
        `${padStart(pct(s.f1), 8)}${padStart(String(s.support), 9)}`,
    );
  }
  lines.push('', 'confusion matrix (rows: gold, columns: predicted, in the order above)');
  const cell = Math.max(5, ...report.confusion.flat().map((n) => String(n).length + 1));
  const header = report.labels.map((_, i) => padStart(`#${i + 1}`, cell)).join('');
  lines.push(`${padEnd('', labelWidth + 4)}${header}`);
  report.confusion.forEach((row, i) => {
    const name = padEnd(`#${i + 1} ${report.labels[i]}`, labelWidth + 4);
    lines.push(name + row.map((n) => padStart(String(n), cell)).join(''));
  });
  return lines.join('\n');
}
