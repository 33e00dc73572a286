import { writeFile } from 'node:fs/promises';

/** Excel reads a CSV as the local code page (GBK in China) unless it starts with a byte-order mark. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A spreadsheet runs a cell starting with one of these as a formula (CSV injection); resident text
 * may start with anything. A leading apostrophe makes Excel and WPS show the text as typed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled; BOM first. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((cells) => cells.map(field).join(','));
  return BOM + lines.join(CRLF) + CRLF;
}

export async function writeCsv(
  file: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<void> {
  await writeFile(file, toCsv(headers, rows), 'utf8');
}
