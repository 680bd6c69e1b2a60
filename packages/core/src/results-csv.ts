/**
 * The three CSV files of a district's day in results format 5: `<district>.units.csv.gz`,
 * `<district>.places.csv.gz` and `<district>.findings.csv.gz` (gzipped by `@shoutu/core/snapshot`).
 *
 * RFC 4180, UTF-8 without a byte order mark, lines ending in `\n`, a header row, the columns in
 * the fixed order below. In every file:
 *
 * - An empty cell is null (or, for a finding's optional fields, absent). A text column that is
 *   never null writes the empty string as `""` (read back as the empty string either way).
 * - Numbers are written as JavaScript writes them (`87.5`, `-2.1`, `0`); true and false as
 *   `true` and `false`.
 * - Names are one `name:<lang>` column per project language, in the project's order (texts in
 *   other languages are not kept).
 * - A summary is flattened to `score,band,capped,criticalFailures,criticalChecks,overdue,pass,
 *   fail,missing,waived,notApplicable,error` and then one `area:<id>` column per policy area, in the scoring
 *   method's order.
 * - Lists and conditions are one cell of JSON (it starts with `[`).
 * - Cells are the record, exactly: they are not guarded against spreadsheets that run text
 *   starting with `=`, `+`, `-` or `@` as a formula (a place name could). These files are for
 *   programs (DuckDB, pandas, the site); the site's downloads, made for people to open in a
 *   spreadsheet, defuse such cells.
 *
 * Columns:
 *
 * - units: `code,level,parent,name:<lang>…,<summary>,change,week,month,lost,ownLost`, one row per
 *   unit below the district in force that day, by code.
 * - places: `id,grid,type,department,name:<lang>…,<summary>,lost`, one row per place with a
 *   listed finding, by id.
 * - findings: `rule,subject,status,outcome,streak,due,overdue_days,message,conditions,sources,
 *   blank`, one row per
 *   failure, missing report, waived finding and error of the district's subjects, by rule then
 *   subject.
 */
import type { z } from 'zod';
import { Finding, PlaceRow, UnitRow } from './result.js';
import { BANDS, type Band } from './scoring.js';

type Kind = 'text' | 'number' | 'bool' | 'json';

interface Column {
  name: string;
  path: readonly string[];
  kind: Kind;
  /** What an empty cell is: the field absent, null, or (a text never null) the empty string. */
  empty: 'absent' | 'null' | 'text';
}

const col = (
  name: string,
  path: string,
  kind: Kind = 'text',
  empty: Column['empty'] = kind === 'text' ? 'text' : 'null',
): Column => ({ name, path: path.split('.'), kind, empty });

const nameColumns = (languages: readonly string[]) =>
  languages.map((l) => col(`name:${l}`, `name.${l}`, 'text', 'absent'));

const summaryColumns = (areas: readonly string[]): Column[] => [
  col('score', 'summary.score', 'number'),
  col('band', 'summary.band', 'text', 'null'),
  col('capped', 'summary.capped', 'bool'),
  col('criticalFailures', 'summary.criticalFailures', 'number'),
  col('criticalChecks', 'summary.criticalChecks', 'number'),
  col('overdue', 'summary.overdue', 'number'),
  ...['pass', 'fail', 'missing', 'waived', 'notApplicable', 'error'].map((c) =>
    col(c, `summary.counts.${c}`, 'number'),
  ),
  ...areas.map(
    (a): Column => ({
      name: `area:${a}`,
      path: ['summary', 'areas', a],
      kind: 'number',
      empty: 'null',
    }),
  ),
];

/** The columns of `<district>.units.csv` for these languages and areas. */
export function unitColumns(languages: readonly string[], areas: readonly string[]): Column[] {
  return [
    col('code', 'code'),
    col('level', 'level'),
    col('parent', 'parent'),
    ...nameColumns(languages),
    ...summaryColumns(areas),
    col('change', 'trend.change', 'number'),
    col('week', 'trend.week', 'number'),
    col('month', 'trend.month', 'number'),
    col('lost', 'lost', 'number'),
    col('ownLost', 'ownLost', 'number'),
  ];
}

/** The columns of `<district>.places.csv` for these languages and areas. */
export function placeColumns(languages: readonly string[], areas: readonly string[]): Column[] {
  return [
    col('id', 'id'),
    col('grid', 'grid'),
    col('type', 'type'),
    col('department', 'department'),
    ...nameColumns(languages),
    ...summaryColumns(areas),
    col('lost', 'lost', 'number'),
  ];
}

/** The columns of `<district>.findings.csv`. */
export const FINDING_COLUMNS: readonly Column[] = [
  col('rule', 'rule'),
  col('subject', 'subject'),
  col('status', 'status'),
  col('outcome', 'outcome', 'text', 'absent'),
  col('streak', 'streak', 'number', 'absent'),
  col('due', 'due', 'text', 'absent'),
  col('overdue_days', 'overdueDays', 'number', 'absent'),
  col('message', 'message', 'text', 'absent'),
  col('conditions', 'conditions', 'json', 'absent'),
  col('sources', 'sources', 'json', 'absent'),
  col('blank', 'blank', 'json', 'absent'),
];

function get(row: unknown, path: readonly string[]): unknown {
  let v = row;
  for (const k of path) v = v === null || v === undefined ? undefined : (v as never)[k];
  return v;
}

const QUOTED = /[",\r\n]/;

/**
 * One RFC 4180 field: empty for null, `""` for the empty string, quoted when it holds a quote, a
 * comma or a line break. Written here rather than with csv-stringify, which gives the same bytes
 * (the tests check it) at four times the cost: a province's day is 300,000 rows.
 */
export function csvField(value: unknown, kind: Kind = 'text'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = kind === 'json' ? JSON.stringify(value) : String(value);
  if (text === '') return '""';
  return QUOTED.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(columns: readonly Column[], rows: readonly unknown[]): string {
  let out = `${columns.map((c) => csvField(c.name)).join(',')}\n`;
  for (const r of rows)
    out += `${columns.map((c) => csvField(get(r, c.path), c.kind)).join(',')}\n`;
  return out;
}

export const unitsCsv = (
  rows: readonly UnitRow[],
  languages: readonly string[],
  areas: readonly string[],
) => toCsv(unitColumns(languages, areas), rows);
export const placesCsv = (
  rows: readonly PlaceRow[],
  languages: readonly string[],
  areas: readonly string[],
) => toCsv(placeColumns(languages, areas), rows);
export const findingsCsv = (rows: readonly Finding[]) => toCsv(FINDING_COLUMNS, rows);

/** A problem of a CSV file at a line (1-based, the header is line 1) and a column, in plain words. */
export class CsvProblem extends Error {
  constructor(
    readonly line: number,
    readonly column: string | undefined,
    readonly problem: string,
  ) {
    super(`line ${line}${column === undefined ? '' : `, column ${column}`}: ${problem}`);
  }
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;

function value(text: string, c: Column, line: number): unknown {
  if (text === '') return c.empty === 'absent' ? undefined : c.empty === 'null' ? null : '';
  switch (c.kind) {
    case 'text':
      return text;
    case 'number':
      if (!NUMBER.test(text))
        throw new CsvProblem(line, c.name, `expected a number, found "${text}"`);
      return Number(text);
    case 'bool':
      if (text !== 'true' && text !== 'false')
        throw new CsvProblem(line, c.name, `expected true or false, found "${text}"`);
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new CsvProblem(line, c.name, `expected JSON, found "${text.slice(0, 60)}"`);
      }
  }
}

function put(row: Record<string, unknown>, path: readonly string[], v: unknown): void {
  let o = row;
  for (const k of path.slice(0, -1)) {
    if (o[k] === undefined) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1] as string] = v;
}

/** The column a zod issue's path points at. */
function columnOf(columns: readonly Column[], path: readonly PropertyKey[]): string | undefined {
  const p = path.map(String);
  const exact = columns.find((c) => c.path.join('.') === p.slice(0, c.path.length).join('.'));
  if (exact) return exact.name;
  // A missing key of a whole group (a name without the project's language, an area left out).
  const prefix = columns.find((c) => c.path.slice(0, p.length).join('.') === p.join('.'));
  return prefix?.name;
}

/** The languages and areas a header names, checked to be the columns of `make` for them. */
function headerOf(header: readonly string[], make: (l: string[], a: string[]) => Column[]) {
  const names = header.map((h) => h ?? '');
  const languages = names.filter((n) => n.startsWith('name:')).map((n) => n.slice(5));
  const areas = names.filter((n) => n.startsWith('area:')).map((n) => n.slice(5));
  const columns = make(languages, areas);
  const expected = columns.map((c) => c.name);
  if (expected.join(',') !== names.join(',')) {
    const at = expected.findIndex((n, i) => names[i] !== n);
    throw new CsvProblem(
      1,
      undefined,
      `expected the header ${expected.join(',')}; column ${at + 1} is "${names[at] ?? '(none)'}", expected "${expected[at] ?? '(no more columns)'}"`,
    );
  }
  return columns;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * The records of RFC 4180 text, each with the line it starts on (1-based): fields separated by
 * commas, records by `\n` or `\r\n`, a field in double quotes may hold commas, line breaks and
 * doubled quotes. Every record must have as many fields as the first. Written here rather than
 * with csv-parse (which reads the report files): it gives the same records (the tests check it)
 * in a fraction of the time, and later days' trends read a whole city's day of units.
 */
export function splitCsv(text: string): { line: number; record: string[] }[] {
  const out: { line: number; record: string[] }[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const record: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        field = '';
        let j = i + 1;
        for (;;) {
          const k = text.indexOf('"', j);
          if (k < 0)
            throw new CsvProblem(
              start,
              undefined,
              'is not valid CSV: a quoted field is not closed',
            );
          const part = text.slice(j, k);
          field += part;
          for (let p = part.indexOf('\n'); p >= 0; p = part.indexOf('\n', p + 1)) line++;
          if (text.charCodeAt(k + 1) === QUOTE) {
            field += '"';
            j = k + 2;
          } else {
            i = k + 1;
            break;
          }
        }
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || (c === CR && text.charCodeAt(j + 1) === LF)) break;
          if (c === QUOTE || c === CR)
            throw new CsvProblem(
              line,
              undefined,
              `is not valid CSV: a ${c === QUOTE ? 'quote' : 'carriage return'} inside a field that is not quoted`,
            );
        }
        field = text.slice(i, j);
        i = j;
      }
      record.push(field);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (i >= n) break;
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (text.charCodeAt(i) !== LF)
        throw new CsvProblem(line, undefined, 'is not valid CSV: text after a closing quote');
      i++;
      line++;
      break;
    }
    const width = out[0]?.record.length;
    if (width !== undefined && record.length !== width)
      throw new CsvProblem(
        start,
        undefined,
        `is not valid CSV: expected ${width} fields as in the header, found ${record.length}`,
      );
    out.push({ line: start, record });
  }
  return out;
}

/** The checked columns of a file and its rows, each with the line it starts on. */
function records(text: string, make: (l: string[], a: string[]) => Column[]) {
  const [head, ...rows] = splitCsv(text);
  if (!head) throw new CsvProblem(1, undefined, 'expected a header row, found an empty file');
  return { columns: headerOf(head.record, make), rows };
}

function fromCsv<S extends z.ZodType>(
  text: string,
  schema: S,
  make: (l: string[], a: string[]) => Column[],
): z.infer<S>[] {
  const { columns, rows } = records(text, make);
  return rows.map(({ line, record }) => {
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = value(record[i] ?? '', c, line);
      if (v !== undefined) put(row, c.path, v);
    });
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CsvProblem(
        line,
        issue && columnOf(columns, issue.path),
        issue?.message ?? 'invalid row',
      );
    }
    return parsed.data;
  });
}

/** The rows of a units file; throws a `CsvProblem` naming the line and column at fault. */
export const parseUnits = (text: string): UnitRow[] => fromCsv(text, UnitRow, unitColumns);
/** The rows of a places file; throws a `CsvProblem` naming the line and column at fault. */
export const parsePlaces = (text: string): PlaceRow[] => fromCsv(text, PlaceRow, placeColumns);
/** The rows of a findings file; throws a `CsvProblem` naming the line and column at fault. */
export const parseFindings = (text: string): Finding[] =>
  fromCsv(text, Finding, () => [...FINDING_COLUMNS]);

/**
 * Only what later days and trend charts need of a units file: each unit's overall score and band
 * (null when nothing was scored). The header and those cells are checked; the rest of the row is
 * not read.
 */
export function parseScores(
  text: string,
): [code: string, score: number | null, band: Band | null][] {
  const { columns, rows } = records(text, unitColumns);
  const at = (name: string) => columns.findIndex((c) => c.name === name);
  const [code, score, band] = [at('code'), at('score'), at('band')];
  return rows.map(({ line, record }) => {
    const s = value(record[score] ?? '', columns[score] as Column, line) as number | null;
    if (s !== null && (s < 0 || s > 100))
      throw new CsvProblem(line, 'score', `expected a score from 0 to 100, found ${s}`);
    const b = value(record[band] ?? '', columns[band] as Column, line) as string | null;
    if (b !== null && !(BANDS as readonly string[]).includes(b))
      throw new CsvProblem(
        line,
        'band',
        `expected one of ${BANDS.join(', ')} or nothing, found "${b}"`,
      );
    return [record[code] ?? '', s, b as Band | null];
  });
}

/**
 * Only what later days need of a findings file: the streak of each finding that has one. The
 * header and those cells are checked; the rest of the row is not read.
 */
export function parseStreaks(text: string): { rule: string; subject: string; streak: number }[] {
  const { columns, rows } = records(text, () => [...FINDING_COLUMNS]);
  const at = (name: string) => columns.findIndex((c) => c.name === name);
  const [rule, subject, streak] = [at('rule'), at('subject'), at('streak')];
  const out: { rule: string; subject: string; streak: number }[] = [];
  for (const { line, record } of rows) {
    const n = value(record[streak] ?? '', columns[streak] as Column, line) as number | undefined;
    if (n === undefined) continue;
    if (!Number.isInteger(n) || n < 1)
      throw new CsvProblem(line, 'streak', `expected a whole number of days from 1, found ${n}`);
    out.push({ rule: record[rule] ?? '', subject: record[subject] ?? '', streak: n });
  }
  return out;
}
