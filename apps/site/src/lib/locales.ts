/**
 * The site's languages: the project's, from the results. The first is the default and is served
 * unprefixed (`/`), the others under `/<lang>/`. The one place that decides them: astro.config.mjs
 * (for Astro's i18n routing) and the pages read them from here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * TEMPORARY: the sample's languages, until the results carry `territory.languages` (the results
 * contract of issue 9). Used only when the latest index.json does not say.
 */
const LANGUAGES_UNTIL_THE_RESULTS_SAY = ['zh', 'en'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The languages of the latest results in `resultsDir`, the default first. */
export function languagesOf(resultsDir: string): string[] {
  const days = existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((d) => DAY.test(d) && existsSync(join(resultsDir, d, 'index.json')))
        .sort()
    : [];
  const latest = days.at(-1);
  if (latest === undefined) return LANGUAGES_UNTIL_THE_RESULTS_SAY;
  let index: unknown;
  try {
    index = JSON.parse(readFileSync(join(resultsDir, latest, 'index.json'), 'utf8'));
  } catch {
    // The results reader reports an unreadable index with its file and place.
    return LANGUAGES_UNTIL_THE_RESULTS_SAY;
  }
  const languages = (index as { territory?: { languages?: unknown } }).territory?.languages;
  return Array.isArray(languages) &&
    languages.length > 0 &&
    languages.every((l) => typeof l === 'string')
    ? languages
    : LANGUAGES_UNTIL_THE_RESULTS_SAY;
}

let known: string[] | undefined;

/** The site's languages, the default first (read once per build). */
export function languages(): readonly string[] {
  known ??= languagesOf(import.meta.env.SHOUTU_RESULTS_DIR);
  return known;
}

/** The default language: served at `/`. */
export function defaultLanguage(): string {
  return languages()[0] as string;
}
