/**
 * Builds the sites the site tests read, once per test run, and hands their folders to the tests
 * (`inject('siteMini')`, `inject('siteTerritory')`, `inject('siteSample')`):
 * - mini: the small fixture project of packages/cli, with a name carrying markup, a personal field
 *   carrying a canary, bands other than the usual and a waiver: for escaping, privacy and wiring;
 * - territory: the second territory fixture (packages/cli/test/fixtures/fjordland), which shares
 *   nothing with Dalian: other levels and codes, other areas, one language, no places;
 * - sample: the committed sample's results (data/results): the site as people see it, read only
 *   by the sample tests (`*.sample.test.ts`).
 * The fixtures are evaluated here by the CLI, so no site test depends on the repository's data/.
 * A site that cannot be built is handed over as '' with the reason (`territoryError`,
 * `sampleError`): the tests that read it fail with that reason, the others run.
 *
 * The archive caches are kept out of the developer's apps/site/.archive-cache: the fixtures get a
 * fresh one per run, the sample one in the system's temporary folder, kept between runs. What that
 * folder held before the builds is handed to the tests (`inject('devCacheBefore')`) so they can
 * check it was left alone.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const SITE = path.resolve(import.meta.dirname, '..');
const REPO = path.resolve(SITE, '../..');
const FIXTURES = path.join(REPO, 'packages/cli/test/fixtures');
/** The sample's archive cache: outside the repository, kept between runs for speed. */
const SAMPLE_CACHE = path.join(tmpdir(), 'shoutu-test-archive-cache');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site of the mini fixture. */
    siteMini: string;
    /** Where the mini fixture project was copied (its data/results are the site's input). */
    projectMini: string;
    /** The built site of the second territory fixture, or '' (then `territoryError` says why). */
    siteTerritory: string;
    /** Where the second territory fixture was copied and evaluated. */
    projectTerritory: string;
    territoryError: string;
    /** The built site of the committed sample, or '' (then `sampleError` says why). */
    siteSample: string;
    /** The results the sample site was built from (the repository's data/results). */
    resultsSample: string;
    /** The archive cache of the sample build. */
    archiveCacheSample: string;
    sampleError: string;
    /** The archive caches the fixtures' builds used (temporary folders). */
    archiveCacheMini: string;
    archiveCacheTerritory: string;
    /** The developer's apps/site/.archive-cache before the builds (see `folderState`). */
    devCacheBefore: string;
  }
}

/** The developer's archive cache, which the tests must not touch. */
export const DEV_CACHE = path.join(SITE, '.archive-cache');

/** What a folder holds: every file's path, size and modification time, or `absent`. */
export function folderState(dir: string): string {
  if (!existsSync(dir)) return 'absent';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((rel) => {
      const s = statSync(path.join(dir, rel));
      return `${rel} ${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
    })
    .join('\n');
}

const run = promisify(execFile);

/** The message of a failed child process: what it printed, not a stack trace. */
const reason = (error: unknown) => {
  const e = error as { stderr?: string; stdout?: string; message?: string };
  return [e.stderr, e.stdout].filter(Boolean).join('\n').trim() || String(e.message ?? error);
};

async function buildSite(root: string, resultsDir: string, out: string, cache: string) {
  // As the package's build script runs it: core's snapshot reader from its TypeScript source.
  const flags = ['--conditions=@shoutu/source', '--import', 'tsx'];
  await run(process.execPath, [...flags, path.join(SITE, 'scripts/build.mjs')], {
    cwd: SITE,
    env: {
      ...process.env,
      SHOUTU_ROOT: root,
      SHOUTU_RESULTS_DIR: resultsDir,
      SHOUTU_SITE_OUT: out,
      SHOUTU_ARCHIVE_CACHE: cache,
    },
    maxBuffer: 64 << 20,
  });
}

/** The CLI from source, as `pnpm shoutu` runs it (global setup does not see the test conditions). */
async function shoutu(root: string, ...args: string[]) {
  await run(
    process.execPath,
    [
      '--conditions=@shoutu/source',
      '--import',
      'tsx',
      path.join(REPO, 'packages/cli/src/bin.ts'),
      '--root',
      root,
      ...args,
    ],
    { cwd: REPO, maxBuffer: 64 << 20 },
  );
}

async function copyFixture(name: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `shoutu-site-${name}-`));
  await cp(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

async function miniProject(): Promise<string> {
  const root = await copyFixture('mini');
  // Names with markup must reach the pages as text: a script element, and a quote that would
  // close an attribute and open an element with a handler (test/build.test.ts, MARKUP_NAMES).
  const registry = path.join(root, 'data/registry/registry.json');
  await writeFile(
    registry,
    (await readFile(registry, 'utf8'))
      .replace('"en": "Zhongshan"', '"en": "Zhongshan <script>alert(1)</script>"')
      .replace('"en": "Haijun Square"', '"en": "Haijun Square <script>alert(2)</script>"')
      .replace(
        '"en": "Grid 1"',
        `"en": ${JSON.stringify('Grid 1 "><img src=x onerror=alert(3)>')}`,
      ),
  );
  // Bands other than the usual 90/75: the site must take them from the results.
  const scoring = path.join(root, 'rules/scoring.json');
  const method = JSON.parse(await readFile(scoring, 'utf8'));
  method.bands = { green: 95, yellow: 60 };
  await writeFile(scoring, JSON.stringify(method));
  // The second day's missing report is waived.
  await mkdir(path.join(root, 'data/waivers'));
  await writeFile(
    path.join(root, 'data/waivers/test.json'),
    JSON.stringify(
      {
        waivers: [
          {
            subject: '210202001001002',
            rule: 'prevention.grid-screening',
            reason: { zh: '测试豁免理由', en: 'A test waiver reason' },
            approver: '中山区疫情防控指挥部办公室',
            start: '2020-02-03',
            expiry: '2020-02-29',
          },
        ],
      },
      null,
      2,
    ),
  );
  await shoutu(root, 'evaluate');
  return root;
}

/** Whether a results folder holds at least one day with its index. */
const hasResults = (dir: string) =>
  existsSync(dir) &&
  readdirSync(dir).some(
    (d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && existsSync(path.join(dir, d, 'index.json')),
  );

export default async function setup(project: TestProject) {
  const devCacheBefore = folderState(DEV_CACHE);
  const work = await mkdtemp(path.join(tmpdir(), 'shoutu-sites-'));
  const archiveCacheMini = path.join(work, 'cache-mini');
  const archiveCacheTerritory = path.join(work, 'cache-territory');
  const made: string[] = [work];
  // One build after the other: two Astro builds of one site share its .astro folder.

  const mini = await miniProject();
  made.push(mini);
  const siteMini = path.join(work, 'mini');
  await buildSite(mini, path.join(mini, 'data/results'), siteMini, archiveCacheMini);
  project.provide('siteMini', siteMini);
  project.provide('projectMini', mini);

  const siteTerritory = path.join(work, 'territory');
  let territory = '';
  let territoryError = '';
  try {
    territory = await copyFixture('fjordland');
    made.push(territory);
    await shoutu(territory, 'evaluate');
    await buildSite(
      territory,
      path.join(territory, 'data/results'),
      siteTerritory,
      archiveCacheTerritory,
    );
  } catch (error) {
    territoryError = `the second territory (packages/cli/test/fixtures/fjordland) did not evaluate and build:\n${reason(error)}`;
  }
  project.provide('siteTerritory', territoryError ? '' : siteTerritory);
  project.provide('projectTerritory', territory);
  project.provide('territoryError', territoryError);

  const resultsSample = path.join(REPO, 'data/results');
  const siteSample = path.join(work, 'sample');
  let sampleError = '';
  if (!hasResults(resultsSample))
    sampleError = `no results in ${resultsSample}: the sample tests (*.sample.test.ts) check the committed sample, which is not there`;
  else
    try {
      await buildSite(REPO, resultsSample, siteSample, SAMPLE_CACHE);
    } catch (error) {
      sampleError = `the site of the committed sample (data/results) did not build:\n${reason(error)}`;
    }
  project.provide('siteSample', sampleError ? '' : siteSample);
  project.provide('resultsSample', resultsSample);
  project.provide('archiveCacheSample', SAMPLE_CACHE);
  project.provide('sampleError', sampleError);
  project.provide('archiveCacheMini', archiveCacheMini);
  project.provide('archiveCacheTerritory', archiveCacheTerritory);
  project.provide('devCacheBefore', devCacheBefore);

  return async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  };
}
