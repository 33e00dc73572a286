import { lazyCommand } from './cli/lazy-command.js';
import { runCli } from './cli/run-cli.js';

/** The `hotline` command: every sub-command of the product. */
const commands = [
  lazyCommand(
    'start',
    '启动热线服务 (start the hotline)',
    'hotline start [--role all|gateway|worker]',
    async () => (await import('./cli/commands/start.js')).startCommand,
  ),
  lazyCommand(
    'deadline',
    '计算签收/办结时限 (deadlines of an order)',
    'hotline deadline --at <ISO time> --urgency 一般|紧急|特急 --type <appeal type>',
    async () => (await import('./cli/commands/deadline.js')).deadlineCommand,
  ),
  lazyCommand(
    'extract',
    '读取诉求要素与承办单位 (fields and department of messages, JSONL)',
    'hotline extract [--now <time>] < in.jsonl > out.jsonl',
    async () => (await import('./cli/commands/extract.js')).extractCommand,
  ),
  lazyCommand(
    'export',
    '导出工单台账 (export the ledger, CSV or Excel)',
    'hotline export --from <date> --to <date> --format csv|xlsx --out <file> [--department <id>] [--reveal] [--by <name>]',
    async () => (await import('./cli/commands/export.js')).exportCommand,
  ),
  lazyCommand(
    'stats',
    '工单指标 (on-time, satisfaction… by department)',
    'hotline stats [--period today|week|month | --from <date> --to <date>] [--department <id>] [--json]',
    async () => (await import('./cli/commands/stats.js')).statsCommand,
  ),
  lazyCommand(
    'train',
    '训练工单分类模型 (train the classifier on labelled orders)',
    'hotline train --data <jsonl> [--out <model file>] [--dev <jsonl>]',
    async () => (await import('./cli/commands/train.js')).trainCommand,
  ),
  lazyCommand(
    'classify',
    '工单分类 (classify messages, JSONL in/out)',
    'hotline classify [--model <file>] < in.jsonl > out.jsonl',
    async () => (await import('./cli/commands/classify.js')).classifyCommand,
  ),
];

process.exitCode = await runCli(commands, process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
