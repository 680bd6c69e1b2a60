/**
 * The site's languages: the project's, from the results. The first is the default and is served
 * unprefixed (`/`), the others under `/<lang>/`. The one function that decides them is
 * `languagesOf` (languages.mjs): astro.config.mjs (Astro's i18n routing), scripts/build.mjs (the
 * archive's folders) and the pages all read it.
 */
import { languagesOf } from './languages.mjs';

export { languagesOf };

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
