import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CliCommand, CliIo } from './cli-command.js';

/** A command's arguments as parsed: the arguments, a call for help, or what is wrong with them. */
export type ParsedArgs<T> = { ok: true; args: T } | { ok: true; help: true } | { ok: false; message: string };

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const writeLine = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);

/**
 * Reads the options with `read` (a strict `parseArgs` that throws on what it does not know), answers
 * --help, and otherwise lets `build` turn the values into the command's arguments.
 */
export function parseOptions<V extends { readonly help?: boolean | undefined }, T>(
  read: () => V,
  build: (values: V) => ParsedArgs<T>,
): ParsedArgs<T> {
  let values: V;
  try {
    values = read();
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
  if (values.help) return { ok: true, help: true };
  return build(values);
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O & typeof HELP; strict: true; allowPositionals: false }>
>['values'];

/**
 * A command's options, strictly (no positionals; --help/-h added): the values, or the exit code once
 * the usage went to stdout (--help, 0) or the error and the usage to stderr (2).
 */
export function readCommandOptions<const O extends Options>(
  command: Pick<CliCommand, 'name' | 'usage'>,
  argv: readonly string[],
  options: O,
  io: CliIo,
): { ok: true; values: Values<O> } | { ok: false; exit: number } {
  const read = () =>
    parseArgs({ args: [...argv], options: { ...options, ...HELP }, strict: true, allowPositionals: false })
      .values;
  const parsed = parseOptions(read, (values): ParsedArgs<Values<O>> => ({ ok: true, args: values }));
  if (!parsed.ok) {
    writeLine(io.stderr, `hotline ${command.name}: ${parsed.message}\n\n${command.usage}`);
    return { ok: false, exit: 2 };
  }
  if ('help' in parsed) {
    writeLine(io.stdout, command.usage);
    return { ok: false, exit: 0 };
  }
  return { ok: true, values: parsed.args };
}
