import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('chinese-days working calendar', () => {
  const calendar = createChineseDaysCalendar();

  // Facts of the State Council arrangements for 2025 and 2026.
  it.each([
    ['2025-09-28', true, 'Sunday, make-up day for 国庆 2025'],
    ['2025-10-08', false, '国庆/中秋 2025, a Wednesday'],
    ['2025-10-11', true, 'Saturday, make-up day for 国庆 2025'],
    ['2026-01-02', false, '元旦 2026, a Friday'],
    ['2026-01-04', true, 'Sunday, make-up day for 元旦 2026'],
    ['2026-02-13', true, 'the Friday before 春节 2026'],
    ['2026-02-14', true, 'Saturday, make-up day for 春节 2026'],
    ['2026-02-16', false, '春节 2026, a Monday'],
    ['2026-02-23', false, 'last day of 春节 2026, a Monday'],
    ['2026-02-24', true, 'first working day after 春节 2026'],
    ['2026-02-28', true, 'Saturday, make-up day for 春节 2026'],
    ['2026-09-20', true, 'Sunday, make-up day for 国庆 2026'],
    ['2026-09-25', false, '中秋 2026, a Friday'],
    ['2026-09-30', true, 'eve of 国庆 2026'],
    ['2026-10-01', false, '国庆 2026'],
    ['2026-10-07', false, 'last day of 国庆 2026, a Wednesday'],
    ['2026-10-08', true, 'first working day after 国庆 2026'],
    ['2026-10-10', true, 'Saturday, make-up day for 国庆 2026'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-11-26', true, 'an ordinary Thursday'],
  ])('%s is a working day: %s (%s)', (day, work) => {
    expect(calendar.isWorkday(day)).toBe(work);
  });

  it('knows 2004–2026 and reports the years it has no arrangement for', () => {
    expect(calendar.hasDataFor(2025)).toBe(true);
    expect(calendar.hasDataFor(2026)).toBe(true);
    expect(calendar.hasDataFor(2004)).toBe(true);
    expect(calendar.hasDataFor(2003)).toBe(false);
    expect(calendar.hasDataFor(2027)).toBe(false);
  });

  it('counts a year without data Monday to Friday', () => {
    expect(calendar.isWorkday('2027-01-01')).toBe(true); // a Friday
    expect(calendar.isWorkday('2027-01-02')).toBe(false);
    expect(calendar.isWorkday('2027-10-01')).toBe(true); // a Friday; 国庆 2027 is not in the data yet
  });

  it('applies the county overrides on top of the official calendar', () => {
    const county = createChineseDaysCalendar([
      { date: '2026-10-09', workday: false, note: '县庆' },
      { date: '2026-10-17', workday: true },
      { date: '2027-10-01', workday: false, note: '国庆' },
    ]);
    expect(county.isWorkday('2026-10-09')).toBe(false);
    expect(county.isWorkday('2026-10-17')).toBe(true);
    expect(county.isWorkday('2027-10-01')).toBe(false);
    expect(county.isWorkday('2026-10-10')).toBe(true);
    expect(county.hasDataFor(2027)).toBe(false);
  });

  it('has data for exactly the years the package ships a per-year file for', () => {
    const yearFile = (year: number) =>
      path.join(
        path.dirname(createRequire(import.meta.url).resolve('chinese-days')),
        'years',
        `${year}.json`,
      );
    for (let year = 2000; year <= 2030; year++)
      expect(calendar.hasDataFor(year), String(year)).toBe(existsSync(yearFile(year)));
  });

  // The package's own functions are right only east of Greenwich; in Shanghai time they are the reference.
  it('agrees with the package for every day of 2004–2026', async () => {
    const script = [
      "const { isWorkday } = require('chinese-days');",
      'const days = [];',
      'for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86400000) {',
      '  const day = new Date(t).toISOString().slice(0, 10);',
      '  if (isWorkday(day)) days.push(day);',
      '}',
      'console.log(JSON.stringify(days));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: repoRoot,
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      maxBuffer: 1 << 24,
    });
    const reference = new Set<string>(JSON.parse(stdout) as string[]);
    const disagreements: string[] = [];
    for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (calendar.isWorkday(day) !== reference.has(day)) disagreements.push(day);
    }
    expect(reference.size).toBeGreaterThan(5_000);
    expect(disagreements).toEqual([]);
  });

  // The bots run under tsx on Node's own module loader, which resolves packages differently from vitest's.
  it('loads under node with tsx', async () => {
    const script = [
      "import { createChineseDaysCalendar } from './adapters/calendar/chinese-days-calendar.ts';",
      'const c = createChineseDaysCalendar();',
      "console.log(JSON.stringify([c.isWorkday('2026-10-10'), c.isWorkday('2026-10-01'), c.hasDataFor(2027)]));",
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: repoRoot },
    );
    expect(JSON.parse(stdout)).toEqual([true, false, false]);
  });
});
