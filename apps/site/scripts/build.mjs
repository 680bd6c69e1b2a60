#!/usr/bin/env node
/**
 * Run as `node --conditions=@shoutu/source --import tsx scripts/build.mjs` (the package's `build`
 * script): it reads the results through the snapshot reader of @shoutu/core, from its TypeScript
 * source, so it needs neither a build of core first nor a reader of its own.
 *
 * Builds the site into apps/site/.build and, only when that succeeds, swaps it into apps/site/dist:
 * dist → dist.old, .build → dist, delete dist.old. A failed build leaves the previous dist as it was.
 * (With SHOUTU_SITE_OUT, .build is first moved next to that folder as <out>.build.)
 *
 * The archive (a page per past day and per district and day, and their downloads) grows by a day
 * every day, but a published day never changes, so its files are rendered once and kept in
 * apps/site/.archive-cache/<day>/<key>/. The key is a hash of
 *   - the day's JSON files (data/results/<day>/*.json; the index holds the sha256 of each of the
 *     day's CSV files, so a changed CSV file changes the key too),
 *   - the site's source (apps/site without its outputs and tests, packages/core/src and translations, the lockfile,
 *     SHOUTU_BASE and SHOUTU_SITE): a change to the site renders every day again,
 *   - the days before and after it and their districts (the pages link to them).
 * One Astro build renders the current pages, the archive index and the days without a cache entry
 * (named in SHOUTU_ARCHIVE_DAYS, read by the archive pages' getStaticPaths); the other days are
 * then linked (or copied) from the cache into the staged output, and the new days stored in it.
 * The stylesheets and scripts a cached page links to are kept in .archive-cache/assets and put back
 * if the current build did not produce them, so a cached page never links to a missing file.
 *
 * Environment: SHOUTU_ROOT is the project whose results are built (`<root>/data/results`; default:
 * this repository); SHOUTU_RESULTS_DIR names the results folder itself and wins over it;
 * SHOUTU_SITE_OUT builds into another folder instead of apps/site/dist (staged next to it as
 * <out>.build); SHOUTU_ARCHIVE_CACHE keeps the cache elsewhere. Paths are taken from the working
 * directory the build was started in. SHOUTU_SITE and SHOUTU_BASE are read by astro.config.mjs.
 *
 * The record first: before anything is built, every entry under the results folder is checked
 * (src/lib/record.ts). A symbolic link (never followed), anything but a plain file or folder, a day
 * folder for a day that has not begun in the project's time zone (data/project.json), or a day
 * whose files are missing, unlisted or fail their sha256 in its index stops the build with one line
 * per entry, naming it and saying how to repair it (`shoutu evaluate --recompute --date <day>`);
 * the previous output is left as it was. Cached days are checked too: a day is never published
 * from the cache without its files being whole.
 *
 * Log: `pnpm build` (from the repository root: the pipeline, then this) prints Astro's warnings
 * and a line of pages built and the time it took, the archive's and the output's figures; Astro's
 * line per page only with SHOUTU_VERBOSE=1 (`SHOUTU_VERBOSE=1 pnpm build`, or `--verbose` here).
 *
 * Limits: before the swap the staged output is measured (bytes of every file added up, files
 * counted; scripts/limits.mjs). Above a limit the build fails, naming the figures and the biggest
 * folders, and leaves the previous output as it was; above 80 % of one it warns the same way.
 *   SHOUTU_SITE_MAX_BYTES  the most bytes the output may hold (default 1000000000, 1 GB)
 *   SHOUTU_SITE_MAX_FILES  the most files the output may hold (default 100000)
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languagesOf } from '../src/lib/languages.mjs';
import { PublishError, publishDayReports } from '../src/lib/publish-reports.ts';
import { checkRecord } from '../src/lib/record.ts';
import { REPORTS_MANIFEST_ENV } from '../src/lib/sources.ts';
import { biggestFolders, checkLimits, limitsFrom, measure } from './limits.mjs';
import { writeSearchIndex } from './search-index.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** SHOUTU_VERBOSE=1 (or --verbose): Astro's own log, a line per page; else its warnings only. */
const verbose = process.env.SHOUTU_VERBOSE === '1' || process.argv.includes('--verbose');
const repo = resolve(root, '../..');
const custom = process.env.SHOUTU_SITE_OUT;
const dist = custom ? resolve(custom) : join(root, 'dist');
// Astro always builds into the site's folder: an output folder outside the working directory makes
// it put its server chunks into .astro and copy that folder's content-*.mjs into the output.
const staging = join(root, '.build');
// The finished build waits next to dist, on its file system, so the swap is two renames.
const ready = custom ? `${dist}.build` : staging;
const old = `${dist}.old`;
// Paths from the environment are taken from the working directory the build was started in, and
// handed to astro.config.mjs resolved: the build runs from the site's folder.
if (process.env.SHOUTU_ROOT) process.env.SHOUTU_ROOT = resolve(process.env.SHOUTU_ROOT);
if (process.env.SHOUTU_RESULTS_DIR)
  process.env.SHOUTU_RESULTS_DIR = resolve(process.env.SHOUTU_RESULTS_DIR);
const resultsDir =
  process.env.SHOUTU_RESULTS_DIR || join(process.env.SHOUTU_ROOT || repo, 'data/results');
process.env.SHOUTU_RESULTS_DIR = resultsDir;
const cacheDir = process.env.SHOUTU_ARCHIVE_CACHE
  ? resolve(process.env.SHOUTU_ARCHIVE_CACHE)
  : join(root, '.archive-cache');
const assetsDir = join(cacheDir, 'assets');

/** Raise to drop every cache entry (a change to what an entry holds). */
const CACHE_FORMAT = '1';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Where a day's archive files are in the output: the first language's unprefixed, the others' under it. */
const [, ...prefixed] = languagesOf(resultsDir);
const dayFolders = (day) => [
  join('archive', day),
  ...prefixed.map((lang) => join(lang, 'archive', day)),
];

// Builds must not phone home (telemetry) and must not depend on the clock or the network.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Nor on the caller's environment: under vitest NODE_ENV is "test", and Vite would then ship
// React's development build (three times the bytes) to every page with an island.
process.env.NODE_ENV = 'production';
// Astro writes its server chunks into the output folder when that lies below the working
// directory, where they cannot import the site's packages: build from the site's folder.
process.chdir(root);

function fail(message) {
  console.error(`\nsite build failed: ${message}`);
  console.error(`The previous ${custom ? dist : 'apps/site/dist'} (if any) was left untouched.`);
  process.exit(1);
}

/** A path as short as it reads well: relative below the working directory, else absolute. */
const shown = (path) => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
};

const sha = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? `${p.length}:${p}` : p);
  return h.digest('hex');
};

/** Files under `dir` (relative, sorted), skipping folders for which `skip(name)` is true. */
function files(dir, skip = () => false, prefix = '') {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip(e.name)) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...files(join(dir, e.name), skip, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/** What the rendered pages depend on besides the results. */
function siteHash() {
  const h = createHash('sha256');
  const add = (base, skip) => {
    for (const f of files(base, skip)) {
      h.update(`${relative(repo, join(base, f))}\0`);
      h.update(readFileSync(join(base, f)));
      h.update('\0');
    }
  };
  // Outputs, caches and tests of the site do not change what a page renders.
  const outputs = new Set([
    'node_modules',
    '.astro',
    '.build',
    '.archive-cache',
    '.reports',
    'test',
    'test-results',
  ]);
  add(root, (name) => outputs.has(name) || name.startsWith('dist') || name.endsWith('.build'));
  add(join(repo, 'packages/core/src'));
  // The dictionaries hold every word of the pages.
  add(join(repo, 'packages/core/translations'));
  const lockfile = join(repo, 'pnpm-lock.yaml');
  if (existsSync(lockfile)) h.update(readFileSync(lockfile));
  h.update(`\0base=${process.env.SHOUTU_BASE ?? ''}\0site=${process.env.SHOUTU_SITE ?? ''}`);
  return h.digest('hex');
}

/**
 * How a path of the results is shown: `data/results/…` for a project's results folder (as the CLI
 * names them), else as it is.
 */
const resultsShown = (path) => {
  const project = resultsDir.endsWith(join('data', 'results')) ? dirname(dirname(resultsDir)) : '';
  const rel = project ? relative(project, path) : '';
  return rel && !rel.startsWith('..') ? rel : path;
};

/**
 * The record, checked whole before anything is built (src/lib/record.ts): a link, anything but a
 * plain file or folder, a day that has not begun in the project's time zone, or a day whose files
 * are missing or fail their sha256 stops the build, each named with how to repair it.
 */
function checkResults() {
  const { days, cities, problems } = checkRecord(resultsDir, { hashes: true, show: resultsShown });
  if (problems.length > 0)
    fail(
      `${problems.length === 1 ? '1 entry' : `${problems.length} entries`} of ${resultsShown(resultsDir)} refused; nothing of it was published:\n${problems.join('\n')}`,
    );
  return { days, cities };
}

/** Every day with results: its files' hash and its districts. */
function readDays(record) {
  return record.days.map((day) => {
    const folder = join(resultsDir, day);
    const h = createHash('sha256');
    for (const f of files(folder).filter((f) => f.endsWith('.json') && !f.includes('/'))) {
      h.update(`${f}\0`);
      h.update(readFileSync(join(folder, f)));
      h.update('\0');
    }
    const districts = record.cities
      .get(day)
      .districts.map((d) => d.code)
      .join(',');
    return { day, hash: h.digest('hex'), districts };
  });
}

/** Hard-links the files of `src` into `dst` (copies where linking is not possible). */
function linkTree(src, dst) {
  for (const f of files(src)) {
    const to = join(dst, f);
    mkdirSync(dirname(to), { recursive: true });
    try {
      linkSync(join(src, f), to);
    } catch {
      copyFileSync(join(src, f), to);
    }
  }
}

/** The build's own files (`/_astro/…`) that HTML files link to, and those these link to in turn. */
function assetsOf(htmlFiles, assetRoot) {
  const found = new Set();
  const scan = (text) => {
    for (const m of text.matchAll(/_astro\/([^"'()\s?#]+)/g)) {
      if (found.has(m[1])) continue;
      found.add(m[1]);
      if (m[1].endsWith('.css') && existsSync(join(assetRoot, m[1])))
        scan(readFileSync(join(assetRoot, m[1]), 'utf8'));
    }
  };
  for (const file of htmlFiles) scan(readFileSync(file, 'utf8'));
  return [...found].sort();
}

const MANIFEST = '.assets.json';

function readManifest(entry) {
  try {
    return JSON.parse(readFileSync(join(entry, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The project whose reports are published: SHOUTU_ROOT, or the project a `data/results` folder
 * belongs to; none for a results folder on its own.
 */
const projectRoot =
  process.env.SHOUTU_ROOT ||
  (resultsDir.endsWith(join('data', 'results')) ? dirname(dirname(resultsDir)) : undefined);
const reportsDir = join(root, '.reports');

/**
 * The latest published day's accepted reports, personal fields removed, written below
 * apps/site/.reports (src/lib/publish-reports.ts) through the CLI's own report reader, with a
 * manifest the downloads page reads; put into the output after Astro. Only a day with a snapshot
 * is published, and only when its project's data/reports has the day.
 */
async function stageReports(day) {
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  const manifestFile = join(reportsDir, 'manifest.json');
  process.env[REPORTS_MANIFEST_ENV] = manifestFile;
  let manifest = { day, files: [] };
  if (day && projectRoot) {
    try {
      manifest = await publishDayReports(projectRoot, day, reportsDir);
    } catch (error) {
      if (!(error instanceof PublishError)) throw error;
      fail(error.message);
    }
  }
  writeFileSync(manifestFile, `${JSON.stringify(manifest)}\n`);
  return manifest;
}

/**
 * Reads the records the site wrote (`search-records.json`, src/lib/search.ts), removes that file
 * from the output, and writes Pagefind's index of them into `pagefind/` (scripts/search-index.mjs).
 */
async function buildSearchIndex() {
  const recordsFile = join(staging, 'search-records.json');
  if (!existsSync(recordsFile)) throw new Error('the build wrote no search-records.json');
  const records = JSON.parse(readFileSync(recordsFile, 'utf8'));
  rmSync(recordsFile);
  const began = performance.now();
  const written = await writeSearchIndex(records, join(staging, 'pagefind'));
  console.log(
    `search: ${records.length} records indexed into ${written.length} files in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
}

const limits = limitsFrom();
if (limits.problems.length > 0) fail(limits.problems.join('\n'));

// 1. Which days need rendering.
const started = performance.now();
const record = checkResults();
const site = siteHash();
const days = readDays(record);
const keys = new Map();
days.forEach((d, i) => {
  const prev = days[i - 1];
  const next = days[i + 1];
  keys.set(
    d.day,
    sha(
      CACHE_FORMAT,
      site,
      d.hash,
      prev ? `${prev.day}:${prev.districts}` : '',
      next ? `${next.day}:${next.districts}` : '',
    ).slice(0, 24),
  );
});
const entryOf = (day) => join(cacheDir, day, keys.get(day));
const cached = new Set(
  days
    .map((d) => d.day)
    .filter((day) => {
      const manifest = readManifest(entryOf(day));
      return manifest?.every((a) => existsSync(join(assetsDir, a))) === true;
    }),
);
const toRender = days.map((d) => d.day).filter((day) => !cached.has(day));
process.env.SHOUTU_ARCHIVE_DAYS = toRender.join(',');
const published = await stageReports(days.at(-1)?.day);

// 2. Build.
rmSync(staging, { recursive: true, force: true });

try {
  const { build } = await import('astro');
  const began = performance.now();
  // Astro's line per page (thousands, once the archive grows) only with SHOUTU_VERBOSE=1;
  // its warnings and errors always.
  await build({ root, outDir: staging, logLevel: verbose ? 'info' : 'warn' });
  const pages = readdirSync(staging, { recursive: true }).filter((f) =>
    String(f).endsWith('.html'),
  ).length;
  console.log(
    `astro: ${pages} pages built in ${((performance.now() - began) / 1000).toFixed(1)} s${verbose ? '' : ' (SHOUTU_VERBOSE=1 lists them)'}`,
  );
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  // The results loader throws errors whose message says what to do; print only that.
  const message = error instanceof Error ? error.message : String(error);
  fail(message.replace(/\n\s+at .*/g, ''));
}

if (!existsSync(join(staging, 'index.html'))) {
  rmSync(staging, { recursive: true, force: true });
  fail('astro build finished but produced no index.html.');
}

// 3. Store the days just rendered, and put the cached ones into the output.
try {
  mkdirSync(assetsDir, { recursive: true });
  for (const day of toRender) {
    for (const folder of dayFolders(day))
      if (!existsSync(join(staging, folder, 'index.html')))
        throw new Error(`the build rendered no ${folder}/index.html`);
    const entry = entryOf(day);
    const temporary = `${entry}.tmp`;
    rmSync(temporary, { recursive: true, force: true });
    const html = [];
    for (const folder of dayFolders(day)) {
      linkTree(join(staging, folder), join(temporary, folder));
      html.push(
        ...files(join(staging, folder))
          .filter((f) => f.endsWith('.html'))
          .map((f) => join(staging, folder, f)),
      );
    }
    const assets = assetsOf(html, join(staging, '_astro'));
    for (const a of assets) {
      const to = join(assetsDir, a);
      if (!existsSync(to)) {
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(join(staging, '_astro', a), to);
      }
    }
    writeFileSync(join(temporary, MANIFEST), `${JSON.stringify(assets)}\n`);
    rmSync(entry, { recursive: true, force: true });
    renameSync(temporary, entry);
  }
  for (const day of cached) {
    const entry = entryOf(day);
    for (const folder of dayFolders(day)) linkTree(join(entry, folder), join(staging, folder));
    for (const a of readManifest(entry) ?? []) {
      const to = join(staging, '_astro', a);
      if (!existsSync(to)) {
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(join(assetsDir, a), to);
      }
    }
  }
  // Older entries of these days (an earlier site or snapshot) are of no more use. Days not in
  // these results (another results folder's) are left for the build that uses them.
  const used = new Set();
  for (const { day } of days)
    for (const e of readdirSync(join(cacheDir, day), { withFileTypes: true }))
      if (e.name !== keys.get(day))
        rmSync(join(cacheDir, day, e.name), { recursive: true, force: true });
  for (const e of readdirSync(cacheDir, { withFileTypes: true }))
    if (e.isDirectory() && DAY.test(e.name))
      for (const k of readdirSync(join(cacheDir, e.name)))
        for (const a of readManifest(join(cacheDir, e.name, k)) ?? []) used.add(a);
  for (const a of files(assetsDir)) if (!used.has(a)) rmSync(join(assetsDir, a));
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  fail(
    `could not use the archive cache ${cacheDir}: ${error instanceof Error ? error.message : String(error)}. Delete it and build again.`,
  );
}

// The search index: Pagefind over the records the site wrote (src/lib/search.ts), one index per
// language, its JS API and the index only (not its default UI).
try {
  await buildSearchIndex();
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  fail(
    `could not build the search index: ${error instanceof Error ? error.message.replace(/\n\s+at .*/g, '') : String(error)}`,
  );
}

// The latest day's reports, staged before the build.
if (published.files.length > 0) linkTree(join(reportsDir, 'downloads'), join(staging, 'downloads'));
rmSync(reportsDir, { recursive: true, force: true });

console.log(
  `archive: ${toRender.length} of ${days.length} days rendered, ${cached.size} from the cache (${shown(cacheDir)}), ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
);

// 4. Within the limits? Measured where it will be served from, with the cached days linked in.
{
  const measured = measure(staging);
  const { over, near, summary } = checkLimits(measured, limits);
  const folders = biggestFolders(measured);
  if (over.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    fail(
      `${over.join('; ')}.\nThe biggest folders:\n${folders.join('\n')}\nPublish less (fewer days in the results folder, fewer pages), or raise the limit if the host takes more.`,
    );
  }
  console.log(`output: ${summary}`);
  if (near.length > 0)
    console.warn(`warning: ${near.join('; ')}.\nThe biggest folders:\n${folders.join('\n')}`);
}

// 5. Swap.
try {
  if (ready !== staging) {
    rmSync(ready, { recursive: true, force: true });
    try {
      renameSync(staging, ready);
    } catch (error) {
      // Another file system: copy (hard links of the cache entries become copies there).
      if (error?.code !== 'EXDEV') throw error;
      cpSync(staging, ready, { recursive: true });
      rmSync(staging, { recursive: true, force: true });
    }
  }
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(ready, dist);
  } catch (error) {
    if (existsSync(old) && !existsSync(dist)) renameSync(old, dist);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  if (ready !== staging) rmSync(ready, { recursive: true, force: true });
  fail(
    `could not move the build into ${custom ? dist : 'apps/site/dist'}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

console.log(`site built into ${custom ? dist : 'apps/site/dist'}`);
