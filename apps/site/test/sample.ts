/**
 * What the sample tests (`*.sample.test.ts`) read: the site built from the repository's committed
 * sample (test/global-setup.ts) and the results it was built from. Only sample tests import this.
 */
import { inject } from 'vitest';
import { createTranslationSystem } from '../src/i18n';
import { languagesOf } from '../src/lib/locales';

/** The folder of the sample's built site; throws, saying why, when it could not be built. */
export function sampleSite(): string {
  const site = inject('siteSample');
  if (!site) throw new Error(inject('sampleError'));
  return site;
}

/** The repository's data/results, which the sample site was built from. */
export const SAMPLE_RESULTS = inject('resultsSample');

/**
 * The site's words in the sample's languages, as its pages use them (the test process has no
 * SHOUTU_RESULTS_DIR, so `useTranslations` would not know the sample's languages).
 */
export const SAMPLE_LANGUAGES = languagesOf(SAMPLE_RESULTS);
export const sampleTranslations = createTranslationSystem(
  Object.fromEntries(
    Object.entries(
      import.meta.glob<Record<string, string>>('../../../packages/core/translations/*.json', {
        eager: true,
        import: 'default',
      }),
    ).map(([file, dict]) => [file.replace(/^.*\/|\.json$/g, ''), dict]),
  ),
  SAMPLE_LANGUAGES,
);
