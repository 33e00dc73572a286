import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isAlias, isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Directory, DirectorySchema } from '../../core/directory/directory-schema.js';
import { checkDirectory, type DirectoryIssue, formatPath, type IssuePath } from './directory-checks.js';

export type DirectoryErrorCode = 'DIRECTORY_INVALID' | 'DIRECTORY_NOT_FOUND' | 'DIRECTORY_YAML';

/** A located problem: `line` is 1-based and absent when the key is not in the file. */
export interface LocatedIssue {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

/** The directory cannot be used; the message holds one line per problem, naming file, line and key path. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    readonly fileName: string,
    readonly issues: readonly LocatedIssue[],
  ) {
    super(issues.map((issue) => formatIssue(fileName, issue)).join('\n'));
  }
}

function formatIssue(fileName: string, issue: LocatedIssue): string {
  const where = issue.line === undefined ? fileName : `${fileName}:${issue.line}`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Walks the YAML tree as far as the key path exists, so a missing key points at its parent. */
function lineOf(doc: Document, lines: LineCounter, keyPath: IssuePath): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (let depth = 0; ; depth++) {
    if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
    if (isAlias(node)) node = node.resolve(doc);
    const key = keyPath[depth];
    if (key === undefined || !(isMap(node) || isSeq(node))) return line;
    node = node.get(key, true);
  }
}

// zod's defaults are written for developers; a county clerk editing YAML needs the gist.
function describeZodIssue(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^(Invalid input|Invalid option|Too small|Too big): /, '');
  if (issue.code === 'invalid_type' && /received undefined$/.test(message)) {
    return `missing (expected ${issue.expected})`;
  }
  return message;
}

function zodPath(path: readonly PropertyKey[]): IssuePath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function syntaxErrors(doc: Document): LocatedIssue[] {
  return doc.errors.map((error) => ({
    path: '',
    line: error.linePos?.[0].line,
    // The pretty message repeats the position and quotes the source over several lines.
    message: (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, ''),
  }));
}

/** Parses and validates a directory; `fileName` is only used to name the file in errors. */
export function parseDirectory(yamlText: string, fileName: string): Directory {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw new DirectoryError('DIRECTORY_YAML', fileName, syntaxErrors(doc));
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw new DirectoryError('DIRECTORY_INVALID', fileName, [{ path: '', message: 'the file is empty' }]);
  }
  const locate = ({ path, message }: DirectoryIssue): LocatedIssue => ({
    path: formatPath(path),
    line: lineOf(doc, lines, path),
    message,
  });
  const parsed = DirectorySchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      locate({ path: zodPath(issue.path), message: describeZodIssue(issue) }),
    );
    throw new DirectoryError('DIRECTORY_INVALID', fileName, issues);
  }
  const problems = checkDirectory(parsed.data);
  if (problems.length > 0) throw new DirectoryError('DIRECTORY_INVALID', fileName, problems.map(locate));
  return parsed.data;
}

/** Errors name the file as the person at the terminal would type it. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Reads, parses and validates the directory file at `file`. */
export async function loadDirectory(file: string): Promise<Directory> {
  const name = displayName(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(cause)})`;
    throw new DirectoryError('DIRECTORY_NOT_FOUND', name, [{ path: '', message }]);
  }
  return parseDirectory(text, name);
}
