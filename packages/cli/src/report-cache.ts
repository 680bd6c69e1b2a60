import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import {
  type FieldValue,
  type Form,
  isValidDay,
  type Problem,
  type Project as ProjectFile,
  REPORT_NAME,
  type Registry,
  type ReportRow,
  readReportFile,
} from '@shoutu/core';
import { emptyInputStats, type InputStats, type ReportSource } from '@shoutu/engine';
import { decodeText, listFilesSync, valueHash } from './files.js';

/** Raised whenever what a cache entry holds, or how it is keyed, changes. */
export const CACHE_FORMAT = 1;

/** Where parsed report files are kept, below the project root (gitignored). */
export const REPORT_CACHE_DIR = '.shoutu/cache/reports';

/** The folder of daily reports, below the project root. */
export const REPORTS_DIR = 'data/reports';

/** One report file as read and checked: what the cache keeps. */
export interface ReportEntry {
  /** Path relative to the root: `data/reports/<day>/<form>.<district>.csv`. */
  file: string;
  /** The day the file counts for in the input statistics. */
  day: string;
  rows: ReportRow[];
  problems: Problem[];
  quarantinedRows: number;
  blankCells: number;
  /** The whole file was set aside. */
  quarantined: boolean;
}

export interface ReportContext {
  forms: ReadonlyMap<string, Form>;
  registry: Registry;
}

/** `<day>/…` below data/reports: the day it counts for (as the file name says, when it can). */
export function dayOfReport(rel: string): string {
  return REPORT_NAME.exec(rel)?.[1] ?? rel.slice(0, 10);
}

/** Reads and checks one report file's bytes: rows accepted, rows and files set aside. */
export function parseReport(rel: string, bytes: Uint8Array, ctx: ReportContext): ReportEntry {
  const file = `${REPORTS_DIR}/${rel}`;
  const day = dayOfReport(rel);
  const text = decodeText(file, bytes);
  if (!('text' in text))
    return {
      file,
      day,
      rows: [],
      problems: [{ ...text, message: `${text.message}; the whole file was set aside` }],
      quarantinedRows: 0,
      blankCells: 0,
      quarantined: true,
    };
  const r = readReportFile(file, rel, text.text, ctx);
  return {
    file,
    day,
    rows: r.rows,
    problems: r.problems,
    quarantinedRows: r.quarantinedRows,
    blankCells: r.blankCells,
    quarantined: r.quarantined,
  };
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
  quarantinedRows: number;
  blankCells: number;
  quarantined: boolean;
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
    quarantinedRows: e.quarantinedRows,
    blankCells: e.blankCells,
    quarantined: e.quarantined,
  };
}

/** Adds one checked file's counts to its day's input statistics. */
export function countChecked(stats: InputStats, c: CheckedReport): void {
  stats.reportFiles++;
  stats.rows += c.rows;
  stats.quarantinedRows += c.quarantinedRows;
  if (c.quarantined) stats.quarantinedFiles++;
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

  private nameOf(rel: string, key: string): string {
    return `${sha256(rel).slice(0, 24)}-${key}.v8`;
  }

  /** A report file read through the cache. */
  read(root: string, rel: string, ctx: ReportContext): ReportEntry {
    const bytes = readFileSync(path.join(root, REPORTS_DIR, rel));
    const key = this.keyOf(rel, bytes);
    const name = this.nameOf(rel, key);
    const cached = this.load(name, key);
    if (cached) {
      this.hits++;
      return cached;
    }
    const entry = parseReport(rel, bytes, ctx);
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
        typeof e.quarantinedRows !== 'number' ||
        typeof e.blankCells !== 'number' ||
        typeof e.quarantined !== 'boolean'
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

const visible = (rel: string) => !rel.split('/').some((p) => p.startsWith('.'));

/**
 * A lazy `ReportSource` over `data/reports/<day>/`: `days()` are the folders named for a real
 * day; a day's files are read (through `cache` when given) the first time its rows are asked for.
 * Files anywhere else below `data/reports/` are read at once so that their problems are said,
 * never skipped in silence.
 */
export function createReportSource(
  root: string,
  ctx: ReportContext,
  options: { cache?: ReportCache | undefined } = {},
): DiskReportSource {
  const base = path.join(root, REPORTS_DIR);
  const readOne = (rel: string) =>
    options.cache
      ? options.cache.read(root, rel, ctx)
      : parseReport(rel, readFileSync(path.join(base, rel)), ctx);
  const days: string[] = [];
  const stray: string[] = [];
  if (existsSync(base))
    for (const e of readdirSync(base, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory() && /^\d{4}-\d{2}-\d{2}$/.test(e.name) && isValidDay(e.name))
        days.push(e.name);
      else if (e.isDirectory())
        stray.push(...listFilesSync(path.join(base, e.name), visible).map((f) => `${e.name}/${f}`));
      else if (e.isFile()) stray.push(e.name);
    }
  days.sort();
  const known = new Set(days);
  const loaded = new Map<string, ReportEntry[]>();
  const outside = stray.sort().map(readOne);
  const entriesOf = (day: string): ReportEntry[] => {
    let entries = loaded.get(day);
    if (!entries) {
      entries = known.has(day)
        ? listFilesSync(path.join(base, day), visible).map((f) => readOne(`${day}/${f}`))
        : [];
      loaded.set(day, entries);
    }
    return entries;
  };
  return {
    days: () => days,
    has: (day) => known.has(day),
    rowsOf: (day) => entriesOf(day).flatMap((e) => e.rows),
    statsOf(day) {
      const s = emptyInputStats();
      for (const e of entriesOf(day)) if (e.day === day) countEntry(s, e);
      return s;
    },
    read() {
      const read = [...loaded.keys()].filter((d) => known.has(d)).sort();
      const all = [...outside, ...read.flatMap((d) => loaded.get(d) ?? [])];
      const stats = new Map<string, InputStats>();
      let blankCells = 0;
      for (const e of all) {
        const s = stats.get(e.day) ?? emptyInputStats();
        stats.set(e.day, s);
        countEntry(s, e);
        blankCells += e.blankCells;
      }
      return {
        days: read,
        problems: all.flatMap((e) => e.problems),
        stats,
        files: all.length,
        blankCells,
      };
    },
  };
}

/** Where `shoutu validate` keeps what it found in each report file, below the project root. */
export const LEDGER_FILE = '.shoutu/cache/validated.v8';

/** Raised whenever what the ledger holds, or how it is keyed, changes. */
export const LEDGER_FORMAT = 1;

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
        p && typeof p === 'object' && typeof p.file === 'string' && typeof p.message === 'string',
    ) ||
    !isCount(c.rows) ||
    !isCount(c.lateRows) ||
    !isCount(c.quarantinedRows) ||
    !isCount(c.blankCells) ||
    typeof c.quarantined !== 'boolean'
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
    rel: string,
    bytes: Uint8Array,
    ctx: ReportContext,
    parsedOne?: (entry: ReportEntry, key: string) => void,
  ): CheckedReport {
    const key = sha256(this.context, rel, bytes);
    const known = this.before.get(rel);
    if (known && known.key === key) {
      this.unchanged++;
      this.now.set(rel, known);
      return known.checked;
    }
    const entry = parseReport(rel, bytes, ctx);
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
