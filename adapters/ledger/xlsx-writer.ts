import ExcelJS from 'exceljs';
import type { LedgerColumn } from './ledger-rows.js';

export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * `YYYY-MM-DD HH:mm` (already Asia/Shanghai) → a Date whose UTC fields are that wall-clock time.
 * Excel dates carry no time zone and exceljs writes a Date's UTC fields, so the cell shows the
 * Shanghai time on any machine.
 */
function excelDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

function cellValue(column: LedgerColumn, text: string): ExcelJS.CellValue {
  if (text === '') return null;
  if (column.kind === 'datetime') return excelDate(text) ?? text;
  if (column.kind === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** One sheet: bold frozen header row with a filter, sized columns, real dates formatted as local time. */
export async function writeXlsx(
  file: string,
  sheetName: string,
  columns: readonly LedgerColumn[],
  rows: readonly (readonly string[])[],
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hotline';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.kind === 'datetime' ? { style: { numFmt: DATETIME_FORMAT } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  for (const row of rows) sheet.addRow(columns.map((c, i) => cellValue(c, row[i] ?? '')));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  await workbook.xlsx.writeFile(file);
}
