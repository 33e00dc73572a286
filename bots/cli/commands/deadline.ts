import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { computeDeadlines } from '../../../core/deadline/compute-deadlines.js';
import {
  formatShanghaiIso,
  parseShanghaiDateTime,
  shanghaiParts,
} from '../../../core/deadline/shanghai-time.js';
import { yearsWithoutData } from '../../../core/deadline/working-calendar.js';
import { APPEAL_TYPES, type AppealType, URGENCIES, type Urgency } from '../../../core/domain/vocabulary.js';
import { loadDirectory } from '../../config/directory-loader.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { errorMessage, type ParsedArgs, parseOptions, writeLine } from '../cli-options.js';

const USAGE = [
  'hotline deadline --type <appeal type> [--at <time>] [--urgency 一般|紧急|特急]',
  '',
  `  --type     ${APPEAL_TYPES.join('|')}`,
  '  --at       time of receipt, ISO (2026-09-30T16:00:00+08:00); without an offset it is',
  '             Asia/Shanghai local time; default: now',
  '  --urgency  default 一般',
  '',
  'Prints one JSON line {"acceptBy","dueAt"} (ISO, +08:00) under the directory in $HOTLINE_CONFIG',
  '(default config/county.yaml).',
].join('\n');

interface DeadlineArgs {
  readonly receivedAt: Date;
  readonly urgency: Urgency;
  readonly appealType: AppealType;
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

function parse(argv: readonly string[], now: Date): ParsedArgs<DeadlineArgs> {
  const read = () =>
    parseArgs({
      args: [...argv],
      options: {
        at: { type: 'string' },
        urgency: { type: 'string' },
        type: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  return parseOptions(read, (values) => deadlineArgs(values, now));
}

function deadlineArgs(
  values: { at?: string | undefined; urgency?: string | undefined; type?: string | undefined },
  now: Date,
): ParsedArgs<DeadlineArgs> {
  if (values.type === undefined)
    return { ok: false, message: `--type is required (${APPEAL_TYPES.join('|')})` };
  if (!isOneOf(APPEAL_TYPES, values.type))
    return { ok: false, message: `unknown --type "${values.type}": one of ${APPEAL_TYPES.join('|')}` };
  const urgency = values.urgency ?? '一般';
  if (!isOneOf(URGENCIES, urgency))
    return { ok: false, message: `unknown --urgency "${urgency}": one of ${URGENCIES.join('|')}` };
  const receivedAt = values.at === undefined ? now : parseShanghaiDateTime(values.at);
  if (!receivedAt)
    return { ok: false, message: `--at "${values.at}" is not a time such as 2026-09-30T16:00:00+08:00` };
  return { ok: true, args: { receivedAt, urgency, appealType: values.type } };
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, new Date());
  if (!parsed.ok) {
    writeLine(io.stderr, `hotline deadline: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  if ('help' in parsed) {
    writeLine(io.stdout, USAGE);
    return 0;
  }

  const file = path.resolve(io.cwd, io.env.HOTLINE_CONFIG ?? 'config/county.yaml');
  let directory: Awaited<ReturnType<typeof loadDirectory>>;
  try {
    directory = await loadDirectory(file);
  } catch (error) {
    writeLine(io.stderr, `hotline deadline: ${errorMessage(error)}`);
    return 1;
  }

  const policy = directory.deadlines;
  const calendar = createChineseDaysCalendar(policy.calendarOverrides);
  const { acceptBy, dueAt } = computeDeadlines(parsed.args, policy, calendar);
  const missing = yearsWithoutData(
    calendar,
    shanghaiParts(parsed.args.receivedAt).year,
    shanghaiParts(dueAt).year,
  );
  if (missing.length)
    writeLine(
      io.stderr,
      `warning: no official holiday calendar for ${missing.join(', ')}; counted Monday–Friday (add calendarOverrides)`,
    );
  writeLine(
    io.stdout,
    JSON.stringify({ acceptBy: formatShanghaiIso(acceptBy), dueAt: formatShanghaiIso(dueAt) }),
  );
  return 0;
}

export const deadlineCommand: CliCommand = {
  name: 'deadline',
  summary: 'Computes the 签收 and 办结 deadlines of an order under the active directory',
  usage: USAGE,
  run,
};
