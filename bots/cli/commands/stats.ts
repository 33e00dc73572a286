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
  periodDays,
  rangeInstants,
} from '../../../core/metrics/period.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { errorMessage, type ParsedArgs, parseOptions, writeLine } from '../cli-options.js';
import { withStorePool } from '../cli-resources.js';
import {
  type Fail,
  LEDGER_OPTIONS,
  type LedgerCommand,
  parseDayRange,
  runLedgerCommand,
} from '../ledger-command.js';

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

function readOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      ...LEDGER_OPTIONS,
      period: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function parse(argv: readonly string[], now: Date): ParsedArgs<StatsArgs> {
  return parseOptions(
    () => readOptions(argv),
    (values) => {
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
        const days = parseDayRange(values.from, values.to);
        if (!days.ok) return days;
        return { ok: true, args: { range: days.range, ...common } };
      }
      const period = values.period ?? 'month';
      if (!(PERIOD_NAMES as readonly string[]).includes(period))
        return { ok: false, message: `unknown --period "${period}": one of ${PERIOD_NAMES.join('|')}` };
      return { ok: true, args: { range: periodDays(period as PeriodName, now), ...common } };
    },
  );
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

/** Computes the indicators of the period and writes them, as a table or as JSON. */
async function reportStats(
  io: CliIo,
  args: StatsArgs,
  directory: DirectoryIndex,
  now: Date,
  fail: Fail,
): Promise<number> {
  let report: MetricsReport;
  try {
    const tickets = await withStorePool(io, (pool) => receivedTickets(pool, rangeInstants(args.range)));
    report = computeMetrics(tickets, now);
  } catch (error) {
    return fail(errorMessage(error), 1);
  }
  const departments = departmentLines(report, directory, args.department);

  if (args.json) {
    const byDepartment = Object.fromEntries(departments.map((d) => [d.id, { name: d.name, ...d.metrics }]));
    writeLine(
      io.stdout,
      JSON.stringify(
        { from: args.range.from, to: args.range.to, county: report.county, byDepartment },
        null,
        2,
      ),
    );
    return 0;
  }
  writeLine(io.stdout, `工单指标 ${formatDayRange(args.range)}（按受理时间统计，口径见 docs/metrics.md）`);
  writeLine(io.stdout, tableLines([{ name: '全县', metrics: report.county }, ...departments]).join('\n'));
  return 0;
}

function run(argv: readonly string[], io: CliIo): Promise<number> {
  const now = new Date();
  const command: LedgerCommand<StatsArgs> = {
    name: 'stats',
    usage: USAGE,
    parse: (args) => parse(args, now),
    report: (args, directory, fail) => reportStats(io, args, directory, now, fail),
  };
  return runLedgerCommand(command, argv, io);
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: '工单指标：按时签收率、满意率等 (indicators per department)',
  usage: USAGE,
  run,
};
