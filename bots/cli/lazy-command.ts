import type { CliCommand } from './cli-command.js';

/** A command whose module loads only when it runs, so `hotline deadline` does not start the whole app. */
export function lazyCommand(
  name: string,
  summary: string,
  usage: string,
  load: () => Promise<CliCommand>,
): CliCommand {
  return { name, summary, usage, run: async (args, io) => (await load()).run(args, io) };
}
