/**
 * The little the multiplexer must know about a statement's text: which notification channels a
 * client subscribes to, and whether it asks for COPY FROM STDIN, which kills PGlite 0.5.14
 * (the WASM program exits and every later call hangs).
 */

const LISTEN_STATEMENT =
  /(?:^|;)\s*(UNLISTEN|LISTEN)\s+("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|\*)/gi;
const COPY_FROM_STDIN = /(?:^|;)\s*COPY\b[^;]*\bFROM\s+STDIN\b/i;

export interface ListenChanges {
  readonly listen: readonly string[];
  /** `'*'` for `UNLISTEN *`. */
  readonly unlisten: readonly string[] | '*';
}

export function listenChanges(sql: string): ListenChanges {
  const text = withoutComments(sql);
  const listen: string[] = [];
  let unlisten: string[] | '*' = [];
  if (!/LISTEN/i.test(text)) return { listen, unlisten };
  for (const match of text.matchAll(LISTEN_STATEMENT)) {
    const verb = match[1]!.toUpperCase();
    const target = match[2]!;
    if (verb === 'LISTEN') listen.push(channelName(target));
    else if (target === '*') unlisten = '*';
    else if (unlisten !== '*') unlisten.push(channelName(target));
  }
  return { listen, unlisten };
}

export function isCopyFromStdin(sql: string): boolean {
  return /COPY/i.test(sql) && COPY_FROM_STDIN.test(withoutComments(sql));
}

/** PostgreSQL folds unquoted identifiers to lower case (ASCII only under UTF8). */
function channelName(identifier: string): string {
  if (identifier.startsWith('"')) return identifier.slice(1, -1).replaceAll('""', '"');
  return identifier.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function withoutComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}
