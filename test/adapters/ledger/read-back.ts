import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

/** A strict RFC 4180 reader (CRLF records, quoted fields, doubled quotes); throws on anything else. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        value += '"';
        i += 1;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/);
      const stop = end < 0 ? text.length : i + end;
      if (text[stop] === '"') throw new Error(`bare quote at ${stop}`);
      value = text.slice(i, stop);
      i = stop;
    }
    record.push(value);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === text.length) return records;
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text[i] ?? 'end of text')}`);
  }
}

/** The file as bytes: BOM checked and removed, then parsed. */
export async function readCsvFile(file: string): Promise<{ bom: boolean; records: string[][] }> {
  const bytes = await readFile(file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bom, records: parseCsv(bytes.subarray(bom ? 3 : 0).toString('utf8')) };
}

export async function readXlsx(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

/** Row values without exceljs' leading empty slot; empty cells → null. */
export function rowValues(sheet: ExcelJS.Worksheet, row: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? null);
}
