/**
 * The archive's view of data/results: every day folder, not only the latest, each validated
 * against the contract in @shoutu/core like lib/results.ts does for the latest day. Runs at build
 * time only.
 *
 * A day's pages are rendered once and then kept by scripts/build.mjs in apps/site/.archive-cache;
 * it names the days that still need rendering in SHOUTU_ARCHIVE_DAYS (comma-separated; empty: none).
 * Unset (astro dev, a plain `astro build`), every day is rendered. Files are read and checked by
 * the snapshot reader of @shoutu/core; a day's files are checked whole against the hashes in its
 * index (`checkDayFiles`) before any of its districts is read.
 */
import type { CityResults } from '@shoutu/core';
import { readCityDay } from '@shoutu/core/snapshot';
import {
  checkDayFiles,
  type DistrictAction,
  type DistrictDay,
  loadDistrict as loadDistrictOf,
  type Results,
  ResultsError,
  reading,
  resultDays,
  resultsDir,
  resultsOf,
} from './results';

let days: string[] | undefined;

/** Every day folder with an index.json, oldest first. */
export function archiveDays(): string[] {
  days ??= resultDays();
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

const loadCity = memo(
  4,
  (day: string): CityResults => reading(() => readCityDay(resultsDir(), day)),
);

const loadDistrict = memo(12, (key: string): DistrictDay => {
  const [day = '', code = ''] = key.split('/');
  const city = loadCity(day);
  if (!city.districts.some((d) => d.code === code))
    throw new ResultsError(`the results of ${day} list no district ${code}.`);
  checkDayFiles(resultsDir(), city);
  return loadDistrictOf(resultsDir(), city, code);
});

/** A day's city index, shaped like the latest day's `Results` so that lib/view.ts works on it. */
export function getArchiveDay(day: string): Results {
  // Districts are filled by getArchiveDistrict when a page needs one; lib/view.ts does not read them.
  return resultsOf(day, loadCity(day));
}

/**
 * One district's results of a day, checked to belong with that day's city index; its units,
 * places and findings are read when first asked for.
 */
export function getArchiveDistrict(day: string, code: string): DistrictDay {
  return loadDistrict(`${day}/${code}`);
}

/** What a district had to act on that day: the engine's, from the district file. */
export function archiveActions(day: string, code: string): DistrictAction[] {
  return getArchiveDistrict(day, code).actions;
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
