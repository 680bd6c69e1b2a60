import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import {
  createReportReader,
  dayIn,
  type FieldValue,
  formatBytes,
  isValidDay,
  LIMITS,
  type Problem,
  type Project as ProjectFile,
  REPORT_NAME,
  type ReportRow,
  readReportFile,
} from '@shoutu/core';
import { emptyInputStats, type InputStats, type ReportSource } from '@shoutu/engine';
import { notUtf8Message, valueHash, walkEntries } from './files.js';
import { readXlsxReport, xlsxReaderSource } from './intake/xlsx.js';

/** Raised whenever what a cache entry holds, or how it is keyed, changes. */
export const CACHE_FORMAT = 3;

/** Where parsed report files are kept, below the project root (gitignored). */
export const REPORT_CACHE_DIR = '.shoutu/cache/reports';

/** The folder of daily reports, below the project root. */
export const REPORTS_DIR = 'data/reports';

import type { ReportContext, ReportEntry } from './report-entry.js';

export type { ReportContext, ReportEntry };

/** `<day>/…` below data/reports: the day it counts for (as the file name says, when it can). */
export function dayOfReport(rel: string): string {
  return REPORT_NAME.exec(rel)?.[1] ?? rel.slice(0, 10);
}

/** A whole file set aside before its rows were read, with why. */
export function setAsideEntry(file: string, day: string, problem: Problem): ReportEntry {
  return {
    file,
    day,
    rows: [],
    problems: [problem.severity === 'error' ? { ...problem, setAside: 'file' } : problem],
    setAsideRows: 0,
    blankCells: 0,
    setAside: true,
  };
}

/** How much of a report file is read at once: its text is never held whole. */
const CHUNK_BYTES = 1 << 20;

/** Calls `each` with the file's bytes, a fixed buffer's worth at a time; never follows a link. */
function readChunks(full: string, each: (bytes: Uint8Array) => boolean): void {
  const fd = openSync(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0 || !each(buffer.subarray(0, n))) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * One report file read from disk piece by piece (see `readChunks`): decoded as UTF-8 as it comes
 * (`fatal`, streaming) and fed to the report reader, so that a large CSV file is never held whole.
 * A CSV file that is not UTF-8 is read again as GB18030 (GBK, as Excel and WPS save "CSV (逗号分隔)"
 * on Chinese Windows), with a warning; a workbook (`.xlsx`) is read by `readXlsxReport`.
 */
export function readReport(root: string, rel: string, ctx: ReportContext): ReportEntry {
  const full = path.join(root, REPORTS_DIR, rel);
  if (/\.xlsx$/.test(rel)) return readXlsxReport(full, rel, ctx);
  return parseChunks(rel, ctx, (each) => {
    readChunks(full, each);
  });
}

function parseChunks(
  rel: string,
  ctx: ReportContext,
  feed: (each: (bytes: Uint8Array) => boolean) => void,
): ReportEntry {
  const first = parseAs('utf-8', rel, ctx, feed);
  if (!('notText' in first)) return first;
  // Stream C (issue 13): a CSV file that is not UTF-8 is most likely GBK. Read again from the start.
  if (/\.csv$/.test(rel)) {
    const again = parseAs('gb18030', rel, ctx, feed);
    if (!('notText' in again)) {
      const file = `${REPORTS_DIR}/${rel}`;
      return {
        ...again,
        problems: [
          {
            severity: 'warning',
            code: 'SHOUTU-X001',
            file,
            line: first.notText.line,
            message: `the file is not UTF-8 text (line ${first.notText.line} is the first that is not): it was read as GBK (GB18030), as Excel and WPS save "CSV (逗号分隔)" on Chinese Windows; to be sure it is read as meant, save it as "CSV UTF-8 (逗号分隔)"`,
          },
          ...again.problems,
        ],
      };
    }
  }
  return setAsideEntry(first.notText.file, dayOfReport(rel), first.notText);
}

/** A file read in one encoding; `notText` when its bytes are not text in that encoding. */
function parseAs(
  encoding: 'utf-8' | 'gb18030',
  rel: string,
  ctx: ReportContext,
  feed: (each: (bytes: Uint8Array) => boolean) => void,
): ReportEntry | { notText: Problem & { line: number } } {
  const file = `${REPORTS_DIR}/${rel}`;
  const day = dayOfReport(rel);
  const reader = createReportReader(file, rel, ctx);
  const decoder = new TextDecoder(encoding, { fatal: true });
  let line = 1;
  let size = 0;
  let failed: Problem | undefined;
  let notText: (Problem & { line: number }) | undefined;
  const notUtf8 = (bytes: Uint8Array) => {
    const loose = new TextDecoder(encoding).decode(bytes);
    const bad = Math.max(0, loose.indexOf('\uFFFD'));
    let at = line;
    for (let i = 0; i < bad; i++) if (loose.charCodeAt(i) === 10) at++;
    notText = {
      severity: 'error',
      code: 'SHOUTU-P004',
      setAside: 'file',
      file,
      line: at,
      message: `${notUtf8Message(rel)}; the whole file was set aside`,
    };
  };
  const push = (text: string) => {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
    reader.write(text);
  };
  try {
    feed((bytes) => {
      size += bytes.length;
      if (size > LIMITS.reportBytes) {
        failed = {
          severity: 'error',
          code: 'SHOUTU-P006',
          setAside: 'file',
          file,
          message: `too large (it grew past ${formatBytes(LIMITS.reportBytes)} while it was read): expected a report file of at most ${formatBytes(LIMITS.reportBytes)}; the whole file was set aside`,
        };
        return false;
      }
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        notUtf8(bytes);
        return false;
      }
      push(text);
      return !reader.done;
    });
    if (!failed && !notText && !reader.done) {
      try {
        push(decoder.decode());
      } catch {
        notUtf8(new Uint8Array([0xff]));
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    failed = {
      severity: 'error',
      code: 'SHOUTU-P007',
      setAside: 'file',
      file,
      message: `the file could not be read (${code}${code === 'ELOOP' ? ': a symbolic link' : ''}); the whole file was set aside`,
    };
  }
  if (notText) return { notText };
  if (failed) return setAsideEntry(file, day, failed);
  const r = reader.end();
  return {
    file,
    day,
    rows: r.rows,
    problems: r.problems,
    setAsideRows: r.setAsideRows,
    blankCells: r.blankCells,
    setAside: r.setAside,
  };
}

/** The hash of `parts` and then a file's bytes, read piece by piece (as `sha256(...parts, bytes)`). */
function hashFile(full: string, ...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  try {
    readChunks(full, (bytes) => {
      h.update(bytes);
      return true;
    });
  } catch (e) {
    // An unreadable file gets a key of its own; reading it then says why.
    h.update(`unreadable:${(e as { code?: string }).code ?? 'error'}`);
  }
  h.update('\0');
  return h.digest('hex');
}

/**
 * What checking a report file found, without its rows: its problems and its counts. Enough for
 * `shoutu validate`, and what its ledger keeps.
 */
export interface CheckedReport {
  /** The day the file counts for in the input statistics. */
  day: string;
  problems: Problem[];
  /** Rows accepted, and of them the rows that came late. */
  rows: number;
  lateRows: number;
  setAsideRows: number;
  blankCells: number;
  setAside: boolean;
}

/** A parsed file's problems and counts. */
export function checkedOf(e: ReportEntry): CheckedReport {
  let lateRows = 0;
  for (const row of e.rows) if (row.late) lateRows++;
  return {
    day: e.day,
    problems: e.problems,
    rows: e.rows.length,
    lateRows,
    setAsideRows: e.setAsideRows,
    blankCells: e.blankCells,
    setAside: e.setAside,
  };
}

/** Adds one checked file's counts to its day's input statistics. */
export function countChecked(stats: InputStats, c: CheckedReport): void {
  stats.reportFiles++;
  stats.rows += c.rows;
  stats.setAsideRows += c.setAsideRows;
  if (c.setAside) stats.setAsideFiles++;
  stats.lateRows += c.lateRows;
}

/** Adds one file's counts to its day's input statistics. */
export function countEntry(stats: InputStats, e: ReportEntry): void {
  countChecked(stats, checkedOf(e));
}

const sha256 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex');
};

let fingerprint: string | undefined;

/**
 * The code that reads reports (the files of `@shoutu/core` as this process loads them): a
 * changed reader must not be answered from entries the old one wrote.
 */
export function readerFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const h = createHash('sha256');
  h.update(readReportFile.toString());
  // Stream C (issue 13): the decoding of CSV files and the workbook reader key entries too.
  h.update(parseChunks.toString());
  h.update(parseAs.toString());
  h.update(xlsxReaderSource());
  try {
    const entry = fileURLToPath(import.meta.resolve('@shoutu/core'));
    const dir = path.dirname(entry);
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (/\.(ts|js|mjs)$/.test(name) && statSync(full).isFile()) {
        h.update(name);
        h.update(readFileSync(full));
      }
    }
  } catch {
    // Where the module cannot be located (a test runner's loader), the reader's own text and
    // the format number key it.
    h.update('unresolved');
  }
  fingerprint = h.digest('hex');
  return fingerprint;
}

/**
 * What a report file's reading depends on besides its bytes and name: the cache format, the
 * reader's code, the registry, the forms and the project settings.
 */
export function reportContextHash(ctx: ReportContext, settings: ProjectFile): string {
  const forms = [...ctx.forms.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return sha256(
    `shoutu-report-cache/${CACHE_FORMAT}`,
    readerFingerprint(),
    ctx.registry.version,
    valueHash(forms),
    valueHash(settings),
  );
}

/**
 * A file's rows by column: the form, day and file once, each field's values in one list. Five
 * times smaller than the rows as objects (the field names are not repeated on every row).
 */
interface Packed {
  form: string;
  day: string;
  file: string;
  fields: string[];
  subjects: string[];
  submittedAt: (string | null)[];
  late: boolean[];
  lines: number[];
  /** Row after row, one cell per field; `undefined` where the row has no value. */
  values: (FieldValue | undefined)[];
  blank: (string[] | undefined)[];
}

/** An entry as written: rows packed when they have the shape `readReportFile` gives, else as they are. */
type Stored = Omit<ReportEntry, 'rows'> & { rows?: ReportRow[]; packed?: Packed };

const ROW_KEYS = 'form,subject,day,submittedAt,late,values,file,line';
const ROW_KEYS_BLANK = 'form,subject,day,submittedAt,late,values,blank,file,line';

function stored(entry: ReportEntry, ctx: ReportContext): Stored {
  const { rows, ...rest } = entry;
  const first = rows[0];
  const form = first && ctx.forms.get(first.form);
  if (!first || !form) return entry;
  const fields = form.fields.map((f) => f.id);
  const packed: Packed = {
    form: first.form,
    day: first.day,
    file: first.file,
    fields,
    subjects: [],
    submittedAt: [],
    late: [],
    lines: [],
    values: [],
    blank: [],
  };
  for (const row of rows) {
    const keys = Object.keys(row).join(',');
    if (
      row.form !== packed.form ||
      row.day !== packed.day ||
      row.file !== packed.file ||
      (keys !== ROW_KEYS && keys !== ROW_KEYS_BLANK)
    )
      return entry;
    // The values must be in the form's order for the unpacked row to be the same object.
    let at = 0;
    for (const k of Object.keys(row.values)) {
      while (at < fields.length && fields[at] !== k) at++;
      if (at === fields.length) return entry;
    }
    packed.subjects.push(row.subject);
    packed.submittedAt.push(row.submittedAt);
    packed.late.push(row.late);
    packed.lines.push(row.line);
    for (const f of fields) packed.values.push(row.values[f]);
    packed.blank.push(row.blank);
  }
  return { ...rest, packed };
}

function unpack(p: Packed): ReportRow[] | undefined {
  const n = p.subjects.length;
  const width = p.fields.length;
  if (
    p.submittedAt.length !== n ||
    p.late.length !== n ||
    p.lines.length !== n ||
    p.blank.length !== n ||
    p.values.length !== n * width
  )
    return undefined;
  const rows: ReportRow[] = [];
  for (let i = 0; i < n; i++) {
    const values: Record<string, FieldValue> = {};
    for (let j = 0; j < width; j++) {
      const v = p.values[i * width + j];
      if (v !== undefined) values[p.fields[j] as string] = v;
    }
    const blank = p.blank[i];
    rows.push({
      form: p.form,
      subject: p.subjects[i] as string,
      day: p.day,
      submittedAt: p.submittedAt[i] as string | null,
      late: p.late[i] as boolean,
      values,
      ...(blank !== undefined ? { blank } : {}),
      file: p.file,
      line: p.lines[i] as number,
    });
  }
  return rows;
}

/**
 * Parsed, checked report files by content hash, in `<root>/.shoutu/cache/reports/`. An entry is
 * named `<hash of its path>-<key>.v8`, the key being the hash of the context (see
 * `reportContextHash`), the path and the bytes; an entry that cannot be read or does not hold its
 * own key is ignored and rewritten; writing an entry removes the older ones of the same path.
 */
export class ReportCache {
  readonly dir: string;
  /** Files answered from the cache and files parsed, in this process. */
  hits = 0;
  parsed = 0;
  /** Entries that could not be written (a read-only folder): the run goes on without them. */
  writeFailures = 0;
  /** The first fault that stopped an entry being written (said once, as a note). */
  writeError: unknown;
  private entries: Map<string, string[]> | undefined;

  constructor(
    root: string,
    private readonly context: string,
  ) {
    this.dir = path.join(root, REPORT_CACHE_DIR);
  }

  /** The key of a file's entry: the context, its path and its bytes. */
  keyOf(rel: string, bytes: Uint8Array): string {
    return sha256(this.context, rel, bytes);
  }

  /** `keyOf` a file on disk, read piece by piece. */
  keyOfFile(root: string, rel: string): string {
    return hashFile(path.join(root, REPORTS_DIR, rel), this.context, rel);
  }

  private nameOf(rel: string, key: string): string {
    return `${sha256(rel).slice(0, 24)}-${key}.v8`;
  }

  /** A report file read through the cache. */
  read(root: string, rel: string, ctx: ReportContext): ReportEntry {
    const key = this.keyOfFile(root, rel);
    const name = this.nameOf(rel, key);
    const cached = this.load(name, key);
    if (cached) {
      this.hits++;
      return cached;
    }
    const entry = readReport(root, rel, ctx);
    this.parsed++;
    this.store(name, key, entry, ctx);
    return entry;
  }

  /**
   * Keeps a file parsed elsewhere (by `shoutu validate`) under `key` (`keyOf` its path and bytes),
   * unless an entry of that key is there already, so that the next run that needs its rows need
   * not parse it again.
   */
  fill(rel: string, key: string, entry: ReportEntry, ctx: ReportContext): void {
    const name = this.nameOf(rel, key);
    if (existsSync(path.join(this.dir, name))) return;
    this.store(name, key, entry, ctx);
  }

  private load(name: string, key: string): ReportEntry | undefined {
    const full = path.join(this.dir, name);
    if (!existsSync(full)) return undefined;
    try {
      const v = deserialize(readFileSync(full)) as { key?: unknown; entry?: Stored };
      const e = v?.entry;
      if (
        v?.key !== key ||
        !e ||
        !Array.isArray(e.problems) ||
        typeof e.file !== 'string' ||
        typeof e.day !== 'string' ||
        typeof e.setAsideRows !== 'number' ||
        typeof e.blankCells !== 'number' ||
        typeof e.setAside !== 'boolean'
      )
        return undefined;
      const rows = Array.isArray(e.rows) ? e.rows : e.packed ? unpack(e.packed) : undefined;
      if (!rows) return undefined;
      const { packed: _, ...rest } = e;
      return { ...rest, rows };
    } catch {
      return undefined;
    }
  }

  private store(name: string, key: string, entry: ReportEntry, ctx: ReportContext): void {
    const tmp = path.join(this.dir, `.tmp-${process.pid}-${name}`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, serialize({ key, entry: stored(entry, ctx) }));
      renameSync(tmp, path.join(this.dir, name));
    } catch (error) {
      this.writeFailures++;
      this.writeError ??= error;
      try {
        rmSync(tmp, { force: true });
      } catch {
        // A folder that refuses writes refuses this too; nothing was left then.
      }
      return;
    }
    // Older entries of the same file are superseded by this one.
    const prefix = name.slice(0, name.indexOf('-') + 1);
    const list = this.list();
    for (const other of list.get(prefix) ?? [])
      if (other !== name) rmSync(path.join(this.dir, other), { force: true });
    list.set(prefix, [name]);
  }

  private list(): Map<string, string[]> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    for (const name of existsSync(this.dir) ? readdirSync(this.dir) : []) {
      if (!name.endsWith('.v8') || name.startsWith('.')) continue;
      const prefix = name.slice(0, name.indexOf('-') + 1);
      this.entries.set(prefix, [...(this.entries.get(prefix) ?? []), name]);
    }
    return this.entries;
  }
}

/** What a day source read, for the messages and the snapshots' input statistics. */
export interface DaysRead {
  /** The days read, oldest first. */
  days: string[];
  /** Problems of the files read (and of files outside day folders), in file order. */
  problems: Problem[];
  /** Input statistics of the days read. */
  stats: Map<string, InputStats>;
  /** Report files read, and blank cells of required fields in their accepted rows. */
  files: number;
  blankCells: number;
}

export interface DiskReportSource extends ReportSource {
  /** What has been read so far. */
  read(): DaysRead;
  /** Whether `day` has a report folder (without reading it). */
  has(day: string): boolean;
  /** The input statistics of one day, read if it was not yet. */
  statsOf(day: string): InputStats;
}

/** Today, as the report listing is told it: the day and the time zone it is today in. */
export interface Today {
  day: string;
  timeZone: string;
}

/** Today in the project's time zone (`data/project.json`): the clock is a guard only. */
export function todayOf(settings: Pick<ProjectFile, 'timeZone'>): Today {
  return { day: dayIn(settings.timeZone, new Date()), timeZone: settings.timeZone };
}

/** Every entry below `data/reports/`, sorted out once for every reader of reports. */
export interface ReportListing {
  /** Day folders (named for a real day that has begun) with files to read, oldest first. */
  days: string[];
  /** The files of each day to read, below data/reports/, sorted. */
  files: Map<string, string[]>;
  /** Files outside day folders: read at once, so that their problems are said. */
  stray: string[];
  /**
   * Entries set aside without being read, as whole files set aside of the day they count for:
   * links, hidden files, folders named like files, special files, entries nested too deep,
   * files too large, two reports for one form, district and day, and days that have not begun.
   */
  setAside: ReportEntry[];
}

const DAY_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `data/reports/` listed once (`walkEntries`: no link followed, nothing skipped in silence), for
 * `loadReports`, `checkReports` and the lazy report source alike. With `today`, a day folder after
 * it is set aside whole and not offered: a day that has not begun is never evaluated.
 */
export function listReports(root: string, today?: Today): ReportListing {
  const walk = walkEntries(root, REPORTS_DIR, {
    maxBytes: LIMITS.reportBytes,
    what: 'a report file',
  });
  const setAside: ReportEntry[] = [];
  for (const p of walk.setAside)
    setAside.push(setAsideEntry(p.file, dayOfReport(p.file.slice(REPORTS_DIR.length + 1)), p));
  const files = new Map<string, string[]>();
  const stray: string[] = [];
  for (const rel of walk.files) {
    const folder = rel.slice(0, rel.indexOf('/'));
    if (!rel.includes('/') || !DAY_FOLDER.test(folder) || !isValidDay(folder)) {
      stray.push(rel);
      continue;
    }
    if (today && folder > today.day) {
      setAside.push(
        setAsideEntry(`${REPORTS_DIR}/${rel}`, folder, {
          severity: 'error',
          code: 'SHOUTU-D001',
          file: `${REPORTS_DIR}/${rel}`,
          message: `the report is for ${folder}, a day that has not begun (today is ${today.day} in ${today.timeZone}): it is never evaluated or published`,
        }),
      );
      continue;
    }
    const list = files.get(folder) ?? [];
    files.set(folder, list);
    list.push(rel);
  }
  // Two reports for one form, district and day (x.csv and x.json): which is meant cannot be told.
  for (const [day, list] of files) {
    const byStem = new Map<string, string[]>();
    for (const rel of list) {
      const m = REPORT_NAME.exec(rel);
      if (!m) continue;
      const stem = `${m[2]}.${m[3]}`;
      byStem.set(stem, [...(byStem.get(stem) ?? []), rel]);
    }
    const twins = new Set<string>();
    for (const group of byStem.values()) {
      if (group.length < 2) continue;
      for (const rel of group) {
        twins.add(rel);
        const others = group.filter((o) => o !== rel).map((o) => `${REPORTS_DIR}/${o}`);
        setAside.push(
          setAsideEntry(`${REPORTS_DIR}/${rel}`, day, {
            severity: 'error',
            code: 'SHOUTU-D001',
            file: `${REPORTS_DIR}/${rel}`,
            message: `${others.join(' and ')} is for the same form, district and day: expected one report per form, district and day; both were set aside (keep one of them)`,
          }),
        );
      }
    }
    if (twins.size > 0)
      files.set(
        day,
        list.filter((rel) => !twins.has(rel)),
      );
  }
  setAside.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { days: [...files.keys()].sort(), files, stray, setAside };
}

/**
 * A lazy `ReportSource` over `data/reports/<day>/`: `days()` are the folders named for a real
 * day (one that has begun, given `today`); a day's files are read (through `cache` when given) the
 * first time its rows are asked for. Files anywhere else below `data/reports/`, and entries set
 * aside unread, are taken at once so that their problems are said, never skipped in silence.
 */
export function createReportSource(
  root: string,
  ctx: ReportContext,
  options: { cache?: ReportCache | undefined; today?: Today | undefined } = {},
): DiskReportSource {
  const readOne = (rel: string) =>
    options.cache ? options.cache.read(root, rel, ctx) : readReport(root, rel, ctx);
  const listing = listReports(root, options.today);
  const days = listing.days;
  const known = new Set(days);
  const loaded = new Map<string, ReportEntry[]>();
  const outside = [...listing.stray.map(readOne), ...listing.setAside];
  const entriesOf = (day: string): ReportEntry[] => {
    let entries = loaded.get(day);
    if (!entries) {
      entries = (listing.files.get(day) ?? []).map(readOne);
      loaded.set(day, entries);
    }
    return entries;
  };
  return {
    days: () => days,
    has: (day) => known.has(day),
    rowsOf: (day) => {
      const rows: ReportRow[] = [];
      for (const e of entriesOf(day)) for (const row of e.rows) rows.push(row);
      return rows;
    },
    statsOf(day) {
      const s = emptyInputStats();
      for (const e of entriesOf(day)) if (e.day === day) countEntry(s, e);
      // Files of the day set aside unread count for it too (a link, a twin).
      for (const e of listing.setAside) if (e.day === day && known.has(day)) countEntry(s, e);
      return s;
    },
    read() {
      const read = [...loaded.keys()].filter((d) => known.has(d)).sort();
      const all = [...outside];
      for (const d of read) for (const e of loaded.get(d) ?? []) all.push(e);
      const stats = new Map<string, InputStats>();
      let blankCells = 0;
      const problems: Problem[] = [];
      for (const e of all) {
        const s = stats.get(e.day) ?? emptyInputStats();
        stats.set(e.day, s);
        countEntry(s, e);
        blankCells += e.blankCells;
        for (const p of e.problems) problems.push(p);
      }
      return { days: read, problems, stats, files: all.length, blankCells };
    },
  };
}

/** Where `shoutu validate` keeps what it found in each report file, below the project root. */
export const LEDGER_FILE = '.shoutu/cache/validated.v8';

/** Raised whenever what the ledger holds, or how it is keyed, changes. */
export const LEDGER_FORMAT = 2;

const LEDGER_MAGIC = 'shoutu-validated';

interface LedgerEntry {
  key: string;
  checked: CheckedReport;
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A ledger entry as read back: used only when every field has its type. */
function ledgerEntry(v: unknown): LedgerEntry | undefined {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string') return undefined;
  const c = v[1] as Partial<CheckedReport> | null;
  if (
    !c ||
    typeof c !== 'object' ||
    typeof c.day !== 'string' ||
    !Array.isArray(c.problems) ||
    !c.problems.every(
      (p) =>
        p &&
        typeof p === 'object' &&
        typeof p.code === 'string' &&
        typeof p.file === 'string' &&
        typeof p.message === 'string',
    ) ||
    !isCount(c.rows) ||
    !isCount(c.lateRows) ||
    !isCount(c.setAsideRows) ||
    !isCount(c.blankCells) ||
    typeof c.setAside !== 'boolean'
  )
    return undefined;
  return { key: v[0], checked: c as CheckedReport };
}

/**
 * What `shoutu validate` found in each report file, by path, with the key (the hash of the
 * context, the path and the bytes, as `ReportCache.keyOf`) it was found under: one file,
 * `.shoutu/cache/validated.v8`, read once. A file whose key is unchanged is answered from it,
 * without parsing; any other is parsed. The ledger is rewritten (tmp + rename) when anything
 * changed; one that cannot be read, fails its checksum or was written for another context is
 * ignored and rebuilt, never trusted.
 */
export class ValidationLedger {
  readonly file: string;
  /** Files parsed, and files answered from the ledger, in this run. */
  parsed = 0;
  unchanged = 0;
  /** Whether the ledger could not be written (a read-only folder): the run goes on without it. */
  writeFailed = false;
  private readonly before: Map<string, LedgerEntry>;
  private readonly now = new Map<string, LedgerEntry>();
  /** Whether the ledger read is not to be written back as it was. */
  private stale: boolean;

  constructor(
    root: string,
    private readonly context: string,
  ) {
    this.file = path.join(root, LEDGER_FILE);
    const before = this.read();
    this.before = before ?? new Map();
    this.stale = before === undefined;
  }

  private read(): Map<string, LedgerEntry> | undefined {
    if (!existsSync(this.file)) return undefined;
    try {
      const outer = deserialize(readFileSync(this.file)) as {
        magic?: unknown;
        format?: unknown;
        context?: unknown;
        sum?: unknown;
        body?: unknown;
      };
      if (
        outer?.magic !== LEDGER_MAGIC ||
        outer.format !== LEDGER_FORMAT ||
        outer.context !== this.context ||
        !(outer.body instanceof Uint8Array) ||
        outer.sum !== sha256(outer.body)
      )
        return undefined;
      const rows = deserialize(outer.body) as unknown;
      if (!Array.isArray(rows)) return undefined;
      const map = new Map<string, LedgerEntry>();
      for (const row of rows) {
        if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== 'string') return undefined;
        const e = ledgerEntry(row[1]);
        if (!e) return undefined;
        map.set(row[0], e);
      }
      return map;
    } catch {
      return undefined;
    }
  }

  /**
   * One report file's problems and counts: from the ledger when its key is the one it was checked
   * under, else parsed (and given to `parsedOne`, e.g. to fill the report cache).
   */
  check(
    root: string,
    rel: string,
    ctx: ReportContext,
    parsedOne?: (entry: ReportEntry, key: string) => void,
  ): CheckedReport {
    const key = hashFile(path.join(root, REPORTS_DIR, rel), this.context, rel);
    const known = this.before.get(rel);
    if (known && known.key === key) {
      this.unchanged++;
      this.now.set(rel, known);
      return known.checked;
    }
    const entry = readReport(root, rel, ctx);
    this.parsed++;
    this.stale = true;
    const checked = checkedOf(entry);
    this.now.set(rel, { key, checked });
    parsedOne?.(entry, key);
    return checked;
  }

  /** Writes the ledger of the files checked in this run, when it differs from the one read. */
  save(): void {
    if (!this.stale && this.now.size === this.before.size) return;
    const tmp = `${this.file}.tmp-${process.pid}`;
    try {
      const body = serialize([...this.now].map(([rel, e]) => [rel, [e.key, e.checked]]));
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(
        tmp,
        serialize({
          magic: LEDGER_MAGIC,
          format: LEDGER_FORMAT,
          context: this.context,
          sum: sha256(body),
          body,
        }),
      );
      renameSync(tmp, this.file);
    } catch {
      this.writeFailed = true;
      rmSync(tmp, { force: true });
    }
  }
}
