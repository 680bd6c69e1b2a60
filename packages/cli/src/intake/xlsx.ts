/**
 * Reports sent as workbooks (issue 13, stream C): `data/reports/<day>/<form>.<district>.xlsx`, its
 * first sheet read like the CSV file of the same name. Row 1 holds the field ids; a second row of
 * labels, as in the templates `shoutu templates` writes, is skipped. Cells become the text the CSV
 * reader expects: numbers as written, booleans as true/false, dates as YYYY-MM-DD (with the time,
 * YYYY-MM-DDTHH:MM), times of day as HH:MM, formulas as the value saved with them. Problems name
 * the cell (`'Sheet1'!C12`), the sheet's row as `line` and the column's field.
 *
 * exceljs reads asynchronously; report files are read synchronously (the engine asks for a day's
 * rows when it needs them). The workbook is read in a worker thread (worker/xlsx-sheet.mjs) that
 * this thread waits for: a hostile workbook is bounded there by its declared sizes, a memory limit
 * and a time limit, and set aside with a message, never a stack trace.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  createReportReader,
  formatBytes,
  isTemplateLabelsRow,
  LIMITS,
  type Problem,
  type ReportFile,
} from '@shoutu/core';
import type { ReportContext, ReportEntry } from '../report-entry.js';

const WORKER_URL = new URL('../../worker/xlsx-sheet.mjs', import.meta.url);

/** How far a workbook may unpack (the sum of its parts' declared sizes). */
export const XLSX_UNPACKED_BYTES = 4 * LIMITS.reportBytes;
/** How long reading one workbook may take, in milliseconds. */
export const XLSX_READ_MS = 120_000;
/** The worker's heap, in MB: past it the worker dies and the workbook is set aside. */
const WORKER_HEAP_MB = 2048;

/** A sheet as the worker sends it: each non-empty row with its number and its cells' values. */
export interface SheetRead {
  sheet: string;
  rows: { line: number; values: unknown[] }[];
}
type WorkerAnswer = SheetRead | { error: 'unreadable' | 'too-large'; message: string };

interface Bridge {
  worker: Worker;
  port: MessageChannel['port1'];
  signal: Int32Array;
}
let bridge: Bridge | undefined;

function startBridge(): Bridge {
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_URL, {
    workerData: { port: port2, flag },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // The worker loads exceljs, plain JavaScript: no TypeScript loader of the caller is needed.
    execArgv: [],
    stdout: true,
    stderr: true,
  });
  worker.unref();
  port1.unref();
  worker.on('error', () => {
    // A worker that died (out of memory) is replaced on the next workbook; this one was set aside.
    if (bridge?.worker === worker) bridge = undefined;
  });
  return { worker, port: port1, signal: new Int32Array(flag) };
}

/** The first sheet of a workbook's bytes, read by the worker while this thread waits. */
export function readSheetSync(
  bytes: Uint8Array,
  limits: { unpackedBytes: number; rows: number; columns: number; timeoutMs: number } = {
    unpackedBytes: XLSX_UNPACKED_BYTES,
    rows: LIMITS.reportRows,
    columns: LIMITS.rowFields,
    timeoutMs: XLSX_READ_MS,
  },
): WorkerAnswer {
  bridge ??= startBridge();
  const b = bridge;
  Atomics.store(b.signal, 0, 0);
  b.port.postMessage({ bytes, limits });
  const waited = Atomics.wait(b.signal, 0, 0, limits.timeoutMs);
  const answer = receiveMessageOnPort(b.port)?.message as WorkerAnswer | undefined;
  if (waited === 'timed-out' || !answer) {
    // A worker that did not answer is stopped; the next workbook gets a new one.
    void b.worker.terminate();
    b.port.close();
    bridge = undefined;
    return {
      error: 'too-large',
      message:
        waited === 'timed-out'
          ? `reading the workbook took longer than ${limits.timeoutMs / 1000} s`
          : 'reading the workbook needed more memory than a report may take',
    };
  }
  return answer;
}

/** The reader's code, for the report cache's key: a changed reader must not be answered from old entries. */
export function xlsxReaderSource(): string {
  let worker = '';
  try {
    worker = readFileSync(WORKER_URL, 'utf8');
  } catch {
    worker = 'unresolved';
  }
  return [readXlsxReport, cellText, readSheetSync, isLabelsRow].map(String).join('\n') + worker;
}

/** `A`, `B`, … `Z`, `AA`: the letters of a 1-based column number. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `Sheet1!C12`, the sheet's name quoted as Excel does when it is not a plain word. */
export function cellRef(sheet: string, column: number, row: number): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetters(column)}${row}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A cell's value as the CSV reader would read it from a file, or why it cannot be read. Dates are
 * the workbook's wall-clock values (exceljs gives them as UTC): YYYY-MM-DD at midnight, with the
 * time (YYYY-MM-DDTHH:MM, seconds when not zero) otherwise; a time of day alone (Excel's day 0,
 * 1899-12-30) as HH:MM.
 */
export function cellText(value: unknown): { text: string } | { error: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { text: String(value) } : { error: 'not a number' };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: 'a date that is not valid' };
    // Serial dates carry rounding: to the nearest second.
    const d = new Date(Math.round(value.getTime() / 1000) * 1000);
    const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const h = d.getUTCHours();
    const m = d.getUTCMinutes();
    const s = d.getUTCSeconds();
    const time = `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
    if (day === '1899-12-30' || day === '1899-12-31') return { text: time };
    return { text: h || m || s ? `${day}T${time}` : day };
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.error === 'string')
      return { error: `the cell shows the error ${v.error}: expected a value` };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = v.result;
      if (result === undefined || result === null)
        return {
          error: `the formula "=${String(v.formula ?? v.sharedFormula)}" was saved without its value: open the workbook in Excel, WPS or LibreOffice and save it again, or type the value`,
        };
      const inner = cellText(result);
      return 'error' in inner
        ? { error: `the formula "=${String(v.formula ?? v.sharedFormula)}": ${inner.error}` }
        : inner;
    }
    if (Array.isArray(v.richText))
      return {
        text: v.richText.map((r) => String((r as { text?: unknown }).text ?? '')).join(''),
      };
    if (typeof v.text === 'string') return { text: v.text };
    if (typeof v.text === 'object' && v.text !== null) return cellText(v.text);
  }
  return { error: 'a value that is not text, a number, a date or yes/no' };
}

/** The labels row of a template: see `isTemplateLabelsRow` (the CSV reader skips it as well). */
export const isLabelsRow = isTemplateLabelsRow;

/** Reads a file's bytes, never following a link, up to `max` bytes. */
function readBytes(full: string, max: number): Uint8Array | { error: string } {
  let fd: number;
  try {
    fd = openSync(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    return {
      error: `the file could not be read (${code}${code === 'ELOOP' ? ': a symbolic link' : ''})`,
    };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > max)
      return {
        error: `too large (${formatBytes(size)}): expected a report file of at most ${formatBytes(max)}`,
      };
    const bytes = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, null);
      if (n === 0) break;
      at += n;
    }
    return bytes.subarray(0, at);
  } catch (e) {
    return { error: `the file could not be read (${(e as { code?: string }).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/** A report workbook (`full` on disk, `rel` below data/reports/) read as its CSV would be. */
export function readXlsxReport(full: string, rel: string, ctx: ReportContext): ReportEntry {
  const file = `data/reports/${rel}`;
  const day = /^(\d{4}-\d{2}-\d{2})\//.exec(rel)?.[1] ?? rel.slice(0, 10);
  const reader = createReportReader(file, rel, ctx);
  const setAside = (code: string, message: string): ReportEntry => ({
    file,
    day,
    rows: [],
    problems: [
      {
        severity: 'error',
        code,
        setAside: 'file',
        file,
        message: `${message}; the whole file was set aside`,
      },
    ],
    setAsideRows: 0,
    blankCells: 0,
    setAside: true,
  });
  // A file misnamed, of an unknown form or district, is set aside before its bytes are read.
  if (reader.done) return entryOf(file, day, reader.end(), undefined, [], 0);
  const bytes = readBytes(full, LIMITS.reportBytes);
  if ('error' in bytes) return setAside('SHOUTU-X002', bytes.error);
  const read = readSheetSync(bytes);
  if ('error' in read)
    return setAside(read.error === 'too-large' ? 'SHOUTU-X003' : 'SHOUTU-X002', read.message);

  let header: string[] | undefined;
  const own: Problem[] = [];
  let ownSetAside = 0;
  for (const row of read.rows) {
    if (reader.done) break;
    const texts: string[] = [];
    const errors: { column: number; error: string }[] = [];
    row.values.forEach((v, i) => {
      const t = cellText(v);
      if ('error' in t) {
        errors.push({ column: i + 1, error: t.error });
        texts.push('');
      } else texts.push(t.text);
    });
    // Trailing blank cells are no values (a sheet has no line ends to count them by).
    while (texts.length > 0 && (texts[texts.length - 1] ?? '').trim() === '') texts.pop();
    if (texts.length === 0 && errors.length === 0) continue;
    if (!header) {
      header = texts.map((h) => h.trim());
      reader.record(texts, row.line);
      continue;
    }
    if (errors.length > 0) {
      // The row cannot be read as the sheet shows it: set aside, at the cell.
      for (const e of errors) {
        const field = header[e.column - 1];
        own.push({
          severity: 'error',
          code: 'SHOUTU-X004',
          setAside: 'row',
          file,
          line: row.line,
          ...(field ? { field } : {}),
          cell: cellRef(read.sheet, e.column, row.line),
          message: `${e.error}; the row was set aside`,
        });
      }
      ownSetAside++;
      continue;
    }
    // Cells a CSV line would have: as many as the header, unless more were filled in.
    while (texts.length < header.length) texts.push('');
    reader.record(texts, row.line);
  }
  return entryOf(file, day, reader.end(), header && read.sheet, own, ownSetAside, header);
}

function entryOf(
  file: string,
  day: string,
  r: ReportFile,
  sheet: string | undefined,
  own: Problem[],
  ownSetAside: number,
  header: string[] = [],
): ReportEntry {
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    if (h !== '' && !columns.has(h)) columns.set(h, i + 1);
  });
  const located = r.problems.map((p): Problem => {
    if (sheet === undefined || p.file !== file || p.line === undefined) return p;
    const column = p.field !== undefined ? columns.get(p.field) : undefined;
    return column !== undefined ? { ...p, cell: cellRef(sheet, column, p.line) } : p;
  });
  // Cells that could not be read are said up to the same cap as the reader's problems.
  const cap = Math.max(0, LIMITS.problemsPerFile - located.length);
  const problems = [...located, ...own.slice(0, cap)];
  if (own.length > cap)
    problems.push({
      severity: 'error',
      code: 'SHOUTU-X004',
      file,
      message: `… and ${own.length - cap} more cells that could not be read in this file`,
    });
  return {
    file,
    day,
    rows: r.setAside ? [] : r.rows,
    problems,
    setAsideRows: r.setAsideRows + (r.setAside ? 0 : ownSetAside),
    blankCells: r.blankCells,
    setAside: r.setAside,
  };
}
