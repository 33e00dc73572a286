import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SDKS = [
  'wechaty',
  '@larksuiteoapi',
  'bullmq',
  'ioredis',
  'openai',
  'pg',
  '@electric-sql',
  'pino',
  'node:',
];
const OTHER_TOP = ['adapters', 'jobs', 'bots', 'test'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return Promise.resolve(e.name.endsWith('.ts') ? [full] : []);
    }),
  );
  return nested.flat();
}

function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(
    /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specs.push((m[1] ?? m[2])!);
  }
  return specs;
}

/** Which forbidden thing a specifier of a core file reaches, if any. */
function violation(file: string, spec: string): string | undefined {
  if (spec.startsWith('.')) {
    const target = path.relative(ROOT, path.resolve(path.dirname(file), spec));
    const top = target.split(path.sep)[0]!;
    return OTHER_TOP.includes(top) ? `imports ${top}/` : undefined;
  }
  const sdk = SDKS.find((s) => spec === s || spec.startsWith(s.endsWith(':') ? s : `${s}/`) || spec === s);
  return sdk ? `imports ${spec}` : undefined;
}

describe('core/ boundary', () => {
  it('imports no SDK, no Node built-in and nothing from adapters/, jobs/, bots/', async () => {
    const problems: string[] = [];
    for (const file of await sourceFiles(path.join(ROOT, 'core'))) {
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        const why = violation(file, spec);
        if (why) problems.push(`${path.relative(ROOT, file)} ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the check itself catches a forbidden import', () => {
    const file = path.join(ROOT, 'core/domain/x.ts');
    expect(violation(file, 'bullmq')).toBeDefined();
    expect(violation(file, 'pg')).toBeDefined();
    expect(violation(file, '@larksuiteoapi/node-sdk')).toBeDefined();
    expect(violation(file, '../../adapters/web/web-channel.js')).toBeDefined();
    expect(violation(file, './ticket.js')).toBeUndefined();
    expect(violation(file, 'zod')).toBeUndefined();
  });
});
