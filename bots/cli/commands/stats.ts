import { parseArgs } from 'node:util';
import { receivedTickets } from '../../../adapters/store/pg/ledger-queries.js';
import type { DirectoryIndex } from '../../../core/directory/directory-index.js';
import {
  computeMetrics,
  formatHours,
  formatRate,
  METRIC_LABELS,
  type Metrics,
  type MetricsReport,
  type Rate,
} from '../../../core/metrics/metrics.js';
import {
  type DayRange,
  formatDayRange,
  PERIOD_NAMES,
  type PeriodName,
  parseDay,
  periodDays,
  rangeInstants,
} from '../../../core/metrics/period.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { loadCliDirectory, withStorePool } from '../cli-resources.js';

const USAGE = [
  'hotline stats [--period today|week|month | --from <YYYY-MM-DD> --to <YYYY-MM-DD>]',
  '              [--department <id>] [--json]',
  '',
  '  Indicators of the orders received in the period (Asia/Shanghai; a week starts on Monday;',
  '  default: this month), county-wide and by lead department. Formulas: docs/metrics.md.',
  '  --department  only that department besides the county line',
  '  --json        one JSON document instead of the table',
].join('\n');

interface StatsArgs {
  readonly range: DayRange;
  readonly department?: string;
  readonly json: boolean;
}

type Parsed = { ok: true; args: StatsArgs } | { ok: true; help: true } | { ok: false; message: string };

function readOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      period: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      department: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function parse(argv: readonly string[], now: Date): Parsed {
  let values: ReturnType<typeof readOptions>;
  try {
    values = readOptions(argv);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: true, help: true };
  const common = {
    json: values.json ?? false,
    ...(values.department !== undefined ? { department: values.department } : {}),
  };
  const custom = values.from !== undefined || values.to !== undefined;
  if (values.period !== undefined && custom)
    return { ok: false, message: 'give --period or --from/--to, not both' };
  if (custom) {
    if (values.from === undefined || values.to === undefined)
      return { ok: false, message: '--from and --to go together' };
    const from = parseDay(values.from);
    if (!from) return { ok: false, message: `--from "${values.from}" is not a date such as 2026-11-01` };
    const to = parseDay(values.to);
    if (!to) return { ok: false, message: `--to "${values.to}" is not a date such as 2026-11-30` };
    if (from > to) return { ok: false, message: `--from ${from} is after --to ${to}` };
    return { ok: true, args: { range: { from, to }, ...common } };
  }
  const period = values.period ?? 'month';
  if (!(PERIOD_NAMES as readonly string[]).includes(period))
    return { ok: false, message: `unknown --period "${period}": one of ${PERIOD_NAMES.join('|')}` };
  return { ok: true, args: { range: periodDays(period as PeriodName, now), ...common } };
}

/** Terminal columns: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

const rateCell = (rate: Rate) =>
  rate.rate === null ? '—' : `${formatRate(rate)} (${rate.numerator}/${rate.denominator})`;

const RATE_KEYS = [
  'acceptedOnTime',
  'repliedOnTime',
  'surveyed',
  'satisfied',
  'resolved',
  'reopened',
] as const;

function tableLines(lines: readonly { name: string; metrics: Metrics }[]): string[] {
  const header = [
    '单位',
    METRIC_LABELS.received,
    ...RATE_KEYS.map((k) => METRIC_LABELS[k]),
    METRIC_LABELS.handlingHours,
  ];
  const rows = lines.map(({ name, metrics }) => [
    name,
    String(metrics.received),
    ...RATE_KEYS.map((k) => rateCell(metrics[k])),
    formatHours(metrics.handlingHours.average),
  ]);
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? padEnd(cell, widths[i]!) : padStart(cell, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(render)];
}

/** The county line first, then departments in directory order (unknown ids last, by id). */
function departmentLines(report: MetricsReport, directory: DirectoryIndex, only: string | undefined) {
  const known = directory.directory.departments.map((d) => d.id);
  const ids =
    only !== undefined
      ? [only]
      : [
          ...known,
          ...Object.keys(report.byDepartment)
            .filter((id) => !known.includes(id))
            .sort(),
        ];
  const empty = computeMetrics([], new Date(0)).county;
  return ids
    .filter((id) => only !== undefined || report.byDepartment[id])
    .map((id) => ({
      id,
      name: directory.department(id)?.name ?? id,
      metrics: report.byDepartment[id] ?? empty,
    }));
}

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const now = new Date();
  const fail = (message: string, code: number) => {
    write(io.stderr, `hotline stats: ${message}${code === 2 ? `\n\n${USAGE}` : ''}`);
    return code;
  };
  const parsed = parse(argv, now);
  if (!parsed.ok) return fail(parsed.message, 2);
  if ('help' in parsed) {
    write(io.stdout, USAGE);
    return 0;
  }
  const args = parsed.args;
  let directory: DirectoryIndex;
  try {
    directory = await loadCliDirectory(io);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 1);
  }
  if (args.department !== undefined && !directory.department(args.department)) {
    const ids = directory.directory.departments.map((d) => `${d.id} (${d.name})`).join(', ');
    return fail(`unknown --department "${args.department}": one of ${ids}`, 2);
  }

  let report: MetricsReport;
  try {
    const tickets = await withStorePool(io, (pool) => receivedTickets(pool, rangeInstants(args.range)));
    report = computeMetrics(tickets, now);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 1);
  }
  const departments = departmentLines(report, directory, args.department);

  if (args.json) {
    const byDepartment = Object.fromEntries(departments.map((d) => [d.id, { name: d.name, ...d.metrics }]));
    write(
      io.stdout,
      JSON.stringify(
        { from: args.range.from, to: args.range.to, county: report.county, byDepartment },
        null,
        2,
      ),
    );
    return 0;
  }
  write(io.stdout, `工单指标 ${formatDayRange(args.range)}（按受理时间统计，口径见 docs/metrics.md）`);
  write(io.stdout, tableLines([{ name: '全县', metrics: report.county }, ...departments]).join('\n'));
  return 0;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: '工单指标：按时签收率、满意率等 (indicators per department)',
  usage: USAGE,
  run,
};
