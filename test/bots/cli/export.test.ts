import { access, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../../adapters/ledger/ledger-rows.js';
import { recentAudit } from '../../../adapters/store/pg/audit-log.js';
import { exportCommand } from '../../../bots/cli/commands/export.js';
import { readCsvFile, readXlsx, rowValues } from '../../adapters/ledger/read-back.js';
import { countyTicket, filed, ledgerDatabase, local } from './ledger-db.js';

const ID_NUMBER = '371326199001011234';
const MOBILE = '13812345678';
const column = (header: string) => LEDGER_COLUMNS.findIndex((c) => c.header === header);
const NUMBER = column('工单编号');

let db: Awaited<ReturnType<typeof ledgerDatabase>>;

beforeAll(async () => {
  db = await ledgerDatabase();
  const received = local('2026-11-26T09:02:00');
  await db.insert(
    countyTicket('PY202611260001', received, {
      residentName: '张女士',
      phone: MOBILE,
      description: `路灯不亮，电话${MOBILE}，身份证${ID_NUMBER}`,
      status: 'closed',
      acceptedAt: local('2026-11-26T10:15:00'),
      repliedAt: local('2026-11-27T16:00:00'),
      closedAt: local('2026-11-28T10:00:00'),
      reply: '已修复',
      survey: { round: 1, result: '满意', resolved: true },
    }),
    [
      ...filed(received),
      { type: 'accepted', actor: 'zjj-wang', at: local('2026-11-26T10:15:00') },
      { type: 'replied', actor: 'zjj-wang', at: local('2026-11-27T16:00:00'), note: '已修复' },
    ],
  );
  const reported = local('2026-11-27T14:00:00');
  await db.insert(
    countyTicket('PY202611270001', reported, {
      residentName: '李先生',
      phone: '13900001111',
      confidential: true,
      appealType: '举报',
      department: 'zfj',
      description: '举报占道经营，电话13900001111',
    }),
    filed(reported),
  );
  // The last minute of the range is in it; midnight after is not.
  const lastMinute = local('2026-11-30T23:59:00');
  await db.insert(countyTicket('PY202611300001', lastMinute, { phone: '13700002222' }), filed(lastMinute));
  const nextDay = local('2026-12-01T00:00:00');
  await db.insert(countyTicket('PY202612010001', nextDay), filed(nextDay));
});

afterAll(async () => {
  await db?.close();
});

const RANGE = ['--from', '2026-11-26', '--to', '2026-11-30'];

describe('hotline export', () => {
  it('CSV: every order received in the range, oldest first, phones masked, no ID numbers', async () => {
    const result = await db.run(exportCommand, [...RANGE, '--format', 'csv', '--out', 'ledger.csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已导出 3 件工单');
    const { bom, records } = await readCsvFile(path.join(db.dir, 'ledger.csv'));
    expect(bom).toBe(true);
    expect(records[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(records.slice(1).map((r) => r[NUMBER])).toEqual([
      'PY202611260001',
      'PY202611270001',
      'PY202611300001',
    ]);
    const [first, confidential, last] = records.slice(1);
    expect(first?.[column('联系电话')]).toBe('138****5678');
    expect(first?.[column('诉求内容')]).toBe('路灯不亮，电话138****5678，身份证[身份证号已隐藏]');
    expect(first?.[column('主办单位')]).toBe('县住房和城乡建设局');
    expect(first?.[column('按时签收')]).toBe('是');
    expect(first?.[column('办理过程')]).toBe(
      '11-26 09:02 受理 → 11-26 09:02 派单 → 11-26 10:15 签收 王海燕 → 11-27 16:00 办结答复 王海燕',
    );
    expect(confidential?.[column('群众姓名')]).toBe('（保密）');
    expect(last?.[column('联系电话')]).toBe('137****2222');
    const text = records.flat().join('\n');
    for (const secret of [MOBILE, ID_NUMBER, '13900001111', '李先生']) expect(text).not.toContain(secret);
  });

  it('XLSX --reveal: full phones, yet no ID number and no confidential resident; logged with who', async () => {
    const before = (await recentAudit(db.store.pool)).length;
    const result = await db.run(exportCommand, [
      ...RANGE,
      '--format',
      'xlsx',
      '--out',
      'ledger.xlsx',
      '--reveal',
      '--by',
      '周晓丽',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('周晓丽');
    const sheet = await readXlsx(path.join(db.dir, 'ledger.xlsx'));
    expect(sheet.rowCount).toBe(4);
    expect(rowValues(sheet, 1, LEDGER_COLUMNS.length)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    const rows = [2, 3, 4].map((r) => rowValues(sheet, r, LEDGER_COLUMNS.length));
    expect(rows.map((r) => r[NUMBER])).toEqual(['PY202611260001', 'PY202611270001', 'PY202611300001']);
    expect(rows[0]?.[column('联系电话')]).toBe(MOBILE);
    expect(rows[0]?.[column('诉求内容')]).toBe(`路灯不亮，电话${MOBILE}，身份证[身份证号已隐藏]`);
    expect(rows[0]?.[column('受理时间')]).toEqual(new Date('2026-11-26T09:02:00Z'));
    expect(rows[1]?.[column('联系电话')]).toBe('（保密）');
    const text = JSON.stringify(rows);
    for (const secret of [ID_NUMBER, '13900001111', '李先生']) expect(text).not.toContain(secret);

    const audit = await recentAudit(db.store.pool);
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({
      actor: '周晓丽',
      action: 'ledger-export-reveal',
      detail: { from: '2026-11-26', to: '2026-11-30', format: 'xlsx', rows: 3, reveal: true },
    });
    expect(Math.abs(audit[0]!.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('without --by the system user is logged; --department keeps that lead department only', async () => {
    const result = await db.run(exportCommand, [
      ...RANGE,
      '--department',
      'zfj',
      '--format',
      'csv',
      '--out',
      'zfj.csv',
    ]);
    expect(result.code).toBe(0);
    const { records } = await readCsvFile(path.join(db.dir, 'zfj.csv'));
    expect(records.slice(1).map((r) => r[NUMBER])).toEqual(['PY202611270001']);
    const [latest] = await recentAudit(db.store.pool, 1);
    expect(latest).toMatchObject({
      actor: os.userInfo().username,
      action: 'ledger-export',
      detail: { department: 'zfj', reveal: false, rows: 1 },
    });
  });

  it.each([
    [['--to', '2026-11-30', '--format', 'csv', '--out', 'x.csv'], '--from is required'],
    [
      ['--from', '2026-11-31', '--to', '2026-12-01', '--format', 'csv', '--out', 'x.csv'],
      '--from "2026-11-31"',
    ],
    [['--from', '2026-12-01', '--to', '2026-11-01', '--format', 'csv', '--out', 'x.csv'], 'is after --to'],
    [[...RANGE, '--format', 'pdf', '--out', 'x.csv'], 'unknown --format "pdf"'],
    [[...RANGE, '--format', 'csv'], '--out is required'],
    [[...RANGE, '--format', 'csv', '--out', 'x.csv', '--colour'], "Unknown option '--colour'"],
    [[...RANGE, '--format', 'csv', '--out', 'x.csv', 'extra'], 'extra'],
    [[...RANGE, '--format', 'csv', '--out', 'no-such-folder/x.csv'], 'the folder of --out does not exist'],
    [[...RANGE, '--format', 'csv', '--out', 'x.csv', '--department', 'nope'], 'unknown --department "nope"'],
  ])('bad arguments %j → exit 2 with a message, no file', async (args, message) => {
    const result = await db.run(exportCommand, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    await expect(access(path.join(db.dir, 'x.csv'))).rejects.toThrow();
  });

  it('an unreachable database is exit 1 with the reason', async () => {
    const result = await db.run(exportCommand, [...RANGE, '--format', 'csv', '--out', 'x.csv'], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ECONNREFUSED|connect/);
    await expect(readFile(path.join(db.dir, 'x.csv'))).rejects.toThrow();
  });
});
