/**
 * The archive's view of data/results: every day folder, not only the latest, each validated
 * against the contract in @shoutu/core like lib/results.ts does for the latest day. Runs at build
 * time only.
 *
 * A day's pages are rendered once and then kept by scripts/build.mjs in apps/site/.archive-cache;
 * it names the days that still need rendering in SHOUTU_ARCHIVE_DAYS (comma-separated; empty: none).
 * Unset (astro dev, a plain `astro build`), every day is rendered.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CityResults, DistrictResults } from '@shoutu/core';
import { type Results, ResultsError } from './results';

const HOW_TO_FIX =
  'Run `pnpm build` at the repository root (or `pnpm shoutu evaluate`) to compute them.';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function resultsDir(): string {
  return import.meta.env.SHOUTU_RESULTS_DIR;
}

interface Issue {
  path: PropertyKey[];
  message: string;
}
interface Schema<T> {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/** Files already checked against the contract in this build: read again, they are only parsed. */
const validated = new Set<string>();

function read<T>(schema: Schema<T>, file: string): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ResultsError(`cannot read ${file}: ${(error as Error).message}. ${HOW_TO_FIX}`);
  }
  if (validated.has(file)) return value as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new ResultsError(
      `${file} does not match the results contract of @shoutu/core:\n${issues.join('\n')}\nThe results may be from an older engine. ${HOW_TO_FIX}`,
    );
  }
  validated.add(file);
  return parsed.data;
}

let days: string[] | undefined;

/** Every day folder with an index.json, oldest first. */
export function archiveDays(): string[] {
  if (days) return days;
  const dir = resultsDir();
  if (!existsSync(dir))
    throw new ResultsError(`no results found: ${dir} does not exist. ${HOW_TO_FIX}`);
  days = readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && DAY.test(e.name) && existsSync(join(dir, e.name, 'index.json')),
    )
    .map((e) => e.name)
    .sort();
  return days;
}

/** The days whose archive pages this build renders (see the top of this file). */
export function daysToRender(): string[] {
  const all = archiveDays();
  const wanted = process.env.SHOUTU_ARCHIVE_DAYS;
  if (wanted === undefined) return all;
  const set = new Set(wanted.split(',').filter(Boolean));
  return all.filter((d) => set.has(d));
}

/** The day before and after `day` among the days with results. */
export function neighbours(day: string): { previous?: string; next?: string } {
  const all = archiveDays();
  const i = all.indexOf(day);
  const previous = i > 0 ? all[i - 1] : undefined;
  const next = i >= 0 ? all[i + 1] : undefined;
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

/** A small first-in first-out memo: pages are rendered day after day, route after route. */
function memo<T>(size: number, load: (key: string) => T): (key: string) => T {
  const entries = new Map<string, T>();
  return (key) => {
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    const value = load(key);
    entries.set(key, value);
    if (entries.size > size) entries.delete(entries.keys().next().value as string);
    return value;
  };
}

const loadCity = memo(4, (day: string): CityResults => {
  const file = join(resultsDir(), day, 'index.json');
  const city = read(CityResults, file);
  if (city.day !== day)
    throw new ResultsError(`${file} is for ${city.day}, not ${day}. ${HOW_TO_FIX}`);
  return city;
});

const loadDistrict = memo(12, (key: string): DistrictResults => {
  const [day = '', code = ''] = key.split('/');
  const city = loadCity(day);
  if (!city.districts.some((d) => d.code === code))
    throw new ResultsError(`the results of ${day} list no district ${code}. ${HOW_TO_FIX}`);
  const file = join(resultsDir(), day, `${code}.json`);
  const district = read(DistrictResults, file);
  if (
    district.district.code !== code ||
    district.day !== day ||
    district.rulesHash !== city.rulesHash
  )
    throw new ResultsError(
      `${file} does not belong with ${join(resultsDir(), day, 'index.json')} (district, day or rules hash differ). ${HOW_TO_FIX}`,
    );
  return district;
});

/** A day's city index, shaped like the latest day's `Results` so that lib/view.ts works on it. */
export function getArchiveDay(day: string): Results {
  const city = loadCity(day);
  return {
    day,
    city,
    // Filled by getArchiveDistrict when a page needs a district; lib/view.ts does not read it.
    districts: new Map(),
    rules: new Map(city.rules.map((r) => [r.id, r])),
    facts: new Map(city.facts.map((f) => [f.name, f])),
  };
}

/** One district's results of a day, checked to belong with that day's city index. */
export function getArchiveDistrict(day: string, code: string): DistrictResults {
  return loadDistrict(`${day}/${code}`);
}

/** What the archive index lists for a day. */
export interface DaySummary {
  day: string;
  revision: number;
  summary: CityResults['summary'];
  trend: CityResults['trend'];
  scoring: CityResults['scoring'];
}

/** Every day's city score, newest first. */
export function archiveSummaries(): DaySummary[] {
  return archiveDays()
    .map((day) => {
      const city = loadCity(day);
      return {
        day,
        revision: city.revision,
        summary: city.summary,
        trend: city.trend,
        scoring: city.scoring,
      };
    })
    .reverse();
}

/** getStaticPaths of the day pages and their downloads. */
export function dayPaths() {
  return daysToRender().map((day) => ({ params: { day } }));
}

/** getStaticPaths of the district day pages and their downloads: every district of every day. */
export function districtDayPaths() {
  return daysToRender().flatMap((day) =>
    loadCity(day).districts.map((d) => ({ params: { day, code: d.code } })),
  );
}
