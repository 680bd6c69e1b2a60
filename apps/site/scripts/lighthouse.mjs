#!/usr/bin/env node
/**
 * Lighthouse on the built site: one page of each type (browser.mjs, `pagesOfEachType`), mobile and
 * desktop, the median of N runs (3 by default) per page and form factor; prints a table of the
 * median scores and the audits that failed, and exits 1 when a median is below the threshold
 * (98 by default) or a page type is missing, 2 on a usage error.
 *
 * Needs Node 22.19 or newer (Lighthouse 13's floor): `npx -y node@24 apps/site/scripts/lighthouse.mjs`.
 * Drives Debian's Chromium (/usr/bin/chromium, or SHOUTU_CHROMIUM) through chrome-launcher's
 * chromePath; it downloads no browser. Serves the built site with browser.mjs's static server,
 * gzipped as GitHub Pages serves it.
 *
 *   --dist DIR          the built site (apps/site/dist)
 *   --results DIR       the results it was built from (SHOUTU_RESULTS_DIR, else <root>/data/results)
 *   --runs N            runs per page and form factor (3)
 *   --forms LIST        mobile,desktop
 *   --categories LIST   performance,accessibility,best-practices,seo
 *   --pages LIST        page types (city,district,unit,rules,rule,archive,archive-day,downloads,
 *                       departments,department,search,404); all by default
 *   --threshold N       the lowest median allowed (98)
 *   --json FILE         also write every run's scores and failed audits as JSON
 *
 * Performance is measured with Lighthouse's simulated throttling and still moves with the load of
 * the machine: on shared CPUs read it as a median, never as one run. Accessibility, best practices
 * and SEO do not depend on the machine: test/e2e.lighthouse.sample.test.ts checks those in CI.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, pagesOfEachType, serveStatic } from './browser.mjs';

const SITE = fileURLToPath(new URL('..', import.meta.url));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const FORMS = ['mobile', 'desktop'];

/** @param {string} message */
function usage(message) {
  console.error(`lighthouse: ${message}`);
  process.exit(2);
}

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19))
  usage(
    `Lighthouse 13 needs Node 22.19 or newer, this is ${process.version}: run it as \`npx -y node@24 apps/site/scripts/lighthouse.mjs\`.`,
  );

/** @type {ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' }> }>>['values']} */
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      dist: { type: 'string' },
      results: { type: 'string' },
      runs: { type: 'string' },
      forms: { type: 'string' },
      categories: { type: 'string' },
      pages: { type: 'string' },
      threshold: { type: 'string' },
      json: { type: 'string' },
    },
  }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}

/**
 * @param {string | undefined} value
 * @param {string[]} allowed
 * @param {string} name
 */
function list(value, allowed, name) {
  if (value === undefined) return allowed;
  const items = value.split(',').filter(Boolean);
  for (const item of items)
    if (!allowed.includes(item)) usage(`--${name} ${item}: expected one of ${allowed.join(', ')}`);
  return items;
}

/**
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {string} name
 */
function number(value, fallback, name) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} ${value}: expected a whole number above 0`);
  return n;
}

const dist = path.resolve(args.dist ?? path.join(SITE, 'dist'));
const results = path.resolve(
  args.results ??
    process.env.SHOUTU_RESULTS_DIR ??
    path.join(process.env.SHOUTU_ROOT ?? path.join(SITE, '../..'), 'data/results'),
);
const runs = number(args.runs, 3, 'runs');
const forms = list(args.forms, FORMS, 'forms');
const categories = list(args.categories, CATEGORIES, 'categories');
const types = list(args.pages, PAGE_TYPES, 'pages');
const threshold = number(args.threshold, 98, 'threshold');

if (!existsSync(path.join(dist, 'index.html')))
  usage(
    `${dist} has no index.html: build the site first (\`npx -y pnpm@10 build\`), or give --dist.`,
  );
if (!existsSync(CHROMIUM))
  usage(
    `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium fonts-noto-cjk), or set SHOUTU_CHROMIUM.`,
  );

let pages;
try {
  pages = pagesOfEachType(dist, results).filter((p) => types.includes(p.type));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}

const { default: lighthouse } = await import('lighthouse');
const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
const chromeLauncher = await import('chrome-launcher');

/** The median of a list of numbers (the middle one of an odd count). */
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * @typedef {{ type: string, path: string, form: string, run: number,
 *   scores: Record<string, number | null>,
 *   failed: { category: string, id: string, title: string, score: number | null, display?: string }[] }} Run
 */

const server = await serveStatic(dist);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  // chrome-launcher adds its own flags; the shared ones keep Chromium off the network.
  chromeFlags: [...CHROMIUM_ARGS.filter((f) => f !== '--headless'), '--headless=new'],
  logLevel: 'silent',
});
/** @type {Run[]} */
const all = [];
try {
  for (const page of pages) {
    if (page.missing) continue;
    for (const form of forms) {
      for (let run = 1; run <= runs; run++) {
        const url = `${server.url}/${page.path}`;
        const result = await lighthouse(
          url,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories },
          form === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError)
          throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        /** @type {Run} */
        const entry = { type: page.type, path: page.path, form, run, scores: {}, failed: [] };
        for (const id of categories) {
          const category = lhr.categories[id];
          entry.scores[id] = category?.score == null ? null : Math.round(category.score * 100);
          for (const ref of category?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            // What moved the score: audits that weigh in it (not the weightless insights and
            // diagnostics) and failed, or, for a metric, scored below 0.9 (Lighthouse's green).
            if (!audit || audit.score === null || ref.weight <= 0) continue;
            if (audit.score >= (audit.scoreDisplayMode === 'numeric' ? 0.9 : 1)) continue;
            entry.failed.push({
              category: id,
              id: audit.id,
              title: audit.title,
              score: audit.score,
              ...(audit.displayValue ? { display: String(audit.displayValue) } : {}),
            });
          }
        }
        all.push(entry);
        process.stderr.write(
          `  ${page.type} ${form} run ${run}: ${categories.map((c) => `${c} ${entry.scores[c] ?? '-'}`).join(', ')}\n`,
        );
      }
    }
  }
} finally {
  chrome.kill();
  await server.close();
}

// The table: one row per page type and form factor, the median of the runs.
const short = { performance: 'perf', accessibility: 'a11y', 'best-practices': 'bp', seo: 'seo' };
const header = [
  'page',
  'path',
  'form',
  ...categories.map((c) => short[/** @type {keyof typeof short} */ (c)]),
];
/** @type {string[][]} */
const rows = [];
/** @type {string[]} */
const below = [];
/** @type {string[]} */
const failedAudits = [];
for (const page of pages) {
  if (page.missing) {
    rows.push([page.type, `(missing: ${page.missing})`, '', ...categories.map(() => '')]);
    below.push(`${page.type}: the site has no such page (${page.missing})`);
    continue;
  }
  for (const form of forms) {
    const mine = all.filter((r) => r.type === page.type && r.form === form);
    const medians = categories.map((c) => {
      const xs = mine.map((r) => r.scores[c]).filter((x) => typeof x === 'number');
      return xs.length ? median(/** @type {number[]} */ (xs)) : null;
    });
    rows.push([
      page.type,
      `/${page.path}`,
      form,
      ...medians.map((m) => (m === null ? '-' : String(m))),
    ]);
    medians.forEach((m, i) => {
      if (m === null || m < threshold)
        below.push(`${page.type} ${form} ${categories[i]}: ${m ?? 'no score'} (< ${threshold})`);
    });
    /** @type {Map<string, { title: string, count: number, display: Set<string> }>} */
    const audits = new Map();
    for (const r of mine)
      for (const a of r.failed) {
        const key = `${a.category} ${a.id}`;
        const seen = audits.get(key) ?? { title: a.title, count: 0, display: new Set() };
        seen.count++;
        if (a.display) seen.display.add(a.display);
        audits.set(key, seen);
      }
    for (const [key, a] of audits)
      failedAudits.push(
        `${page.type} ${form} ${key}: ${a.title}${a.display.size ? ` (${[...a.display].join('; ')})` : ''}, ${a.count} of ${mine.length} runs`,
      );
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (/** @type {string[]} */ cells) =>
  cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
console.log(
  `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, Node ${process.version}, ${CHROMIUM}; median of ${runs} run(s), threshold ${threshold}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
if (failedAudits.length) {
  console.log('\nAudits not passed (in how many runs):');
  for (const a of failedAudits) console.log(`  ${a}`);
}
if (args.json)
  await writeFile(
    args.json,
    `${JSON.stringify({ threshold, runs, pages, results: all }, null, 2)}\n`,
  );
if (below.length) {
  console.log(`\nBelow ${threshold} or missing:`);
  for (const b of below) console.log(`  ${b}`);
  process.exit(1);
}
console.log(`\nEvery median is ${threshold} or above.`);
