import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCsv } from '../../../adapters/ledger/csv-writer.js';
import { LEDGER_COLUMNS, ledgerNames, ledgerRow } from '../../../adapters/ledger/ledger-rows.js';
import { writeXlsx } from '../../../adapters/ledger/xlsx-writer.js';
import { appendAudit } from '../../../adapters/store/pg/audit-log.js';
import { receivedTicketsWithEvents } from '../../../adapters/store/pg/ledger-queries.js';
import type { DirectoryIndex } from '../../../core/directory/directory-index.js';
import { type DayRange, formatDayRange, rangeInstants } from '../../../core/metrics/period.js';
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
  'hotline export --from <YYYY-MM-DD> --to <YYYY-MM-DD> --format csv|xlsx --out <file>',
  '               [--department <id>] [--reveal] [--by <name>]',
  '',
  '  Writes the ledger (台账) of every order received from --from to --to (Asia/Shanghai, both',
  '  days included), optionally only the orders a department leads.',
  '  --reveal  full phone numbers (ID numbers stay hidden; confidential orders never show the',
  '            resident). Every export is written to the audit log with who (--by, else the',
  '            system user) and when.',
].join('\n');

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface ExportArgs {
  readonly range: DayRange;
  readonly format: Format;
  readonly out: string;
  readonly department?: string;
  readonly reveal: boolean;
  readonly by?: string;
}

function readOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      ...LEDGER_OPTIONS,
      format: { type: 'string' },
      out: { type: 'string' },
      reveal: { type: 'boolean', default: false },
      by: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function parse(argv: readonly string[], cwd: string): ParsedArgs<ExportArgs> {
  return parseOptions(
    () => readOptions(argv),
    (values) => {
      for (const name of ['from', 'to', 'format', 'out'] as const) {
        if (values[name] === undefined) return { ok: false, message: `--${name} is required` };
      }
      const days = parseDayRange(values.from!, values.to!);
      if (!days.ok) return days;
      const format = values.format!;
      if (!(FORMATS as readonly string[]).includes(format))
        return { ok: false, message: `unknown --format "${format}": csv or xlsx` };
      if (values.by !== undefined && !values.by.trim()) return { ok: false, message: '--by needs a name' };
      return {
        ok: true,
        args: {
          range: days.range,
          format: format as Format,
          out: path.resolve(cwd, values.out!),
          reveal: values.reveal ?? false,
          ...(values.department !== undefined ? { department: values.department } : {}),
          ...(values.by !== undefined ? { by: values.by.trim() } : {}),
        },
      };
    },
  );
}

/** The person at the terminal when --by is not given. */
function systemUser(io: CliIo): string {
  try {
    return os.userInfo().username;
  } catch {
    return io.env.USER ?? io.env.USERNAME ?? 'unknown';
  }
}

async function folderExists(file: string): Promise<boolean> {
  try {
    return (await stat(path.dirname(file))).isDirectory();
  } catch {
    return false;
  }
}

/** An --out in a folder that does not exist is an error in the arguments. */
async function checkOut(args: ExportArgs): Promise<string | undefined> {
  if (!(await folderExists(args.out))) return `the folder of --out does not exist: ${path.dirname(args.out)}`;
  return undefined;
}

/** Writes the file and says what it holds. */
async function reportExport(
  io: CliIo,
  args: ExportArgs,
  directory: DirectoryIndex,
  fail: Fail,
): Promise<number> {
  const actor = args.by ?? systemUser(io);
  let count: number;
  try {
    count = await exportLedger(io, args, directory, actor);
  } catch (error) {
    return fail(errorMessage(error), 1);
  }

  const scope = `${formatDayRange(args.range)}${args.department ? `，${directory.department(args.department)?.name}` : ''}`;
  const privacy = args.reveal
    ? `电话为完整号码，已记入审计日志（操作人：${actor}）。请妥善保管。`
    : '电话已脱敏。';
  writeLine(io.stdout, `已导出 ${count} 件工单（${scope}）到 ${args.out}；${privacy}`);
  return 0;
}

function run(argv: readonly string[], io: CliIo): Promise<number> {
  const command: LedgerCommand<ExportArgs> = {
    name: 'export',
    usage: USAGE,
    parse: (args) => parse(args, io.cwd),
    check: checkOut,
    report: (args, directory, fail) => reportExport(io, args, directory, fail),
  };
  return runLedgerCommand(command, argv, io);
}

/** Reads the orders, logs the export, writes the file; returns the number of orders. */
function exportLedger(
  io: CliIo,
  args: ExportArgs,
  directory: DirectoryIndex,
  actor: string,
): Promise<number> {
  const now = new Date();
  const { start, end } = rangeInstants(args.range);
  return withStorePool(io, async (pool) => {
    const entries = await receivedTicketsWithEvents(pool, {
      start,
      end,
      ...(args.department !== undefined ? { department: args.department } : {}),
    });
    const rows = entries.map((entry) =>
      ledgerRow(entry, { names: ledgerNames(directory), now, reveal: args.reveal }),
    );
    // Logged before the file exists: a reveal must never leave no trace.
    await appendAudit(pool, {
      actor,
      action: args.reveal ? 'ledger-export-reveal' : 'ledger-export',
      detail: {
        from: args.range.from,
        to: args.range.to,
        department: args.department ?? null,
        format: args.format,
        file: args.out,
        rows: rows.length,
        reveal: args.reveal,
      },
    });
    if (args.format === 'csv')
      await writeCsv(
        args.out,
        LEDGER_COLUMNS.map((c) => c.header),
        rows,
      );
    else await writeXlsx(args.out, '工单台账', LEDGER_COLUMNS, rows);
    return rows.length;
  });
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出工单台账 (CSV / Excel)',
  usage: USAGE,
  run,
};
