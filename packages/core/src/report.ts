import { Parser as CsvParser } from 'csv-parse';
import { isValidDay } from './dates.js';
import type { Form, FormField } from './form.js';
import { SUBJECT_COLUMN, SUBMITTED_COLUMN } from './form.js';
import { describeValue } from './issue-text.js';
import { locate, parseJsonSource, problemAt } from './json-source.js';
import { LIMITS } from './limits.js';
import { didYouMean, hint, type Problem } from './problem.js';
import type { Registry } from './registry.js';

export type FieldValue = number | string | boolean | null;

/** One accepted row of a daily report: a subject's answers to a form on a day. */
export interface ReportRow {
  form: string;
  subject: string;
  day: string;
  submittedAt: string | null;
  late: boolean;
  /** Field values by field id; personal fields and blank cells are never here. */
  values: Record<string, FieldValue>;
  /**
   * Fields left blank in this row (not personal ones): each is a missing value of that field
   * only, which the rules that need it count by their `missing` mode.
   */
  blank?: string[];
  file: string;
  line: number;
}

export interface ReportFile {
  file: string;
  form: string;
  district: string;
  day: string;
  rows: ReportRow[];
  problems: Problem[];
  /** Rows set aside because they were invalid; each has a problem. */
  setAsideRows: number;
  /** Blank cells of required fields in accepted rows; each has a warning. */
  blankCells: number;
  /** The whole file was set aside (it could not be read, or its header is wrong). */
  setAside: boolean;
}

export interface ReportContext {
  forms: ReadonlyMap<string, Form>;
  registry: Registry;
}

/**
 * `data/reports/<day>/<form>.<district>.csv` (or `.json`, or `.xlsx`: a workbook whose first
 * sheet is read like the CSV, see `ReportReader.record`): the name says what the file is.
 */
export const REPORT_NAME = /^(\d{4}-\d{2}-\d{2})\/([a-z][a-z0-9-]*)\.(\d+)\.(csv|json|xlsx)$/;

type RawRow = {
  line: number;
  column?: (field: string) => number | undefined;
  cells: Map<string, unknown>;
  /** Set when the row as a whole cannot be read. */
  error?: string | undefined;
  /** Where in the row `error` was found, when known. */
  errorColumn?: number | undefined;
};

/** What a report file's reader is fed: its text piece by piece, then the end. */
export interface ReportReader {
  /** The next piece of the file's text (decoded UTF-8, in order). */
  write(text: string): void;
  /**
   * One record of a table already split into cells (stream C, issue 13: a workbook's sheet, row
   * by row, the header first), read exactly as a CSV record; `line` is the row of the sheet.
   */
  record(cells: string[], line: number): void;
  /** Whether the reader has stopped early (the file was set aside): more text is not needed. */
  readonly done: boolean;
  /** The file as read; call once, after the last piece. */
  end(): ReportFile;
}

/**
 * Reads one report file. `name` is its path below `data/reports/`; `file` is how problems name it.
 * Invalid rows are set aside and counted; a file whose name or header is wrong is set aside whole.
 */
export function readReportFile(
  file: string,
  name: string,
  text: string,
  ctx: ReportContext,
): ReportFile {
  const reader = createReportReader(file, name, ctx);
  reader.write(text);
  return reader.end();
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A report file read as its text arrives: a CSV file row by row (its text is never held whole),
 * a JSON file as one text (bounded by `LIMITS.reportBytes`). Problems are kept up to
 * `LIMITS.problemsPerFile`, then one line says how many more there were; counts stay exact.
 */
export function createReportReader(
  file: string,
  name: string,
  ctx: ReportContext,
  /** Tests only: smaller limits than `LIMITS`. */
  limits: { reportRows: number; problemsPerFile: number } = LIMITS,
): ReportReader {
  const m = REPORT_NAME.exec(name);
  const result: ReportFile = {
    file,
    form: m?.[2] ?? '',
    district: m?.[3] ?? '',
    day: m?.[1] ?? '',
    rows: [],
    problems: [],
    setAsideRows: 0,
    blankCells: 0,
    setAside: false,
  };
  let done = false;
  let omitted = 0;
  let omittedErrors = 0;
  const say = (p: Problem) => {
    if (result.problems.length < limits.problemsPerFile) result.problems.push(p);
    else {
      omitted++;
      if (p.severity === 'error') omittedErrors++;
    }
  };
  const fileProblem = (message: string, line?: number, column?: number) => {
    // Said even past the cap: it is why nothing of the file is used.
    result.problems.push({
      severity: 'error',
      code: 'SHOUTU-D001',
      setAside: 'file',
      file,
      line,
      column,
      message: `${message}; the whole file was set aside`,
    });
    result.setAside = true;
    result.rows = [];
    done = true;
  };
  const finish = (): ReportFile => {
    done = true;
    if (omitted > 0)
      result.problems.push({
        severity: omittedErrors > 0 ? 'error' : 'warning',
        code: 'SHOUTU-D005',
        ...(omittedErrors > 0 ? { setAside: 'row' as const } : {}),
        file,
        message: `… and ${plural(omitted, 'more problem')} in this file (${plural(result.setAsideRows, 'row')} set aside)`,
      });
    omitted = 0;
    return result;
  };
  const preflight = (): Form | undefined => {
    if (!m) return void fileProblem(misnamed(name));
    if (!isValidDay(result.day)) return void fileProblem(`"${result.day}" is not a real date`);
    const form = ctx.forms.get(result.form);
    if (!form)
      return void fileProblem(
        `unknown form "${result.form}"${hint(result.form, ctx.forms.keys())}`,
      );
    // A file is named for a unit of the second level, or for the top unit (its own reports).
    const district = ctx.registry.units.get(result.district);
    const { districtLevel, topLevel } = ctx.registry;
    if (!district || (district.level !== districtLevel.id && district.level !== topLevel.id))
      return void fileProblem(
        `"${result.district}" is not the code of a ${districtLevel.id}${topLevel.id === districtLevel.id ? '' : ` or of the ${topLevel.id}`} in the registry`,
      );
    return form;
  };
  const form = preflight();
  if (!form)
    return {
      write() {},
      record() {},
      get done() {
        return true;
      },
      end: finish,
    };

  const seen = new Map<string, number>();
  let rowCount = 0;
  const takeRow = (row: RawRow) => {
    if (done) return;
    rowCount++;
    if (rowCount > limits.reportRows) {
      const most = limits.reportRows.toLocaleString('en');
      fileProblem(
        `more than ${most} rows: expected at most ${most} rows in one report file`,
        row.line,
      );
      return;
    }
    readRow(row, form, result, seen, ctx.registry, say);
  };

  if (m?.[4] === 'csv' || m?.[4] === 'xlsx') {
    const csv = csvReader(file, form, say, takeRow, (message, line) => fileProblem(message, line));
    return {
      write(text) {
        if (!done) csv.write(text);
      },
      record(cells, line) {
        if (!done) csv.record(cells, line);
      },
      get done() {
        return done;
      },
      end() {
        if (!done) csv.end();
        return finish();
      },
    };
  }
  const pieces: string[] = [];
  return {
    write(text) {
      if (!done) pieces.push(text);
    },
    record() {},
    get done() {
      return done;
    },
    end() {
      if (done) return finish();
      const raw = jsonRows(file, pieces.join(''), result, form, say);
      pieces.length = 0;
      if ('error' in raw) fileProblem(raw.error.message, raw.error.line, raw.error.column);
      else for (const row of raw.rows) if (!done) takeRow(row);
      return finish();
    },
  };
}

/** Checks one row and keeps it, or sets it aside with its problems. */
function readRow(
  row: RawRow,
  form: Form,
  result: ReportFile,
  seen: Map<string, number>,
  registry: Registry,
  say: (p: Problem) => void,
): void {
  const file = result.file;
  if (row.error !== undefined) {
    say({
      severity: 'error',
      code: 'SHOUTU-D002',
      setAside: 'row',
      file,
      line: row.line,
      ...(row.errorColumn !== undefined ? { column: row.errorColumn } : {}),
      message: `${row.error}; the row was set aside`,
    });
    result.setAsideRows++;
    return;
  }
  const rowProblems: Problem[] = [];
  const bad = (field: string | undefined, message: string) =>
    rowProblems.push(
      row.column
        ? {
            severity: 'error',
            code: 'SHOUTU-D002',
            setAside: 'row',
            file,
            line: row.line,
            column: field ? row.column(field) : undefined,
            message: field ? `${field}: ${message}` : message,
          }
        : {
            severity: 'error',
            code: 'SHOUTU-D002',
            setAside: 'row',
            file,
            line: row.line,
            field,
            message,
          },
    );
  const subject = row.cells.get(SUBJECT_COLUMN);
  const code =
    typeof subject === 'string'
      ? subject.trim()
      : typeof subject === 'number'
        ? String(subject)
        : '';
  if (code === '')
    bad(
      SUBJECT_COLUMN,
      'missing subject: expected the code of the unit or place this row reports for',
    );
  else checkSubject(code, form, result, registry, (msg) => bad(SUBJECT_COLUMN, msg));
  const earlier = seen.get(code);
  if (code !== '' && earlier !== undefined)
    bad(
      SUBJECT_COLUMN,
      `"${code}" was already reported on line ${earlier} of this file: expected one row per subject`,
    );

  let submittedAt: string | null = null;
  const sub = row.cells.get(SUBMITTED_COLUMN);
  if (sub !== undefined && sub !== null && sub !== '') {
    const s = String(sub).trim().replace(' ', 'T');
    if (
      !/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(s) ||
      !isValidDay(s.slice(0, 10))
    )
      bad(
        SUBMITTED_COLUMN,
        `expected a real local date and time written as YYYY-MM-DDTHH:MM (hours 00–23, minutes 00–59), found ${describeValue(sub)}`,
      );
    else submittedAt = s.slice(0, 16);
  }

  const values: Record<string, FieldValue> = {};
  const blank: string[] = [];
  const blankWarnings: Problem[] = [];
  for (const field of form.fields) {
    const cell = row.cells.get(field.id);
    if (isBlank(cell)) {
      // A blank cell is a missing value of this field only: the row is kept.
      if (!field.personal) blank.push(field.id);
      if (field.required)
        blankWarnings.push({
          severity: 'warning',
          code: 'SHOUTU-D003',
          file,
          line: row.line,
          ...(row.column ? { column: row.column(field.id) } : { field: field.id }),
          message: `${row.column ? `${field.id}: ` : ''}blank: expected ${expectation(field)}; the rules that need this value count it as missing, the rest of the row is used`,
        });
      continue;
    }
    const v = convert(field, cell, row.column !== undefined);
    if ('error' in v) bad(field.id, v.error);
    else if (!field.personal) values[field.id] = v.value;
  }

  if (rowProblems.length > 0) {
    for (const p of rowProblems) say({ ...p, message: `${p.message}; the row was set aside` });
    result.setAsideRows++;
    return;
  }
  seen.set(code, row.line);
  for (const w of blankWarnings) say(w);
  result.blankCells += blankWarnings.length;
  const dueAt = form.due ? `${result.day}T${form.due}` : undefined;
  result.rows.push({
    form: form.id,
    subject: code,
    day: result.day,
    submittedAt,
    late: dueAt !== undefined && submittedAt !== null && submittedAt > dueAt,
    values,
    ...(blank.length > 0 ? { blank } : {}),
    file,
    line: row.line,
  });
}

/** Says what is wrong with a report file's path below data/reports/. */
function misnamed(name: string): string {
  const [folder = '', base = ''] = name.includes('/')
    ? [name.slice(0, name.lastIndexOf('/')), name.slice(name.lastIndexOf('/') + 1)]
    : ['', name];
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(folder))
    return `the folder "${folder || '(none)'}" is not a day: expected the file in data/reports/YYYY-MM-DD/, e.g. data/reports/2020-02-02/grid-daily.210202.csv`;
  if (['csv', 'json', 'xlsx'].includes(ext.toLowerCase())) {
    if (ext !== ext.toLowerCase())
      return `the file name ends in ".${ext}": expected lower-case ".${ext.toLowerCase()}"`;
  } else if (['xls', 'et', 'ods'].includes(ext.toLowerCase()))
    return `".${ext}" workbooks are not read: save it as an Excel workbook (.xlsx) named <form>.<district code>.xlsx, e.g. grid-daily.210202.xlsx`;
  else
    return `".${ext}" files are not read: expected a CSV file, an Excel workbook (.xlsx) or a JSON file named <form>.<district code>.csv, e.g. grid-daily.210202.csv`;
  return `the file name "${base}" does not say what it is: expected <form>.<district code>.csv, .xlsx or .json, e.g. grid-daily.210202.csv`;
}

function checkSubject(
  code: string,
  form: Form,
  report: ReportFile,
  registry: Registry,
  bad: (m: string) => void,
) {
  const place = registry.places.get(code);
  const unit = registry.units.get(code);
  const what =
    form.subjects.kind === 'place'
      ? `a place of type ${form.subjects.placeTypes.join(' or ')}`
      : `a ${form.subjects.level}`;
  const entity = place ?? unit;
  if (!entity)
    return bad(`unknown subject "${code}": expected the code of ${what} in the registry`);
  if (
    form.subjects.kind === 'place'
      ? !place || !form.subjects.placeTypes.includes(place.type)
      : unit?.level !== form.subjects.level
  )
    return bad(
      `"${code}" is ${place ? `a place of type ${place.type}` : `a ${unit?.level}`}: the form "${form.id}" is filled in by ${what}`,
    );
  if (
    entity.validFrom > report.day ||
    (entity.validTo !== undefined && entity.validTo < report.day)
  )
    return bad(
      `"${code}" is not in force on ${report.day} (valid ${entity.validFrom} to ${entity.validTo ?? 'open end'})`,
    );
  const top = registry.units.get(report.district)?.level === registry.topLevel.id;
  if (top && code !== report.district)
    return bad(
      `"${code}" is not the ${registry.topLevel.id} ${report.district}: a file named for the ${registry.topLevel.id} holds its own rows only`,
    );
  if (!top && registry.districtOf(code)?.code !== report.district)
    return bad(`"${code}" does not lie in district ${report.district}, which this file is for`);
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '有']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '无']);

function isBlank(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** Converts a cell that is not blank to the field's type. JSON (`typed`) must use JSON's own numbers and booleans. */
function convert(
  field: FormField,
  cell: unknown,
  typed: boolean,
): { value: FieldValue } | { error: string } {
  const fullWidth =
    typeof cell === 'string' && /[０-９．－]/.test(cell)
      ? ' (full-width characters: type digits with the half-width keyboard)'
      : '';
  const found = `${field.personal ? 'a value that is not valid' : describeValue(cell)}${fullWidth}`;
  const fail = () => ({ error: `expected ${expectation(field)}, found ${found}` });
  const text = typeof cell === 'string' ? cell.trim() : cell;
  if (typed && (field.type === 'integer' || field.type === 'number') && typeof cell !== 'number')
    return fail();
  if (typed && field.type === 'boolean' && typeof cell !== 'boolean') return fail();
  switch (field.type) {
    case 'integer':
    case 'number': {
      const n =
        typeof text === 'number'
          ? text
          : typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text)
            ? Number(text)
            : Number.NaN;
      if (Number.isNaN(n) || (field.type === 'integer' && !Number.isInteger(n))) return fail();
      // Beyond 2^53 a number is rounded in silence: 9007199254740993 would be read as …992.
      if (Math.abs(n) > Number.MAX_SAFE_INTEGER)
        return {
          error: `expected ${field.type === 'integer' ? 'a whole number' : 'a number'} between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, found ${found}`,
        };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
        return fail();
      return { value: n };
    }
    case 'boolean': {
      if (typeof text === 'boolean') return { value: text };
      const s = String(text).toLowerCase();
      return TRUE.has(s) ? { value: true } : FALSE.has(s) ? { value: false } : fail();
    }
    case 'enum':
      return typeof text === 'string' && field.options?.includes(text) ? { value: text } : fail();
    case 'date':
      return typeof text === 'string' && isValidDay(text) ? { value: text } : fail();
    case 'time':
      return typeof text === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(text)
        ? { value: text }
        : fail();
    case 'text':
      return typeof text === 'string' ? { value: text } : fail();
  }
}

function expectation(field: FormField): string {
  const unit = field.unit ? ` (${field.unit})` : '';
  const range =
    field.min !== undefined && field.max !== undefined
      ? ` from ${field.min} to ${field.max}`
      : field.min !== undefined
        ? ` of at least ${field.min}`
        : field.max !== undefined
          ? ` of at most ${field.max}`
          : '';
  switch (field.type) {
    case 'integer':
      return `a whole number${range}${unit}`;
    case 'number':
      return `a number${range}${unit}`;
    case 'boolean':
      return 'yes or no (true/false, 是/否)';
    case 'enum':
      return `one of ${field.options?.map((o) => `"${o}"`).join(', ')}`;
    case 'date':
      return 'a date written as YYYY-MM-DD';
    case 'time':
      return 'a time written as HH:MM';
    case 'text':
      return 'text';
  }
}

type RawRead =
  | { rows: RawRow[]; warnings: Problem[] }
  | { error: { message: string; line?: number | undefined; column?: number | undefined } };

type CsvRecord = { record: string[]; info: { lines: number } };

/**
 * csv-parse's stream `Parser`, fed synchronously with `write()` and drained with `read()`: rows
 * are handed on as they are parsed, and no more of the text than a piece is held at once.
 */
function csvReader(
  file: string,
  form: Form,
  say: (p: Problem) => void,
  takeRow: (row: RawRow) => void,
  fail: (message: string, line?: number) => void,
): { write(text: string): void; record(cells: string[], line: number): void; end(): void } {
  const parser = new CsvParser({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  // Errors are read from `parser.errored` as each piece is fed; the event would come too late.
  parser.on('error', () => {});
  let header: string[] | undefined;
  let firstRow = true;
  let stopped = false;
  const take = (r: CsvRecord) => {
    if (!header) {
      const head = r.record.map((h) => h.trim());
      if (head.length > LIMITS.rowFields) {
        stopped = true;
        return fail(
          `the header has ${head.length} columns: expected at most ${LIMITS.rowFields}`,
          r.info.lines,
        );
      }
      const check = headerCheck(file, head, form, r.info.lines);
      if ('error' in check) {
        stopped = true;
        return fail(check.error.message, check.error.line);
      }
      for (const w of check.warnings) say(w);
      header = head;
      return;
    }
    // The labels row of a template (stream C, issue 13), kept when it was filled in: not a report row.
    const labels = firstRow && isTemplateLabelsRow(header, r.record);
    firstRow = false;
    if (labels) return;
    const cells = new Map<string, unknown>();
    for (let i = 0; i < header.length; i++) cells.set(header[i] as string, r.record[i]);
    // A row with the wrong number of cells cannot be trusted column by column.
    const error =
      r.record.length === header.length
        ? undefined
        : `expected ${header.length} values as in the header, found ${r.record.length}`;
    takeRow({ line: r.info.lines, cells, error });
  };
  // csv-parse builds an error (with a stack) for each row whose cell count differs from the
  // header's: without stacks, a file of a million such rows costs half the time.
  const quiet = (run: () => void) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      run();
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  const drain = () => {
    for (;;) {
      const r = parser.read() as CsvRecord | null;
      if (r === null || stopped) break;
      take(r);
    }
    const err = parser.errored as { message?: string; lines?: number } | null;
    if (err && !stopped) {
      stopped = true;
      fail(
        `this is not a readable CSV file: ${(err.message ?? '').replace(/^Invalid [^:]*: /, '')}`,
        err.lines,
      );
    }
  };
  return {
    record(cells, line) {
      if (stopped) return;
      take({ record: cells, info: { lines: line } });
    },
    write(text) {
      if (stopped) return;
      quiet(() => {
        parser.write(text);
        drain();
      });
    },
    end() {
      if (stopped) return;
      quiet(() => {
        parser.end();
        drain();
      });
      if (!stopped && !header)
        fail(`the file is empty: expected a header line starting with "${SUBJECT_COLUMN}"`, 1);
    },
  };
}

/**
 * The labels row of a template (`shoutu templates`), right below the field ids: each column's label
 * starts with its id, "households_visited / 走访户数 / Households visited". Filled in and saved as
 * CSV or .xlsx, the template keeps it; it is skipped, not read as a row.
 */
export function isTemplateLabelsRow(header: readonly string[], cells: readonly string[]): boolean {
  let labels = 0;
  for (let i = 0; i < header.length; i++) {
    const id = header[i] ?? '';
    const cell = (cells[i] ?? '').trim();
    if (id === '' || cell === '') continue;
    if (cell !== id && !cell.startsWith(`${id} /`)) return false;
    labels++;
  }
  return labels > 0 && (cells[header.indexOf(SUBJECT_COLUMN)] ?? '').trim() !== '';
}

function headerCheck(
  file: string,
  header: string[],
  form: Form,
  line: number,
): { warnings: Problem[] } | { error: { message: string; line: number } } {
  const known = new Set([SUBJECT_COLUMN, SUBMITTED_COLUMN, ...form.fields.map((f) => f.id)]);
  const warnings: Problem[] = [];
  if (!header.includes(SUBJECT_COLUMN))
    return {
      error: {
        message: `the header has no "${SUBJECT_COLUMN}" column: expected the code of the unit or place on each row`,
        line,
      },
    };
  const missing = form.fields.filter((f) => f.required && !header.includes(f.id)).map((f) => f.id);
  header.forEach((h, i) => {
    if (!known.has(h))
      warnings.push({
        severity: 'warning',
        code: 'SHOUTU-D004',
        file,
        line,
        field: h,
        message: `unknown column "${h}" (column ${i + 1}) is ignored${hint(h, known)}`,
      });
  });
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h))
      return { error: { message: `the column "${h}" appears twice in the header`, line } };
    seen.add(h);
  }
  if (missing.length > 0) {
    // A misspelt column is both unknown and missing: say which one it probably is.
    const unknown = header.filter((h) => !known.has(h));
    const guesses = missing
      .map((f) => [f, didYouMean(f, unknown)] as const)
      .filter(([, g]) => g !== undefined)
      .map(([f, g]) => `"${g}" looks like "${f}"`);
    return {
      error: {
        message: `the header lacks the required column(s) ${missing.map((f) => `"${f}"`).join(', ')} of the form "${form.id}"${guesses.length > 0 ? ` (${guesses.join('; ')})` : ''}`,
        line,
      },
    };
  }
  return { warnings };
}

function jsonRows(
  file: string,
  text: string,
  report: ReportFile,
  form: Form,
  say: (p: Problem) => void,
): RawRead {
  // A number that cannot be kept exactly costs its row, not the file: the problems come back
  // beside the source, and each is put on the row it sits in.
  const parsed = parseJsonSource(file, text, { numbersBesideSource: true });
  if (!parsed.source) {
    const p = parsed.problems[0];
    return { error: { message: p?.message ?? 'not valid JSON', line: p?.line, column: p?.column } };
  }
  const src = parsed.source;
  const v = src.value as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Array.isArray(v.rows))
    return {
      error: {
        message: 'expected an object with "rows": a list of { "subject": …, field: value }',
        line: 1,
        column: 1,
      },
    };
  const TOP = ['$schema', 'form', 'district', 'date', 'rows'];
  for (const k of Object.keys(v))
    if (!TOP.includes(k)) {
      const where = locate(src, [k], k);
      say({
        severity: 'warning',
        code: 'SHOUTU-D004',
        file,
        line: where.line,
        column: where.column,
        message: `unknown field "${k}" is ignored (expected only ${TOP.join(', ')})${hint(k, TOP)}`,
      });
    }
  for (const [key, expected] of [
    ['form', report.form],
    ['district', report.district],
    ['date', report.day],
  ] as const) {
    if (v[key] !== undefined && v[key] !== expected) {
      const p = problemAt(
        src,
        [key],
        `"${key}" is ${JSON.stringify(v[key])} but the file name says "${expected}"`,
      );
      return { error: { message: p.message, line: p.line, column: p.column } };
    }
  }
  const known = new Set([SUBJECT_COLUMN, SUBMITTED_COLUMN, ...form.fields.map((f) => f.id)]);
  const rows: RawRow[] = [];
  const list = v.rows as unknown[];
  const starts = list.map((_, i) => locate(src, ['rows', i]));
  // Each number problem, by the row it sits in (the last row starting at or before it).
  const numberProblems = new Map<number, Problem>();
  for (const p of parsed.problems) {
    const before = (s: { line?: number | undefined; column?: number | undefined }) =>
      (s.line ?? 0) < (p.line ?? 0) ||
      ((s.line ?? 0) === (p.line ?? 0) && (s.column ?? 0) <= (p.column ?? 0));
    let lo = 0;
    let hi = starts.length - 1;
    let row = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (before(starts[mid] as { line?: number; column?: number })) {
        row = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (row < 0) return { error: { message: p.message, line: p.line, column: p.column } };
    if (!numberProblems.has(row)) numberProblems.set(row, p);
  }
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const at = starts[i] as { line?: number | undefined; column?: number | undefined };
    const unsafe = numberProblems.get(i);
    if (unsafe) {
      rows.push({
        line: unsafe.line ?? at.line ?? 1,
        cells: new Map(),
        error: unsafe.message,
        errorColumn: unsafe.column,
      });
      continue;
    }
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      rows.push({
        line: at.line ?? 1,
        cells: new Map(),
        error: `expected an object for each row, found ${describeValue(r)}`,
      });
      continue;
    }
    const keys = Object.keys(r);
    if (keys.length > LIMITS.rowFields) {
      rows.push({
        line: at.line ?? 1,
        cells: new Map(),
        error: `the row has ${keys.length} fields: expected at most ${LIMITS.rowFields}`,
      });
      continue;
    }
    // A misspelt field is said, as an unknown CSV column is: its value is not used.
    for (const k of keys)
      if (!known.has(k)) {
        const where = locate(src, ['rows', i, k], k);
        say({
          severity: 'warning',
          code: 'SHOUTU-D004',
          file,
          line: where.line,
          column: where.column,
          message: `unknown field "${k}" is ignored${hint(k, known)}`,
        });
      }
    rows.push({
      line: at.line ?? 1,
      column: (field) => locate(src, ['rows', i, field]).column,
      cells: new Map(Object.entries(r)),
    });
  }
  return { rows, warnings: [] };
}
