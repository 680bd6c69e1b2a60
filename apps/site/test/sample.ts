/**
 * What the sample tests (`*.sample.test.ts`) read: the site built from the repository's committed
 * sample (test/global-setup.ts) and the results it was built from. Only sample tests import this.
 */
import { inject } from 'vitest';

/** The folder of the sample's built site; throws, saying why, when it could not be built. */
export function sampleSite(): string {
  const site = inject('siteSample');
  if (!site) throw new Error(inject('sampleError'));
  return site;
}

/** The repository's data/results, which the sample site was built from. */
export const SAMPLE_RESULTS = inject('resultsSample');
