/**
 * Builds the sites the site tests read, once per test run, and hands their folders to the tests
 * (`inject('siteMini')`, `inject('siteSample')`):
 * - mini: the small fixture project of packages/cli, with a name carrying markup, a personal field
 *   carrying a canary, bands other than the usual and a waiver: for escaping, privacy and wiring;
 * - sample: the committed sample's results (data/results): the site as people see it.
 *
 * The builds keep their archive cache in a temporary folder (`inject('archiveCache')`), never in
 * the developer's apps/site/.archive-cache; what that folder held before is handed to the tests
 * (`inject('devCacheBefore')`) so they can check it was left alone.
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
const FIXTURE = path.join(REPO, 'packages/cli/test/fixtures/mini');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site of the mini fixture. */
    siteMini: string;
    /** Where the mini fixture project was copied (its data/results are the site's input). */
    projectMini: string;
    /** The built site of the committed sample. */
    siteSample: string;
    /** The archive cache the test builds used (a temporary folder). */
    archiveCache: string;
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

async function buildSite(resultsDir: string, out: string, cache: string): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(SITE, 'scripts/build.mjs')], {
    cwd: SITE,
    env: {
      ...process.env,
      SHOUTU_RESULTS_DIR: resultsDir,
      SHOUTU_SITE_OUT: out,
      SHOUTU_ARCHIVE_CACHE: cache,
    },
    maxBuffer: 64 << 20,
  });
}

async function miniProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'shoutu-site-mini-'));
  await cp(FIXTURE, root, { recursive: true });
  // A name with markup must reach the page as text.
  const registry = path.join(root, 'data/registry/registry.json');
  await writeFile(
    registry,
    (await readFile(registry, 'utf8')).replace(
      '"en": "Zhongshan"',
      '"en": "Zhongshan <script>alert(1)</script>"',
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
  // The CLI from source, as `pnpm shoutu` runs it (global setup does not see the test conditions).
  await promisify(execFile)(
    process.execPath,
    [
      '--conditions=@shoutu/source',
      '--import',
      'tsx',
      path.join(REPO, 'packages/cli/src/bin.ts'),
      '--root',
      root,
      'evaluate',
    ],
    { cwd: REPO },
  );
  return root;
}

export default async function setup(project: TestProject) {
  const devCacheBefore = folderState(DEV_CACHE);
  const work = await mkdtemp(path.join(tmpdir(), 'shoutu-sites-'));
  const archiveCache = path.join(work, 'archive-cache');
  const mini = await miniProject();
  const siteMini = path.join(work, 'mini');
  const siteSample = path.join(work, 'sample');
  // One after the other: two Astro builds of one project share its .astro folder.
  await buildSite(path.join(mini, 'data/results'), siteMini, archiveCache);
  await buildSite(path.join(REPO, 'data/results'), siteSample, archiveCache);
  project.provide('siteMini', siteMini);
  project.provide('projectMini', mini);
  project.provide('siteSample', siteSample);
  project.provide('archiveCache', archiveCache);
  project.provide('devCacheBefore', devCacheBefore);
  return async () => {
    await rm(work, { recursive: true, force: true });
    await rm(mini, { recursive: true, force: true });
  };
}
