/**
 * The one place the site reads the engine's results: the latest day of data/results, read and
 * checked by the snapshot reader of @shoutu/core. Runs at build time only.
 *
 * The city index is read once per build, and the day's files are checked whole against the
 * sha256 the index records for each (`checkDayFiles`): a site is never built from a day whose
 * files do not belong together. A district's file is read only when a page needs that district
 * (its own pages, or a page across districts such as a rule's), and each of its rows (units,
 * places, findings: `readUnits`, `readPlaces`, `readFindings`) only when a page first asks for
 * them; all are then kept for the build. Pages and views read a district through `getDistrict`,
 * `districtUnits`, `districtPlaces`, `districtFindings` and `districtActions` (or
 * `results.districts`, which loads on `get`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CityResults,
  DistrictAction,
  DistrictDay as DistrictFull,
  DistrictResults,
  FactInfo,
  Finding,
  Lang,
} from '@shoutu/core';
import {
  checkBelongs,
  readCityDay,
  readDistrictDay,
  readFindings,
  readPlaces,
  readUnits,
  SnapshotError,
} from '@shoutu/core/snapshot';
import { publicationOf } from './publication';
import {
  checkFile as checkOne,
  checkRecord,
  checkDayFiles as checkWhole,
  snapshotProblem,
} from './record';

export type { DistrictAction } from '@shoutu/core';

export type CityDay = CityResults;
/** A district's day: its file, and its units, places and findings (read when first asked for). */
export type DistrictDay = DistrictFull;
export type RuleEntry = CityResults['rules'][number];

export interface Results {
  /** The day folder read, e.g. `2020-03-24`. */
  day: string;
  city: CityResults;
  /** District code → the district's results, in the order of the city index. */
  districts: Map<string, DistrictDay>;
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

/**
 * Runs a read of the snapshot reader; what it finds wrong is reported with how to fix it: a
 * published day's file by recomputing that day (`shoutu evaluate --recompute --date <day>`).
 */
export function reading<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SnapshotError) throw new ResultsError(snapshotProblem(error));
    throw error;
  }
}

/**
 * Every day with results, oldest first; stops the build when there are none, or when any entry of
 * the results folder is refused (`checkRecord` of lib/record.ts: a link, a day that has not begun,
 * a day whose files are missing). scripts/build.mjs has checked the same, with every file's hash,
 * before Astro started; this is for `astro build` and `astro dev` run on their own.
 */
export function resultDays(dir: string = resultsDir()): string[] {
  if (!existsSync(dir))
    throw new ResultsError(`no results found: ${dir} does not exist. ${HOW_TO_FIX}`);
  let check = recordChecks.get(dir);
  if (!check) {
    check = checkRecord(dir, { hashes: false });
    recordChecks.set(dir, check);
  }
  if (check.problems.length > 0) throw new ResultsError(check.problems.join('\n'));
  const days = check.days;
  if (days.length === 0)
    throw new ResultsError(
      `no results found: ${dir} has no day folder with an index.json. ${HOW_TO_FIX}`,
    );
  return days;
}

const recordChecks = new Map<string, ReturnType<typeof checkRecord>>();

/** The latest day folder (by name) that holds an index.json. */
export function latestDay(dir: string = resultsDir()): string {
  return resultDays(dir).at(-1) as string;
}

/** A day's results shaped for the pages. */
export function resultsOf(
  day: string,
  city: CityResults,
  districts = new Map<string, DistrictDay>(),
): Results {
  return {
    day,
    city,
    districts,
    rules: new Map(city.rules.map((r) => [r.id, r])),
    facts: new Map(city.facts.map((f) => [f.name, f])),
  };
}

/**
 * A day's districts, read one by one when first asked for (`get`) and kept; iterating reads every
 * district (pages across districts). A map of the city index's districts, in its order.
 */
export class LazyDistricts extends Map<string, DistrictDay> {
  readonly #codes: string[];
  constructor(
    readonly dir: string,
    readonly city: CityResults,
  ) {
    super();
    this.#codes = city.districts.map((d) => d.code);
  }
  override get(code: string): DistrictDay | undefined {
    if (!this.#codes.includes(code)) return undefined;
    let district = super.get(code);
    if (!district) {
      district = loadDistrict(this.dir, this.city, code);
      super.set(code, district);
      for (const [unit, host] of publicationOf(district.units).host) hosts.set(unit, host);
    }
    return district;
  }
  override has(code: string): boolean {
    return this.#codes.includes(code);
  }
  override get size(): number {
    return this.#codes.length;
  }
  override keys(): MapIterator<string> {
    return this.#codes.values();
  }
  override *entries(): MapIterator<[string, DistrictDay]> {
    for (const code of this.#codes) yield [code, this.get(code) as DistrictDay];
  }
  override *values(): MapIterator<DistrictDay> {
    for (const code of this.#codes) yield this.get(code) as DistrictDay;
  }
  override [Symbol.iterator](): MapIterator<[string, DistrictDay]> {
    return this.entries();
  }
  override forEach(
    fn: (value: DistrictDay, key: string, map: Map<string, DistrictDay>) => void,
  ): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** Unit code → the unit (or district) whose page shows it, for the units without a page. */
const hosts = new Map<string, string>();

/**
 * Where a unit without a page of its own is shown (`publicationOf`): the code of the unit or
 * district whose page has its row; undefined for a unit with a page. Known once the unit's
 * district has been read: a page only links to units of districts it has read.
 */
export function hostOf(code: string): string | undefined {
  return hosts.get(code);
}

/**
 * Checks a day's files against the index whole (`checkDayFiles` of lib/record.ts, with hashes):
 * done once per day and results folder.
 */
export function checkDayFiles(dir: string, city: CityResults): void {
  const key = join(dir, city.day);
  if (checkedDays.has(key)) return;
  reading(() => checkWhole(dir, city));
  checkedDays.add(key);
}

const checkedDays = new Set<string>();

/** Checks one file of a day against its sha256 in the day's index. */
export function checkFile(dir: string, city: CityResults, name: string): void {
  reading(() => checkOne(dir, city, name));
}

type Rows = Pick<DistrictFull, 'units' | 'places' | 'findings'>;

const READERS: { [K in keyof Rows]: (dir: string, day: string, code: string) => Rows[K] } = {
  units: readUnits,
  places: readPlaces,
  findings: readFindings,
};

/**
 * A district of a day: its file, checked to belong with the day's index, and its units, places
 * and findings read from their CSV files when first asked for, then kept. The caller has checked
 * the day's files against the index (`checkDayFiles`).
 */
export function loadDistrict(dir: string, city: CityResults, code: string): DistrictDay {
  const district: DistrictResults = reading(() => {
    const file = readDistrictDay(dir, city.day, code);
    checkBelongs(dir, city, file);
    return file;
  });
  for (const key of Object.keys(READERS) as (keyof Rows)[]) {
    let rows: Rows[typeof key] | undefined;
    Object.defineProperty(district, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        rows ??= reading(() => READERS[key](dir, city.day, code));
        return rows;
      },
      set: (value: Rows[typeof key]) => {
        rows = value;
      },
    });
  }
  return district as DistrictDay;
}

function load(): Results {
  const dir = resultsDir();
  const day = latestDay(dir);
  const city = reading(() => readCityDay(dir, day));
  checkDayFiles(dir, city);
  return resultsOf(day, city, new LazyDistricts(dir, city));
}

let cached: Results | undefined;

/** The latest day's results: the city index read and validated once per build, districts lazily. */
export function getResults(): Results {
  cached ??= load();
  return cached;
}

/** A district's results; throws if the city index does not list it. */
export function getDistrict(code: string): DistrictDay {
  const district = getResults().districts.get(code);
  if (!district) throw new ResultsError(`no results for district ${code}. ${HOW_TO_FIX}`);
  return district;
}

/** Every unit below a district in force that day (`<district>.units.csv.gz`, read once). */
export function districtUnits(code: string): DistrictDay['units'] {
  return getDistrict(code).units;
}

/** A district's places with a listed finding (`<district>.places.csv.gz`, read once). */
export function districtPlaces(code: string): DistrictDay['places'] {
  return getDistrict(code).places;
}

/** A district's listed findings (`<district>.findings.csv.gz`, read once). */
export function districtFindings(code: string): Finding[] {
  return getDistrict(code).findings;
}

/**
 * What a district must act on first: its failures and missing reports by rule, with the points of
 * its score lost to them, most first (the engine's, from the district file).
 */
export function districtActions(code: string): DistrictAction[] {
  return getDistrict(code).actions;
}

/** A level's name as the results give it (its id if they do not know it). */
export function levelName(results: Results, id: string, lang: Lang): string {
  return results.city.territory.levels.find((l) => l.id === id)?.name[lang] ?? id;
}

/** A place type's name as the results give it (its id if they do not know it). */
export function placeTypeName(results: Results, id: string, lang: Lang): string {
  return results.city.territory.placeTypes.find((p) => p.id === id)?.name[lang] ?? id;
}
