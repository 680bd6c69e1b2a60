/**
 * The one reader and writer of the published results (`data/results/<day>/index.json`,
 * `<district>.json` and the district's `.units.csv`, `.places.csv` and `.findings.csv`): every
 * file is checked against the results contract of `result.ts` (CSV files row by row), and the
 * files of a day are checked to belong together (`readSnapshot` checks every file against its
 * sha256 in the index). The CLI, the site and its build script read snapshots through this
 * module and nothing else.
 *
 * Imported as `@shoutu/core/snapshot` (it reads files, so it stays out of the package's main
 * entry, which pages and browsers import).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gzipSync } from 'fflate';
import type { z } from 'zod';
import {
  CityResults,
  type DistrictDay,
  DistrictResults,
  type Finding,
  type PlaceRow,
  RESULTS_SCHEMA,
  type UnitRow,
} from './result.js';
import {
  CsvProblem,
  findingsCsv,
  parseFindings,
  parsePlaces,
  parseScores,
  parseStreaks,
  parseUnits,
  placesCsv,
  unitsCsv,
} from './results-csv.js';
import type { Band } from './scoring.js';

export type { DistrictActions, DistrictDay, PlaceRow, UnitRow } from './result.js';
export { splitCsv } from './results-csv.js';

/**
 * A snapshot that cannot be used: `file` is the file at fault, `problem` says what is wrong (for
 * a CSV file, starting with the line and the column).
 */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
  constructor(
    readonly file: string,
    readonly problem: string,
    /** For a CSV file: the line (the header is line 1) and the column at fault. */
    readonly line?: number,
    readonly column?: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/**
 * The kinds of file a district has in a day's snapshot, and how each is named. The CSV files are
 * gzipped: a real city's day is 4.6 MB of CSV and 0.5 MB gzipped, and DuckDB, pandas and
 * spreadsheets' importers read `.csv.gz` as they read `.csv`.
 */
export const DISTRICT_FILES = {
  results: '.json',
  units: '.units.csv.gz',
  places: '.places.csv.gz',
  findings: '.findings.csv.gz',
} as const;
export type DistrictFileKind = keyof typeof DISTRICT_FILES;

/** The name of one of a district's files in a day folder. */
export function districtFileName(code: string, kind: DistrictFileKind = 'results'): string {
  return `${code}${DISTRICT_FILES[kind]}`;
}

/** The sha256 of a file's bytes (a text as UTF-8), in hex, as the index's `files` records it. */
export function fileHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A day's files by name: JSON as text, CSV gzipped. */
export type DayFiles = Record<string, string | Uint8Array>;

/**
 * Gzip that gives the same bytes for the same text on every machine: fflate, in JavaScript, at
 * its default level, with no name and no time. Node's own zlib packs the same text differently
 * from one Node version or platform to the next (its bundled zlib changes), which would break
 * "same inputs, same bytes"; any gzip reader reads either.
 */
export function gzipCsv(text: string): Buffer {
  const out = Buffer.from(gzipSync(Buffer.from(text, 'utf8'), { level: 6, mtime: 0 }));
  // The operating-system byte: Unix, whatever the machine (fflate writes it so; kept explicit).
  out[9] = 3;
  return out;
}

/** The text of a gzipped CSV file (throws when the bytes are not gzip). */
export function gunzipCsv(bytes: Uint8Array): string {
  return gunzipSync(bytes).toString('utf8');
}

/** How a day folder is named. */
export const SNAPSHOT_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The index file of a day's snapshot. */
export const INDEX_FILE = 'index.json';

/** How many of a file's problems a message lists. */
const LISTED = 5;

/** The days of `dir` that have a snapshot (a day folder with an index), oldest first. */
export function snapshotDays(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && SNAPSHOT_DAY.test(e.name))
    .map((e) => e.name)
    .filter((day) => existsSync(join(dir, day, INDEX_FILE)))
    .sort();
}

function readText(file: string): string {
  return readBytes(file).toString('utf8');
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(
      file,
      code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? 'error'})`,
    );
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

function check<S extends z.ZodType>(schema: S, file: string, day: string): z.infer<S> {
  const value = readJson(file);
  const format =
    value !== null && typeof value === 'object' && 'schema' in value ? value.schema : undefined;
  if (format !== RESULTS_SCHEMA) throw new SnapshotError(file, formatProblem(format, day));
  return checkValue(schema, value, file);
}

function checkValue<S extends z.ZodType>(schema: S, value: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = issues
    .slice(0, LISTED)
    .map((i) => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  if (issues.length > LISTED) lines.push(`  … and ${issues.length - LISTED} more`);
  throw new SnapshotError(
    file,
    `does not match the results contract (format ${RESULTS_SCHEMA}):\n${lines.join('\n')}`,
  );
}

/** `<dir>/<day>/index.json`, checked against the contract and to be for that day. */
export function readCityDay(dir: string, day: string): CityResults {
  const file = snapshotFile(dir, day);
  const city = check(CityResults, file, day);
  if (city.day !== day) throw new SnapshotError(file, `is for ${city.day}, not ${day}`);
  return city;
}

/**
 * `<dir>/<day>/<code>.json`, checked against the contract and to be that district's on that day:
 * its summary, rules, departments, waivers and actions, without its units, places and findings.
 */
export function readDistrictDay(dir: string, day: string, code: string): DistrictResults {
  return districtOf(readJson(snapshotFile(dir, day, code)), dir, day, code);
}

function districtOf(value: unknown, dir: string, day: string, code: string): DistrictResults {
  const file = snapshotFile(dir, day, code);
  const format =
    value !== null && typeof value === 'object' && 'schema' in value ? value.schema : undefined;
  if (format !== RESULTS_SCHEMA) throw new SnapshotError(file, formatProblem(format, day));
  const district = checkValue(DistrictResults, value, file);
  if (district.day !== day) throw new SnapshotError(file, `is for ${district.day}, not ${day}`);
  if (district.district.code !== code)
    throw new SnapshotError(file, `holds the results of ${district.district.code}, not ${code}`);
  return district;
}

/**
 * Why a day of another results format is refused, and the one command that rewrites it: only
 * the current format is read (an older day's figures would be missing, not zero).
 */
function formatProblem(format: unknown, day: string): string {
  return `is in results format ${format === undefined ? '(none)' : JSON.stringify(format)}, expected format ${RESULTS_SCHEMA}: evaluate the day again with \`shoutu evaluate --recompute --date ${day}\` to write it in this format`;
}

/** Reads and parses one CSV file of a district; problems name the file, line and column. */
function readCsv<T>(
  dir: string,
  day: string,
  code: string,
  kind: DistrictFileKind,
  parse: (text: string) => T[],
  bytes?: Uint8Array,
): T[] {
  const file = join(dir, day, districtFileName(code, kind));
  let content = bytes;
  if (content === undefined) {
    try {
      content = readBytes(file);
    } catch (error) {
      // A day of an older format has no CSV files: say so rather than that a file is missing.
      const format = readStamp(dir, day)?.schema;
      if (format !== undefined && format !== RESULTS_SCHEMA)
        throw new SnapshotError(
          file,
          `does not exist: the day ${formatProblem(format, day).slice(3)}`,
        );
      throw error;
    }
  }
  let text: string;
  try {
    text = gunzipCsv(content);
  } catch (error) {
    throw new SnapshotError(file, `is not a gzipped file (${(error as Error).message})`);
  }
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof CsvProblem)
      throw new SnapshotError(
        file,
        `line ${error.line}${error.column === undefined ? '' : `, column ${error.column}`}: ${error.problem}`,
        error.line,
        error.column,
      );
    throw error;
  }
}

/** Every unit below the district in force that day: `<dir>/<day>/<district>.units.csv`. */
export function readUnits(dir: string, day: string, district: string): UnitRow[] {
  return readCsv(dir, day, district, 'units', parseUnits);
}

/**
 * Each unit's overall score and band from the district's units file, and nothing else of it: what
 * a trend chart needs of an earlier day, read without checking every cell of every row.
 */
export function readUnitScores(
  dir: string,
  day: string,
  district: string,
): Map<string, { score: number | null; band: Band | null }> {
  const out = new Map<string, { score: number | null; band: Band | null }>();
  for (const [code, score, band] of readCsv(dir, day, district, 'units', parseScores))
    out.set(code, { score, band });
  return out;
}

/** The places of the district with a listed finding: `<dir>/<day>/<district>.places.csv`. */
export function readPlaces(dir: string, day: string, district: string): PlaceRow[] {
  return readCsv(dir, day, district, 'places', parsePlaces);
}

/**
 * The district's failures, missing reports, waived findings and errors:
 * `<dir>/<day>/<district>.findings.csv`.
 */
export function readFindings(dir: string, day: string, district: string): Finding[] {
  return readCsv(dir, day, district, 'findings', parseFindings);
}

/** What later days need of a day: every unit's overall score and every running streak. */
export interface DayScores {
  /** Overall score by unit code: the top unit, the districts and every unit below them. */
  scores: Map<string, number | null>;
  /** Failures and missing reports (waived or not) with the days in a row they have lasted. */
  streaks: { rule: string; subject: string; streak: number }[];
}

/**
 * What trends and streaks need of a day, read at the least cost that still checks it: the index,
 * and each district's units and findings files, checked against their hashes in the index, of
 * which only the codes, scores and streaks are read (the places and district files are not).
 */
export function readDayScores(dir: string, day: string): DayScores {
  const city = readCityDay(dir, day);
  const scores = new Map<string, number | null>([[city.city.code, city.summary.score]]);
  const streaks: DayScores['streaks'] = [];
  for (const d of city.districts) {
    scores.set(d.code, d.summary.score);
    const hashed = (kind: DistrictFileKind): Buffer => {
      const name = districtFileName(d.code, kind);
      const file = join(dir, day, name);
      const content = readBytes(file);
      if (fileHash(content) !== city.files[name])
        throw new SnapshotError(
          file,
          `does not match its sha256 in ${join(dir, day, INDEX_FILE)}: the file was changed or belongs to another snapshot`,
        );
      return content;
    };
    for (const [code, score] of readCsv(dir, day, d.code, 'units', parseScores, hashed('units')))
      scores.set(code, score);
    streaks.push(...readCsv(dir, day, d.code, 'findings', parseStreaks, hashed('findings')));
  }
  return { scores, streaks };
}

/** One day's snapshot: the index and every district's files. */
export interface Snapshot {
  day: string;
  city: CityResults;
  /** District code → its results with its units, places and findings, in the order of the index. */
  districts: Map<string, DistrictDay>;
}

/**
 * A district file checked to belong with the day's index: listed there, made by the same rules
 * and the same revision.
 */
export function checkBelongs(dir: string, city: CityResults, district: DistrictResults): void {
  const file = join(dir, city.day, `${district.district.code}.json`);
  const index = join(dir, city.day, INDEX_FILE);
  if (!city.districts.some((d) => d.code === district.district.code))
    throw new SnapshotError(file, `is not listed among the districts of ${index}`);
  for (const key of ['rulesHash', 'revision'] as const)
    if (district[key] !== city[key])
      throw new SnapshotError(
        file,
        `does not belong with ${index}: its ${key} is ${district[key]}, the index's is ${city[key]}`,
      );
}

/**
 * The whole snapshot of a day: the index and every file it lists, each checked against its
 * sha256 in the index's `files` and against the contract, and checked to belong together (day,
 * rules hash, revision; every district with its four files, no file the index does not list).
 */
export function readSnapshot(dir: string, day: string): Snapshot {
  const city = readCityDay(dir, day);
  const index = join(dir, day, INDEX_FILE);
  const expected = new Map<string, string>();
  for (const d of city.districts)
    for (const kind of Object.keys(DISTRICT_FILES) as DistrictFileKind[]) {
      const name = districtFileName(d.code, kind);
      const hash = city.files[name];
      if (hash === undefined)
        throw new SnapshotError(
          index,
          `does not list ${name} in its files, expected every district's four files`,
        );
      expected.set(name, hash);
    }
  for (const name of Object.keys(city.files))
    if (!expected.has(name))
      throw new SnapshotError(
        index,
        `lists ${name} in its files, which is not a file of any of its districts`,
      );
  const present = readdirSync(join(dir, day))
    .filter((n) => n !== INDEX_FILE)
    .sort();
  const unlisted = present.filter((n) => !expected.has(n));
  if (unlisted.length > 0)
    throw new SnapshotError(
      join(dir, day, unlisted[0] as string),
      `is not listed among the files of ${index}`,
    );
  const bytes = (name: string): Buffer => {
    const file = join(dir, day, name);
    const content = readFileSync(file);
    if (fileHash(content) !== expected.get(name))
      throw new SnapshotError(
        file,
        `does not match its sha256 in ${index}: the file was changed or belongs to another snapshot`,
      );
    return content;
  };
  const districts = new Map<string, DistrictDay>();
  for (const { code } of city.districts) {
    const name = districtFileName(code);
    if (!present.includes(name))
      throw new SnapshotError(join(dir, day, name), 'the file does not exist');
    let value: unknown;
    try {
      value = JSON.parse(bytes(name).toString('utf8'));
    } catch (error) {
      if (error instanceof SnapshotError) throw error;
      throw new SnapshotError(
        join(dir, day, name),
        `is not valid JSON (${(error as Error).message})`,
      );
    }
    const district = districtOf(value, dir, day, code);
    checkBelongs(dir, city, district);
    const rows = <T>(kind: DistrictFileKind, parse: (t: string) => T[]) => {
      const n = districtFileName(code, kind);
      if (!present.includes(n))
        throw new SnapshotError(join(dir, day, n), 'the file does not exist');
      return readCsv(dir, day, code, kind, parse, bytes(n));
    };
    districts.set(code, {
      ...district,
      units: rows('units', parseUnits),
      places: rows('places', parsePlaces),
      findings: rows('findings', parseFindings),
    });
  }
  return { day, city, districts };
}

/** What an entry that is not a plain file or folder is, in words. */
export function entryKind(s: Stats): string {
  return s.isSymbolicLink()
    ? 'a symbolic link'
    : s.isFIFO()
      ? 'a FIFO'
      : s.isSocket()
        ? 'a socket'
        : s.isBlockDevice() || s.isCharacterDevice()
          ? 'a device'
          : 'not a plain file or folder';
}

/**
 * Checks a day's snapshot whole: the day folder and its index plain (links are never followed),
 * the index against the results contract, then its files (`checkDayFiles`). Throws a
 * `SnapshotError` naming the first file at fault. What later days take their trends and streaks
 * from is checked so first. With `hashes: false`, files are only checked to be there (no file is
 * read but the index).
 */
export function verifySnapshot(dir: string, day: string, options: { hashes?: boolean } = {}): void {
  for (const [file, folder] of [
    [join(dir, day), true],
    [join(dir, day, INDEX_FILE), false],
  ] as const) {
    const st = lstatSync(file, { throwIfNoEntry: false });
    if (st && (st.isSymbolicLink() || (folder ? !st.isDirectory() : !st.isFile())))
      throw new SnapshotError(
        file,
        `${entryKind(st)}: expected a plain ${folder ? 'folder' : 'file'}; links are not followed, so it is not taken as published`,
      );
  }
  checkDayFiles(dir, readCityDay(dir, day), options);
}

/**
 * Checks a day's files against its index: every district's four files listed, no file the index
 * does not list, and every file present as a plain file with its sha256 (with `hashes: false`,
 * only present). Throws a `SnapshotError` naming the file at fault.
 */
export function checkDayFiles(
  dir: string,
  city: CityResults,
  options: { hashes?: boolean } = {},
): void {
  const index = join(dir, city.day, INDEX_FILE);
  const expected = new Set<string>();
  for (const d of city.districts)
    for (const kind of Object.keys(DISTRICT_FILES) as DistrictFileKind[]) {
      const name = districtFileName(d.code, kind);
      if (city.files[name] === undefined)
        throw new SnapshotError(
          index,
          `does not list ${name} in its files, expected every district's four files`,
        );
      expected.add(name);
    }
  for (const name of Object.keys(city.files))
    if (!expected.has(name))
      throw new SnapshotError(
        index,
        `lists ${name} in its files, which is not a file of any of its districts`,
      );
  for (const name of readdirSync(join(dir, city.day)).sort())
    if (name !== INDEX_FILE && !expected.has(name))
      throw new SnapshotError(
        join(dir, city.day, name),
        `is not listed among the files of ${index}`,
      );
  for (const name of [...expected].sort()) checkSnapshotFile(dir, city, name, options);
}

/** Checks one file of a day: a plain file the index lists, with its sha256 unless `hashes: false`. */
export function checkSnapshotFile(
  dir: string,
  city: CityResults,
  name: string,
  options: { hashes?: boolean } = {},
): void {
  const file = join(dir, city.day, name);
  const index = join(dir, city.day, INDEX_FILE);
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat) throw new SnapshotError(file, `the file does not exist, though ${index} lists it`);
  // Never read through a link or from a FIFO: the record is plain files.
  if (!stat.isFile())
    throw new SnapshotError(file, `${entryKind(stat)}: expected the plain file ${index} lists`);
  const hash = city.files[name];
  if (hash === undefined)
    throw new SnapshotError(file, `is not listed among the files of ${index}`);
  if (options.hashes !== false && fileHash(readBytes(file)) !== hash)
    throw new SnapshotError(
      file,
      `does not match its sha256 in ${index}: the file was changed or belongs to another snapshot`,
    );
}

/**
 * A day's results as the files written for it, by name: `index.json` (with the sha256 of every
 * other file in `files`), and for each district `<code>.json`, `<code>.units.csv.gz`,
 * `<code>.places.csv.gz` and `<code>.findings.csv.gz`. Same results, same bytes.
 */
export function serializeDay(r: {
  city: CityResults;
  districts: readonly DistrictDay[];
}): DayFiles {
  const languages = r.city.territory.languages;
  const areas = r.city.territory.areas.map((a) => a.id);
  const files: DayFiles = {};
  for (const d of r.districts) {
    const { units, places, findings, ...rest } = d;
    const code = d.district.code;
    files[districtFileName(code)] = `${JSON.stringify(rest)}\n`;
    files[districtFileName(code, 'units')] = gzipCsv(unitsCsv(units, languages, areas));
    files[districtFileName(code, 'places')] = gzipCsv(placesCsv(places, languages, areas));
    files[districtFileName(code, 'findings')] = gzipCsv(findingsCsv(findings));
  }
  const hashes: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) hashes[name] = fileHash(files[name] as string);
  return { [INDEX_FILE]: `${JSON.stringify({ ...r.city, files: hashes })}\n`, ...files };
}

/** What a snapshot of any format says of how it was made: enough to replace it. */
export interface SnapshotStamp {
  /** The results format it was written in (`RESULTS_SCHEMA` for the current one). */
  schema: unknown;
  revision: number;
  scoringVersion: string;
  scoringHash: string;
}

/**
 * The stamp of a day's index, read leniently so that a snapshot of an older format can still be
 * replaced and kept: undefined when the index cannot be read as JSON at all.
 */
export function readStamp(dir: string, day: string): SnapshotStamp | undefined {
  let index: Record<string, unknown>;
  try {
    index = readJson(join(dir, day, INDEX_FILE)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (index === null || typeof index !== 'object') return undefined;
  return {
    schema: index.schema,
    revision: Number(index.revision ?? 1) || 1,
    scoringVersion: String(index.scoringVersion ?? ''),
    scoringHash: String(index.scoringHash ?? ''),
  };
}

/** Where a day's index (no code) or a district's file (its code) is, whether it exists or not. */
export function snapshotFile(dir: string, day: string, code?: string): string {
  return join(dir, day, code === undefined ? INDEX_FILE : `${code}.json`);
}
