import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsCommand } from '../../../bots/cli/commands/stats.js';
import { countyTicket, filed, ledgerDatabase, local } from './ledger-db.js';

let db: Awaited<ReturnType<typeof ledgerDatabase>>;

beforeAll(async () => {
  db = await ledgerDatabase();
  const received = local('2026-11-02T09:00:00');
  // 住建局: one on time and 满意 (24 h), one answered late and 不满意 → reopened, now redone (72 h).
  await db.insert(
    countyTicket('PY202611020001', received, {
      status: 'closed',
      acceptedAt: local('2026-11-02T10:00:00'),
      repliedAt: local('2026-11-03T09:00:00'),
      survey: { round: 1, result: '满意', resolved: true },
    }),
    filed(received),
  );
  await db.insert(
    countyTicket('PY202611020002', received, {
      status: 'replied',
      reopenCount: 1,
      acceptBy: local('2026-11-03T09:00:00'),
      dueAt: local('2026-11-04T09:00:00'),
      dispatchedAt: local('2026-11-03T12:00:00'),
      acceptedAt: local('2026-11-03T13:00:00'),
      repliedAt: local('2026-11-05T09:00:00'),
      survey: { round: 1, result: '不满意', resolved: false },
    }),
    filed(received),
  );
  // 执法局: never accepted, long overdue; outside the range: one more that must not count.
  await db.insert(countyTicket('PY202611020003', received, { department: 'zfj' }), filed(received));
  const outside = local('2026-10-31T23:00:00');
  await db.insert(countyTicket('PY202610310001', outside, { department: 'zfj' }), filed(outside));
});

afterAll(async () => {
  await db?.close();
});

const RANGE = ['--from', '2026-11-01', '--to', '2026-11-30'];

describe('hotline stats', () => {
  it('--json: county and departments over the orders received in the range', async () => {
    const result = await db.run(statsCommand, [...RANGE, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.from).toBe('2026-11-01');
    expect(report.county.received).toBe(3);
    // 签收: #1 on time, #2 (accepted 11-03 13:00, limit 11-03 09:00) late, #3 late → 1/3
    expect(report.county.acceptedOnTime).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    // 满意: 满意 of 满意 + 不满意 → 1/2; 重办: #2 of #1 #2 → 1/2
    expect(report.county.satisfied).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(report.county.reopened).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    // (24 + 72) / 2 = 48 h
    expect(report.county.handlingHours).toEqual({ count: 2, average: 48 });
    expect(Object.keys(report.byDepartment)).toEqual(['zjj', 'zfj']);
    expect(report.byDepartment.zjj.name).toBe('县住房和城乡建设局');
    expect(report.byDepartment.zfj.repliedOnTime).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    expect(report.byDepartment.zfj.satisfied).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('a table with Chinese headers; no denominator reads —', async () => {
    const result = await db.run(statsCommand, [...RANGE, '--department', 'zfj']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('2026-11-01 至 2026-11-30');
    expect(lines[1]).toMatch(
      /^单位\s+受理量\s+按时签收率\s+按时办结率\s+回访率\s+满意率\s+解决率\s+重办率\s+平均办理时长\(小时\)$/,
    );
    expect(lines[3]).toMatch(/^全县\s+3\s+33\.3% \(1\/3\)/);
    expect(lines[4]).toMatch(/^县综合行政执法局\s+1\s+0\.0% \(0\/1\)\s+0\.0% \(0\/1\)\s+—\s+—\s+—\s+—\s+—$/);
    expect(lines).toHaveLength(5);
  });

  it('a named period with no orders still prints the county line', async () => {
    const result = await db.run(statsCommand, ['--period', 'today']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^全县\s+\d+/m);
  });

  it.each([
    [['--period', 'year'], 'unknown --period "year"'],
    [['--period', 'week', '--from', '2026-11-01', '--to', '2026-11-30'], 'not both'],
    [['--from', '2026-11-01'], '--from and --to go together'],
    [['--from', '2026-11-01', '--to', '11-30'], '--to "11-30"'],
    [['--department', 'nope'], 'unknown --department "nope"'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('bad arguments %j → exit 2', async (args, message) => {
    const result = await db.run(statsCommand, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
