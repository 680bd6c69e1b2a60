/**
 * The one place the site reads the engine's results: the latest day folder of data/results,
 * validated against the contract in @shoutu/core. Runs at build time only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CityResults, DistrictResults, type FactInfo } from '@shoutu/core';

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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function resultsDir(): string {
  return import.meta.env.SHOUTU_RESULTS_DIR;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ResultsError(`cannot read ${file}: ${(error as Error).message}. ${HOW_TO_FIX}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultsError(
      `${file} is not valid JSON (${(error as Error).message}). ${HOW_TO_FIX}`,
    );
  }
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

function validate<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
  },
  file: string,
): T {
  const parsed = schema.safeParse(readJson(file));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  const more =
    parsed.error.issues.length > 5 ? `\n  … and ${parsed.error.issues.length - 5} more` : '';
  throw new ResultsError(
    `${file} does not match the results contract of @shoutu/core:\n${issues.join('\n')}${more}\nThe results may be from an older engine. ${HOW_TO_FIX}`,
  );
}

/** The latest day folder (by name) that holds an index.json. */
export function latestDay(dir: string = resultsDir()): string {
  if (!existsSync(dir))
    throw new ResultsError(`no results found: ${dir} does not exist. ${HOW_TO_FIX}`);
  const days = readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && DAY.test(e.name) && existsSync(join(dir, e.name, 'index.json')),
    )
    .map((e) => e.name)
    .sort();
  const day = days[days.length - 1];
  if (day === undefined)
    throw new ResultsError(
      `no results found: ${dir} has no day folder with an index.json. ${HOW_TO_FIX}`,
    );
  return day;
}

function load(): Results {
  const dir = resultsDir();
  const day = latestDay(dir);
  const folder = join(dir, day);
  const city = validate(CityResults, join(folder, 'index.json'));
  if (city.day !== day)
    throw new ResultsError(
      `${join(folder, 'index.json')} is for ${city.day}, not ${day}. ${HOW_TO_FIX}`,
    );
  const districts = new Map<string, DistrictResults>();
  for (const ref of city.districts) {
    const file = join(folder, `${ref.code}.json`);
    const district = validate(DistrictResults, file);
    if (
      district.district.code !== ref.code ||
      district.day !== day ||
      district.rulesHash !== city.rulesHash
    ) {
      throw new ResultsError(
        `${file} does not belong with ${join(folder, 'index.json')} (district, day or rules hash differ). ${HOW_TO_FIX}`,
      );
    }
    districts.set(ref.code, district);
  }
  return {
    day,
    city,
    districts,
    rules: new Map(city.rules.map((r) => [r.id, r])),
    facts: new Map(city.facts.map((f) => [f.name, f])),
  };
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
