/**
 * SAMPLE TEST: checks the site built from the repository's committed sample (data/results) on its
 * day 2020-03-24. It fails when another project is put in data/; every other site test runs on
 * fixtures (test/global-setup.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SAMPLE_RESULTS, sampleSite } from './sample';

describe('the sample site', () => {
  test('the longest-running failures show every one tied with the tenth', async () => {
    const site = sampleSite();
    const city = JSON.parse(
      await readFile(path.join(SAMPLE_RESULTS, '2020-03-24/index.json'), 'utf8'),
    ) as { streaks: { streak: number }[] };
    const tenth = city.streaks[9]?.streak ?? 0;
    const expected = city.streaks.filter((s) => s.streak >= tenth).length;
    const html = await readFile(path.join(site, 'index.html'), 'utf8');
    const section = html.slice(
      html.indexOf('id="streaks"'),
      html.indexOf('</section>', html.indexOf('id="streaks"')),
    );
    expect(expected).toBeGreaterThan(10);
    expect(section.match(/<tr[\s>]/g)?.length).toBe(expected + 1);
  });
});
