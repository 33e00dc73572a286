import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, ledgerRow } from '../../../adapters/ledger/ledger-rows.js';
import { DATETIME_FORMAT, writeXlsx } from '../../../adapters/ledger/xlsx-writer.js';
import { cell, closedEntry, ID_NUMBER, local, MOBILE, NAMES } from './ledger-fixture.js';
import { readXlsx, rowValues } from './read-back.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ledger-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = { names: NAMES, now: local('2026-12-10T12:00:00'), reveal: false };
const width = LEDGER_COLUMNS.length;

describe('XLSX ledger', () => {
  it('bold frozen Chinese header with a filter, sized columns', async () => {
    const file = path.join(dir, 'header.xlsx');
    await writeXlsx(file, '工单台账', LEDGER_COLUMNS, [ledgerRow(closedEntry(), options)]);
    const sheet = await readXlsx(file);
    expect(sheet.name).toBe('工单台账');
    expect(rowValues(sheet, 1, width)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(LEDGER_COLUMNS.map((_, i) => sheet.getColumn(i + 1).width)).toEqual(
      LEDGER_COLUMNS.map((c) => c.width),
    );
  });

  it('reads back: text as written, counts as numbers, times as Excel dates in Shanghai wall-clock time', async () => {
    const masked = ledgerRow(closedEntry(), options);
    const open = ledgerRow(
      closedEntry({ number: 'PY202611260008', status: 'dispatched', repliedAt: undefined }),
      {
        ...options,
        reveal: true,
      },
    );
    const file = path.join(dir, 'rows.xlsx');
    await writeXlsx(file, '工单台账', LEDGER_COLUMNS, [masked, open]);
    const sheet = await readXlsx(file);
    expect(sheet.rowCount).toBe(3);
    const first = rowValues(sheet, 2, width);
    LEDGER_COLUMNS.forEach((column, i) => {
      const written = masked[i]!;
      const read = first[i];
      if (written === '') expect(read, column.header).toBeNull();
      else if (column.kind === 'number') expect(read, column.header).toBe(Number(written));
      else if (column.kind === 'datetime') {
        // Excel dates have no zone: the UTC fields are the Shanghai wall clock written in the CSV.
        expect(read, column.header).toBeInstanceOf(Date);
        expect((read as Date).toISOString().slice(0, 16).replace('T', ' '), column.header).toBe(written);
        expect(sheet.getRow(2).getCell(i + 1).numFmt, column.header).toBe(DATETIME_FORMAT);
      } else expect(read, column.header).toBe(written);
    });
    expect(cell(first, '受理时间')).toEqual(new Date('2026-11-26T09:02:00Z'));
    expect(cell(first, '联系电话')).toBe('138****5678');
    const second = rowValues(sheet, 3, width);
    expect(cell(second, '联系电话')).toBe(MOBILE);
    expect(cell(second, '答复时间')).toBeNull();
    expect(JSON.stringify([first, second])).not.toContain(ID_NUMBER);
  });
});
