/**
 * The one place the site reads the engine's results: the latest day of data/results, read and
 * checked by the snapshot reader of @shoutu/core. Runs at build time only.
 *
 * The city index is read once per build; a district's file only when a page needs that district
 * (its own pages, or a page across districts such as a rule's), then kept for the build. Pages and
 * views read a district through `getDistrict`, `districtUnits`, `districtPlaces`,
 * `districtFindings` and `districtActions` (or `results.districts`, which loads on `get`).
 *
 * FORMAT 3 ADAPTER (issue 10): results format 4 moves a district's units, places and findings into
 * CSV files (`readUnits/readPlaces/readFindings(dir, day, district)` of @shoutu/core/snapshot) and
 * gives the district file `actions`. Until then `loadDistrict` reads the whole format-3 file and
 * `interimActions` (lib/actions.ts) computes the actions from the findings and the scoring method.
 */
import { existsSync } from 'node:fs';
import type { CityResults, DistrictResults, FactInfo, Finding, Lang } from '@shoutu/core';
import {
  checkBelongs,
  readCityDay,
  readDistrictDay,
  SnapshotError,
  snapshotDays,
} from '@shoutu/core/snapshot';
import { type DistrictAction, interimActions } from './actions';
import { publicationOf } from './views/common';

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

/**
 * A day's districts, read one by one when first asked for (`get`) and kept; iterating reads every
 * district (pages across districts). A map of the city index's districts, in its order.
 */
export class LazyDistricts extends Map<string, DistrictResults> {
  readonly #codes: string[];
  constructor(
    readonly dir: string,
    readonly city: CityResults,
  ) {
    super();
    this.#codes = city.districts.map((d) => d.code);
  }
  override get(code: string): DistrictResults | undefined {
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
  override *entries(): MapIterator<[string, DistrictResults]> {
    for (const code of this.#codes) yield [code, this.get(code) as DistrictResults];
  }
  override *values(): MapIterator<DistrictResults> {
    for (const code of this.#codes) yield this.get(code) as DistrictResults;
  }
  override [Symbol.iterator](): MapIterator<[string, DistrictResults]> {
    return this.entries();
  }
  override forEach(
    fn: (value: DistrictResults, key: string, map: Map<string, DistrictResults>) => void,
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

/** Format 3: the district's one file, checked to belong with the day's city index. */
function loadDistrict(dir: string, city: CityResults, code: string): DistrictResults {
  return reading(() => {
    const district = readDistrictDay(dir, city.day, code);
    checkBelongs(dir, city, district);
    return district;
  });
}

function load(): Results {
  const dir = resultsDir();
  const day = latestDay(dir);
  const city = reading(() => readCityDay(dir, day));
  return resultsOf(day, city, new LazyDistricts(dir, city));
}

let cached: Results | undefined;

/** The latest day's results: the city index read and validated once per build, districts lazily. */
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

/** Every unit below a district in force that day (format 4: `readUnits`). */
export function districtUnits(code: string): DistrictResults['units'] {
  return getDistrict(code).units;
}

/** A district's places with a listed finding (format 4: `readPlaces`). */
export function districtPlaces(code: string): DistrictResults['places'] {
  return getDistrict(code).places;
}

/** A district's listed findings (format 4: `readFindings`). */
export function districtFindings(code: string): Finding[] {
  return getDistrict(code).findings;
}

const actions = new Map<string, DistrictAction[]>();

/**
 * What a district must act on first: its failures and missing reports by rule, with the points of
 * its score lost to them, most first (format 4: the district file's `actions`).
 */
export function districtActions(code: string): DistrictAction[] {
  let known = actions.get(code);
  if (!known) {
    const results = getResults();
    known = interimActions(results.city, getDistrict(code));
    actions.set(code, known);
  }
  return known;
}

/** A level's name as the results give it (its id if they do not know it). */
export function levelName(results: Results, id: string, lang: Lang): string {
  return results.city.territory.levels.find((l) => l.id === id)?.name[lang] ?? id;
}

/** A place type's name as the results give it (its id if they do not know it). */
export function placeTypeName(results: Results, id: string, lang: Lang): string {
  return results.city.territory.placeTypes.find((p) => p.id === id)?.name[lang] ?? id;
}
