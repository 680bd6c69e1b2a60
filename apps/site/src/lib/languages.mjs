// @ts-check
/**
 * The project's languages, read from the latest results: plain JavaScript, so that the build
 * script (scripts/build.mjs) and astro.config.mjs read them with the very function the pages use
 * (src/lib/locales.ts re-exports it).
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Only so that Astro's configuration loads when there are no readable results: the build then
 * stops with the results reader's own message (src/lib/results.ts), so no page is ever built in
 * these languages.
 */
const LANGUAGES_UNTIL_THE_RESULTS_SAY = ['en'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The languages of the latest results in `resultsDir`, the default first.
 * @param {string | undefined} resultsDir
 * @returns {string[]}
 */
export function languagesOf(resultsDir) {
  const days =
    resultsDir && existsSync(resultsDir)
      ? readdirSync(resultsDir)
          // Plain folders and files only: a link or a FIFO is never read (the build refuses it,
          // src/lib/record.ts, with its own message; reading a FIFO would hang).
          .filter(
            (d) =>
              DAY.test(d) &&
              lstatSync(join(resultsDir, d)).isDirectory() &&
              lstatSync(join(resultsDir, d, 'index.json'), { throwIfNoEntry: false })?.isFile(),
          )
          .sort()
      : [];
  const latest = days.at(-1);
  if (resultsDir === undefined || latest === undefined) return LANGUAGES_UNTIL_THE_RESULTS_SAY;
  /** @type {unknown} */
  let index;
  try {
    index = JSON.parse(readFileSync(join(resultsDir, latest, 'index.json'), 'utf8'));
  } catch {
    // The results reader reports an unreadable index with its file and place.
    return LANGUAGES_UNTIL_THE_RESULTS_SAY;
  }
  const languages = /** @type {{ territory?: { languages?: unknown } }} */ (index).territory
    ?.languages;
  return Array.isArray(languages) &&
    languages.length > 0 &&
    languages.every((l) => typeof l === 'string')
    ? languages
    : LANGUAGES_UNTIL_THE_RESULTS_SAY;
}
