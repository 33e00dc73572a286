import type { DirectoryIndex } from '../../core/directory/directory-index.js';
import { type DayRange, parseDay } from '../../core/metrics/period.js';
import type { CliIo } from './cli-command.js';
import { errorMessage, type ParsedArgs, writeLine } from './cli-options.js';
import { loadCliDirectory } from './cli-resources.js';

/** Ends the run with `message` on stderr, the usage after it for exit code 2; returns the code. */
export type Fail = (message: string, code: number) => number;

/** The `parseArgs` options every ledger command takes: the days, the lead department and --help. */
export const LEDGER_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  department: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--from` and `--to` as the days from one to the other, both included (Asia/Shanghai). */
export function parseDayRange(
  fromText: string,
  toText: string,
): { ok: true; range: DayRange } | { ok: false; message: string } {
  const from = parseDay(fromText);
  if (!from) return { ok: false, message: `--from "${fromText}" is not a date such as 2026-11-01` };
  const to = parseDay(toText);
  if (!to) return { ok: false, message: `--to "${toText}" is not a date such as 2026-11-30` };
  if (from > to) return { ok: false, message: `--from ${from} is after --to ${to}` };
  return { ok: true, range: { from, to } };
}

/** A `hotline` command that reads the ledger of a period, optionally of one lead department. */
export interface LedgerCommand<T extends { readonly department?: string }> {
  readonly name: string;
  readonly usage: string;
  parse(argv: readonly string[]): ParsedArgs<T>;
  /** What is wrong with the arguments (exit code 2) that is seen before the directory is loaded. */
  check?(args: T): Promise<string | undefined>;
  /** Reads the ledger and writes the result; returns the exit code. */
  report(args: T, directory: DirectoryIndex, fail: Fail): Promise<number>;
}

/**
 * Runs a ledger command: parses the arguments (usage on stdout for --help, on stderr with exit code 2
 * when they are wrong), loads the county directory (exit code 1 when it cannot) and checks that
 * --department names one of its departments (exit code 2) before the report.
 */
export async function runLedgerCommand<T extends { readonly department?: string }>(
  command: LedgerCommand<T>,
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  const fail: Fail = (message, code) => {
    writeLine(io.stderr, `hotline ${command.name}: ${message}${code === 2 ? `\n\n${command.usage}` : ''}`);
    return code;
  };
  const parsed = command.parse(argv);
  if (!parsed.ok) return fail(parsed.message, 2);
  if ('help' in parsed) {
    writeLine(io.stdout, command.usage);
    return 0;
  }
  const args = parsed.args;
  const wrong = await command.check?.(args);
  if (wrong !== undefined) return fail(wrong, 2);

  let directory: DirectoryIndex;
  try {
    directory = await loadCliDirectory(io);
  } catch (error) {
    return fail(errorMessage(error), 1);
  }
  if (args.department !== undefined && !directory.department(args.department)) {
    const ids = directory.directory.departments.map((d) => `${d.id} (${d.name})`).join(', ');
    return fail(`unknown --department "${args.department}": one of ${ids}`, 2);
  }
  return command.report(args, directory, fail);
}
