/**
 * The one place the site reads the engine's results: the latest day of data/results, read and
 * checked by the snapshot reader of @shoutu/core. Runs at build time only.
 */
import { existsSync } from 'node:fs';
import type { CityResults, DistrictResults, FactInfo, Lang } from '@shoutu/core';
import { readSnapshot, SnapshotError, snapshotDays } from '@shoutu/core/snapshot';

export type CityDay = CityResults;
export type DistrictDay = DistrictResults;
export type RuleEntry = CityResults['rules'][number];

export interface Results {
  /** The day folder read, e.g. `2020-03-24`. */
  day: string;
  city: CityResults;
  /** District code → the district's results, in the order of the city index. */
  districts: Map<string, DistrictResults>;
  rules: Map<string, RuleEntry>;
  facts: Map<string, FactInfo>;
}

const HOW_TO_FIX =
  'Run `pnpm build` at the repository root (or `pnpm shoutu evaluate`) to compute them.';

/** An error that explains itself: the build prints its message without a stack trace. */
export class ResultsError extends Error {
  override name = 'ResultsError';
}

/** The results folder the site is built from (astro.config.mjs resolves it). */
export function resultsDir(): string {
  return import.meta.env.SHOUTU_RESULTS_DIR;
}

/** Runs a read of the snapshot reader; what it finds wrong is reported with how to fix it. */
export function reading<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SnapshotError) throw new ResultsError(`${error.message}\n${HOW_TO_FIX}`);
    throw error;
  }
}

/** Every day with results, oldest first; stops the build when there are none. */
export function resultDays(dir: string = resultsDir()): string[] {
  if (!existsSync(dir))
    throw new ResultsError(`no results found: ${dir} does not exist. ${HOW_TO_FIX}`);
  const days = snapshotDays(dir);
  if (days.length === 0)
    throw new ResultsError(
      `no results found: ${dir} has no day folder with an index.json. ${HOW_TO_FIX}`,
    );
  return days;
}

/** The latest day folder (by name) that holds an index.json. */
export function latestDay(dir: string = resultsDir()): string {
  return resultDays(dir).at(-1) as string;
}

/** A day's results shaped for the pages. */
export function resultsOf(
  day: string,
  city: CityResults,
  districts = new Map<string, DistrictResults>(),
): Results {
  return {
    day,
    city,
    districts,
    rules: new Map(city.rules.map((r) => [r.id, r])),
    facts: new Map(city.facts.map((f) => [f.name, f])),
  };
}

function load(): Results {
  const dir = resultsDir();
  const day = latestDay(dir);
  const { city, districts } = reading(() => readSnapshot(dir, day));
  return resultsOf(day, city, districts);
}

let cached: Results | undefined;

/** The latest day's results, read and validated once per build. */
export function getResults(): Results {
  cached ??= load();
  return cached;
}

/** A district's results; throws if the city index does not list it. */
export function getDistrict(code: string): DistrictResults {
  const district = getResults().districts.get(code);
  if (!district) throw new ResultsError(`no results for district ${code}. ${HOW_TO_FIX}`);
  return district;
}

/** A level's name as the results give it (its id if they do not know it). */
export function levelName(results: Results, id: string, lang: Lang): string {
  return results.city.territory.levels.find((l) => l.id === id)?.name[lang] ?? id;
}

/** A place type's name as the results give it (its id if they do not know it). */
export function placeTypeName(results: Results, id: string, lang: Lang): string {
  return results.city.territory.placeTypes.find((p) => p.id === id)?.name[lang] ?? id;
}
