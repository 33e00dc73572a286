import { PassThrough } from 'node:stream';
import type { CliCommand, CliIo } from '../../../bots/cli/cli-command.js';

/** What a command did: its exit code and all it wrote to stdout and stderr. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` as `hotline <name> <args>` would, over in-memory streams; stdin holds `stdinText`. */
export async function runCommand(
  command: CliCommand,
  args: readonly string[],
  context: { readonly env: CliIo['env']; readonly cwd: string; readonly stdinText?: string },
): Promise<CommandResult> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  stdin.end(context.stdinText ?? '');
  const io: CliIo = { stdin, stdout, stderr, env: context.env, cwd: context.cwd };
  const code = await command.run(args, io);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
