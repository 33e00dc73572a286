import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv, writeCsv } from '../../../adapters/ledger/csv-writer.js';
import { LEDGER_COLUMNS, ledgerRow } from '../../../adapters/ledger/ledger-rows.js';
import { closedEntry, local, NAMES } from './ledger-fixture.js';
import { parseCsv, readCsvFile } from './read-back.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ledger-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CSV for Excel', () => {
  it('starts with a BOM, ends every record with CRLF, and reads back cell for cell', async () => {
    const headers = LEDGER_COLUMNS.map((c) => c.header);
    const rows = [
      ledgerRow(closedEntry(), { names: NAMES, now: local('2026-12-10T12:00:00'), reveal: false }),
      ledgerRow(closedEntry({ number: 'PY202611260008', description: '第一行\n第二行，有逗号 "引号"' }), {
        names: NAMES,
        now: local('2026-12-10T12:00:00'),
        reveal: false,
      }),
    ];
    const file = path.join(dir, 'ledger.csv');
    await writeCsv(file, headers, rows);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(bytes.length - 2).toString()).toBe('\r\n');
    const { bom, records } = await readCsvFile(file);
    expect(bom).toBe(true);
    expect(records).toEqual([headers, ...rows]);
    expect(records[2]?.[LEDGER_COLUMNS.findIndex((c) => c.header === '诉求内容')]).toBe(
      '第一行\n第二行，有逗号 "引号"',
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['', ''],
  ])('quotes %j as %j', (value, field) => {
    expect(toCsv(['h'], [[value]])).toBe(`\uFEFFh\r\n${field}\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('never lets a spreadsheet run %j as a formula', (value, field) => {
    expect(toCsv(['h'], [[value]])).toBe(`\uFEFFh\r\n${field}\r\n`);
  });

  it('the reader used here is strict', () => {
    expect(() => parseCsv('a,b\n')).toThrow();
    expect(parseCsv('a,"b\r\nc"\r\n')).toEqual([['a', 'b\r\nc']]);
  });
});
