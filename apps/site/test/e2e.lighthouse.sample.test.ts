/**
 * SAMPLE TEST: Lighthouse on the site built from the committed sample (test/global-setup.ts), one
 * page of every type (scripts/browser.mjs, `pagesOfEachType`), mobile and desktop, through
 * scripts/lighthouse.mjs on Debian's Chromium: accessibility, best practices and SEO must each be
 * at least 98.
 *
 * Performance is left out here: on a shared CI machine its score moves with the load (a run of 91
 * between two of 100 on the same page), so it is measured by hand, as the median of 3
 * (README, "Measuring the site"). The other three categories do not depend on the machine, so
 * one run per page and form factor is enough.
 *
 * Lighthouse 13 needs Node 22.19 or newer: on older Node (the Node 20 leg of .ci/run) this is
 * skipped, saying so; .ci/run runs it on Node 22 and 24. Without the browser it is skipped
 * locally and fails in CI (CI=true), as e2e.sample.test.ts does.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { CHROMIUM, PAGE_TYPES } from '../scripts/browser.mjs';
import { SAMPLE_RESULTS, sampleSite } from './sample';

const SCRIPT = path.resolve(import.meta.dirname, '../scripts/lighthouse.mjs');
const THRESHOLD = 98;
const CATEGORIES = ['accessibility', 'best-practices', 'seo'];

const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const haveBrowser = existsSync(CHROMIUM);
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const nodeNewEnough = major > 22 || (major === 22 && minor >= 19);
if (!nodeNewEnough)
  console.warn(
    `\nLighthouse test skipped: Lighthouse 13 needs Node 22.19 or newer, this is ${process.version} (.ci/run runs it on Node 22 and 24).\n`,
  );

describe.skipIf(!nodeNewEnough || (!haveBrowser && !CI))('Lighthouse on the sample site', () => {
  test(`accessibility, best practices and SEO are ${THRESHOLD} or above on every page type, mobile and desktop`, async () => {
    if (!haveBrowser) throw new Error(`CI is set but ${CHROMIUM} is missing`);
    const site = sampleSite();
    const work = await mkdtemp(path.join(tmpdir(), 'shoutu-lighthouse-'));
    const json = path.join(work, 'lighthouse.json');
    try {
      let output = '';
      let failed = false;
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            SCRIPT,
            '--dist',
            site,
            '--results',
            SAMPLE_RESULTS,
            '--runs',
            '1',
            '--categories',
            CATEGORIES.join(','),
            '--threshold',
            String(THRESHOLD),
            '--json',
            json,
          ],
          { maxBuffer: 16 << 20 },
        );
        output = stdout;
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; code?: number };
        output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
        failed = true;
        // 1 is "below the threshold": the table says where. Anything else is a broken run.
        if (e.code !== 1) throw new Error(`lighthouse.mjs failed (exit ${e.code}):\n${output}`);
      }
      console.log(output);
      const report = JSON.parse(await readFile(json, 'utf8')) as {
        pages: { type: string; missing?: string }[];
        results: { type: string; form: string; scores: Record<string, number | null> }[];
      };
      // Every page type was there and measured in both form factors and every category.
      expect(report.pages.map((p) => p.type)).toEqual(PAGE_TYPES);
      expect(report.pages.filter((p) => p.missing)).toEqual([]);
      const below = report.results.flatMap((r) =>
        CATEGORIES.filter((c) => (r.scores[c] ?? 0) < THRESHOLD).map(
          (c) => `${r.type} ${r.form} ${c}: ${r.scores[c]}`,
        ),
      );
      expect(below, output).toEqual([]);
      expect(report.results).toHaveLength(PAGE_TYPES.length * 2);
      expect(failed, output).toBe(false);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 900_000); // 24 Lighthouse runs, one after the other.
});
