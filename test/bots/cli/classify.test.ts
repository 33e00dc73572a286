import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH } from '../../../adapters/classifier/model-file.js';
import type { CliCommand } from '../../../bots/cli/cli-command.js';
import { classifyCommand } from '../../../bots/cli/commands/classify.js';
import { trainCommand } from '../../../bots/cli/commands/train.js';
import { syntheticMessages } from '../../core/understanding/classifier/synthetic-messages.js';
import { runCommand } from './run-command.js';

let dir: string;

const hotline = (command: CliCommand, args: string[], stdinText = '') =>
  runCommand(command, args, { env: {}, cwd: dir, stdinText });

const jsonl = (rows: readonly unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
const outputLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hotline-classify-'));
  await writeFile(path.join(dir, 'train.jsonl'), jsonl(syntheticMessages(150, 0, 10)));
  await writeFile(path.join(dir, 'dev.jsonl'), `${jsonl(syntheticMessages(30, 500))}not json\n`);
  await writeFile(path.join(dir, 'one-category.jsonl'), jsonl([{ body: '路灯坏了', category: '道路' }]));
  await writeFile(path.join(dir, 'broken.bin'), 'this is not a model');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hotline train', () => {
  it('writes a model, shows progress on stderr and the dev score on stdout', async () => {
    const r = await hotline(trainCommand, [
      '--data',
      'train.jsonl',
      '--out',
      'model.bin',
      '--dev',
      'dev.jsonl',
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'model.bin'))).toBe(true);
    expect(r.stderr).toMatch(/epoch 1\/10/);
    expect(r.stderr).toMatch(/dev\.jsonl: skipped 1 line/);
    const score = /macro-F1 ([0-9.]+) {2}\(30 messages\)/.exec(r.stdout);
    expect(Number(score?.[1])).toBeGreaterThan(0.85);
    expect(r.stdout).toMatch(/医疗.*\n.*教育.*\n.*道路/);
  });

  it('asks for --data', async () => {
    const r = await hotline(trainCommand, ['--out', 'x.bin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--data is required/);
  });

  it('refuses data with a single category and writes nothing', async () => {
    const r = await hotline(trainCommand, ['--data', 'one-category.jsonl', '--out', 'one.bin']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at least two categories/);
    expect(existsSync(path.join(dir, 'one.bin'))).toBe(false);
  });
});

describe('hotline classify', () => {
  it('answers every line in order, with an error on each bad line, and goes on', async () => {
    const input = [
      JSON.stringify({ id: 'a', body: '医院排队，医生态度' }),
      'this is not JSON',
      JSON.stringify({ id: 'b', title: '学校收费', body: '老师补课，学生午餐' }),
      JSON.stringify({ id: 'c' }),
      '',
      JSON.stringify({ id: 7, body: '   ' }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 'd', title: null, body: '马路坑洼，路灯不亮' }),
    ].join('\n');
    const r = await hotline(classifyCommand, ['--model', 'model.bin'], input);
    expect(r.code).toBe(0);
    const lines = outputLines(r.stdout);
    expect(lines.map((l) => [l.id, l.category ?? 'error'])).toEqual([
      ['a', '医疗'],
      [undefined, 'error'],
      ['b', '教育'],
      ['c', 'error'],
      [7, 'error'],
      [undefined, 'error'],
      ['d', '道路'],
    ]);
    expect(lines[1]).toEqual({ error: 'not valid JSON' });
    expect(lines[3]).toEqual({ id: 'c', error: 'no "body" text' });
    for (const l of lines.filter((x) => x.category)) {
      expect(Object.keys(l)).toEqual(['id', 'category', 'confidence']);
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
    expect(r.stderr).toMatch(/classified 3 of 7 line\(s\), 4 with errors/);
  });

  it('keeps the order over many lines', async () => {
    const messages = syntheticMessages(1000, 2000);
    const r = await hotline(
      classifyCommand,
      ['--model', 'model.bin'],
      jsonl(messages.map((m, i) => ({ id: i, title: m.title, body: m.body }))),
    );
    const lines = outputLines(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(messages.map((_, i) => i));
    const correct = lines.filter((l, i) => l.category === messages[i]!.category).length;
    expect(correct).toBeGreaterThan(900);
  });

  it('fails clearly when the model file is missing or not a model', async () => {
    const missing = await hotline(classifyCommand, ['--model', 'nowhere.bin'], '{}');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.bin: model file not found/);
    const broken = await hotline(classifyCommand, ['--model', 'broken.bin'], '{}');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/not a hotline classifier model file/);
  });

  it.skipIf(!existsSync(DEFAULT_MODEL_PATH))('uses the shipped model without --model', async () => {
    const r = await hotline(
      classifyCommand,
      [],
      jsonl([{ id: 1, body: '学校乱收补课费，老师强制学生参加' }]),
    );
    expect(outputLines(r.stdout)).toEqual([{ id: 1, category: '教育文体', confidence: expect.any(Number) }]);
  });
});
