import type { CliCommand, CliIo } from './cli-command.js';
import { errorMessage, writeLine } from './cli-options.js';

/** Dispatches `hotline <command> …`; unknown commands get the list, with exit code 2. */
export async function runCli(
  commands: readonly CliCommand[],
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const lines = commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`);
    const stream = name && name !== 'help' && name !== '--help' ? io.stderr : io.stdout;
    if (name && name !== 'help' && name !== '--help') stream.write(`unknown command: ${name}\n`);
    stream.write(`usage: hotline <command>\n${lines.join('\n')}\n`);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    writeLine(io.stderr, errorMessage(error));
    return 1;
  }
}
