/**
 * The one reader of the published results (`data/results/<day>/index.json` and
 * `<district>.json`): every file is checked against the results contract of `result.ts`, and the
 * files of a day are checked to belong together. The CLI, the site and its build script read
 * snapshots through this module and nothing else.
 *
 * Imported as `@shoutu/core/snapshot` (it reads files, so it stays out of the package's main
 * entry, which pages and browsers import).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CityResults, DistrictResults, RESULTS_SCHEMA } from './result.js';

/** A snapshot that cannot be used: `file` is the file at fault, `problem` says what is wrong. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
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

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(
      file,
      code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? 'error'})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

function check<S extends z.ZodType>(schema: S, file: string): z.infer<S> {
  const value = readJson(file);
  const format =
    value !== null && typeof value === 'object' && 'schema' in value ? value.schema : undefined;
  if (format !== RESULTS_SCHEMA)
    throw new SnapshotError(
      file,
      `is in results format ${format === undefined ? '(none)' : JSON.stringify(format)}, expected format ${RESULTS_SCHEMA}: evaluate the day again (\`shoutu evaluate --recompute\`) to write it in this format`,
    );
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
  const city = check(CityResults, file);
  if (city.day !== day) throw new SnapshotError(file, `is for ${city.day}, not ${day}`);
  return city;
}

/** `<dir>/<day>/<code>.json`, checked against the contract and to be that district's on that day. */
export function readDistrictDay(dir: string, day: string, code: string): DistrictResults {
  const file = snapshotFile(dir, day, code);
  const district = check(DistrictResults, file);
  if (district.day !== day) throw new SnapshotError(file, `is for ${district.day}, not ${day}`);
  if (district.district.code !== code)
    throw new SnapshotError(file, `holds the results of ${district.district.code}, not ${code}`);
  return district;
}

/** One day's snapshot: the index and every district's file. */
export interface Snapshot {
  day: string;
  city: CityResults;
  /** District code → its results, in the order of the index. */
  districts: Map<string, DistrictResults>;
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
 * The whole snapshot of a day: the index and every district file it lists, each checked, and
 * checked to belong together (day, rules hash, revision, and the same districts as files).
 */
export function readSnapshot(dir: string, day: string): Snapshot {
  const city = readCityDay(dir, day);
  const listed = city.districts.map((d) => d.code);
  const files = readdirSync(join(dir, day))
    .filter((n) => n.endsWith('.json') && n !== INDEX_FILE)
    .map((n) => n.slice(0, -'.json'.length));
  const unlisted = files.filter((code) => !listed.includes(code)).sort();
  if (unlisted.length > 0)
    throw new SnapshotError(
      join(dir, day, `${unlisted[0]}.json`),
      `is not listed among the districts of ${join(dir, day, INDEX_FILE)}`,
    );
  const districts = new Map<string, DistrictResults>();
  for (const code of listed) {
    const district = readDistrictDay(dir, day, code);
    checkBelongs(dir, city, district);
    districts.set(code, district);
  }
  return { day, city, districts };
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
