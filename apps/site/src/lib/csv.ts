/**
 * CSV as people open it: UTF-8 with a byte order mark (so that Excel on a Chinese Windows reads it
 * as UTF-8, not as GBK), fields quoted as RFC 4180 says, lines ending in CRLF, and text that a
 * spreadsheet would run as a formula defused.
 */

import { gzipSync } from 'node:zlib';

export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

/**
 * Text starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
 * (tab and carriage return too, by some): such a cell gets a leading apostrophe, which keeps it
 * text. Numbers are written as numbers and never changed: a score change of −2.5 stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: empty for no value; quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = FORMULA_START.test(value) ? `'${value}` : value;
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = value ? 'true' : 'false';
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: the byte order mark, the header and the rows, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  let out = BOM;
  for (const row of [header, ...rows]) out += `${row.map(csvCell).join(',')}\r\n`;
  return out;
}

/** Records with the same keys as a CSV file: the header is the keys of `columns`, in order. */
export function recordsToCsv<K extends string>(
  columns: readonly K[],
  records: readonly Record<K, Cell>[],
): string {
  return toCsv(
    columns,
    records.map((r) => columns.map((c) => r[c])),
  );
}

export function csvResponse(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}

/**
 * A download compressed with gzip (`.csv.gz`): the same bytes once unpacked. Deterministic: zlib
 * writes no file name and a zero time into the header.
 */
export async function gzipResponse(response: Response): Promise<Response> {
  const body = gzipSync(new Uint8Array(await response.arrayBuffer()), { level: 9 });
  return new Response(body, { headers: { 'Content-Type': 'application/gzip' } });
}

export function jsonResponse(value: unknown): Response {
  return new Response(`${JSON.stringify(value)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
