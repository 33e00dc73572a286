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
];

process.exitCode = await runCli(commands, process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
