import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineCommand } from '../../../bots/cli/commands/deadline.js';
import { runCommand } from './run-command.js';

const DIRECTORY = (deadlines: string) => `
county: { name: 测试县, orderPrefix: CS }
towns: [{ name: 城关镇 }]
departments:
  - { id: zhujian, name: 县住建局 }
  - { id: jiwei, name: 县纪委监委, kind: discipline }
staff: { id: staff, name: 热线办 }
supervisors: { id: leaders, name: 督办组 }
categories: [{ name: 城乡建设 }]
routing: [{ category: '*', department: zhujian }]
fallbackDepartment: zhujian
deadlines:
${deadlines}
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hotline-deadline-'));
  await writeFile(path.join(dir, 'county.yaml'), DIRECTORY('  countFrom: nextWorkingDay'));
  await writeFile(
    path.join(dir, 'receipt-day.yaml'),
    DIRECTORY("  countFrom: receiptDay\n  calendarOverrides: [{ date: '2026-10-09', workday: false }]"),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hotline = (args: string[], env: Record<string, string> = {}) =>
  runCommand(deadlineCommand, args, { env: { HOTLINE_CONFIG: 'county.yaml', ...env }, cwd: dir });

describe('hotline deadline', () => {
  it.each([
    // Eve of 国庆 2026: 签收 24:00 Oct 8; 办结 Oct 8, 9, 10 (make-up Saturday), 12, 13.
    [
      ['--at', '2026-09-30T16:00:00+08:00', '--urgency', '一般', '--type', '投诉'],
      '2026-10-09T00:00:00+08:00',
      '2026-10-14T00:00:00+08:00',
    ],
    [
      ['--at', '2026-09-30T16:00:00+08:00', '--urgency', '紧急', '--type', '求助'],
      '2026-09-30T16:30:00+08:00',
      '2026-10-01T16:00:00+08:00',
    ],
    // A time without an offset is Shanghai time; urgency defaults to 一般.
    [
      ['--at', '2026-02-14 11:00', '--type', '咨询'],
      '2026-02-25T00:00:00+08:00',
      '2026-02-27T00:00:00+08:00',
    ],
    [
      ['--at=2026-10-03T02:00:00Z', '--urgency=特急', '--type=举报'],
      '2026-10-03T10:10:00+08:00',
      '2026-10-03T12:00:00+08:00',
    ],
  ])('%j → one JSON line', async (args, acceptBy, dueAt) => {
    const result = await hotline(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${JSON.stringify({ acceptBy, dueAt })}\n`);
  });

  it('uses the policy of the directory in HOTLINE_CONFIG', async () => {
    // Receipt day counts and Oct 9 is a county holiday: Sep 30, Oct 8, 10, 12, 13.
    const result = await hotline(['--at', '2026-09-30T16:00:00+08:00', '--type', '投诉'], {
      HOTLINE_CONFIG: path.join(dir, 'receipt-day.yaml'),
    });
    expect(JSON.parse(result.stdout)).toEqual({
      acceptBy: '2026-10-01T00:00:00+08:00',
      dueAt: '2026-10-14T00:00:00+08:00',
    });
  });

  it('warns on stderr when the holiday calendar of a year is missing', async () => {
    const result = await hotline(['--at', '2027-03-01T10:00:00+08:00', '--type', '投诉']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      acceptBy: '2027-03-03T00:00:00+08:00',
      dueAt: '2027-03-09T00:00:00+08:00',
    });
    expect(result.stderr).toMatch(/2027/);
  });

  it.each([
    [['--at', '2026-09-30T16:00:00+08:00'], /--type/],
    [['--at', '2026-09-30T16:00:00+08:00', '--type', '投拆'], /投拆/],
    [['--at', '2026-09-30T16:00:00+08:00', '--type', '投诉', '--urgency', '加急'], /加急/],
    [['--at', 'yesterday', '--type', '投诉'], /yesterday/],
    [['--at', '2026-02-30T10:00', '--type', '投诉'], /2026-02-30/],
    [['--type', '投诉', '--when', 'now'], /--when/],
    [['--type', '投诉', 'extra'], /extra/],
  ])('%j is refused with exit code 2', async (args, message) => {
    const result = await hotline(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('reports a directory it cannot load', async () => {
    const result = await hotline(['--type', '投诉'], { HOTLINE_CONFIG: 'missing.yaml' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('missing.yaml');
  });
});
