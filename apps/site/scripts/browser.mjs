/**
 * What the browser tests (test/e2e.sample.test.ts) and the docs screenshots (scripts/screenshots.mjs)
 * share: a tiny static server for a built site, and Debian's Chromium driven by playwright-core.
 * No browser is ever downloaded: Chromium comes from the system (`apt-get install chromium`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The browser: Debian's package, or another Chromium named by SHOUTU_CHROMIUM. */
export const CHROMIUM = process.env.SHOUTU_CHROMIUM || '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: without the background-networking flags Chromium keeps
 * calling Google's services, which a closed network refuses (and a test must not depend on).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The widths pages are checked and photographed at. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Starts Chromium (playwright-core makes a fresh, empty profile for every launch). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

/**
 * Serves `root` on 127.0.0.1 at a free port, as a static host such as GitHub Pages does: `/a/` is
 * `a/index.html`, `/a` redirects to `/a/` when that is a folder, anything else is a 404, and text
 * is gzipped for clients that accept it (`gzip: false` turns that off).
 *
 * @param {string} root the built site
 * @param {{ gzip?: boolean }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} `url` has no trailing slash
 */
export async function serveStatic(root, { gzip = true } = {}) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, { ...headers, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { allow: 'GET, HEAD' }, Buffer.alloc(0));
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    let rel;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      send(400, { 'content-type': 'text/plain' }, Buffer.from('bad request\n'));
      return;
    }
    const file = path.join(base, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (file !== base && !file.startsWith(base + path.sep)) {
      send(404, { 'content-type': 'text/plain' }, Buffer.from('not found\n'));
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) {
        await stat(path.join(file, 'index.html'));
        send(301, { location: `${pathname}/` }, Buffer.alloc(0));
        return;
      }
      let body = await readFile(file);
      const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))];
      /** @type {Record<string, string>} */
      const headers = { 'content-type': type ?? 'application/octet-stream' };
      if (gzip && type && COMPRESSIBLE.test(type)) {
        headers.vary = 'accept-encoding';
        if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
          body = gzipSync(body);
          headers['content-encoding'] = 'gzip';
        }
      }
      send(200, headers, body);
    } catch {
      send(404, { 'content-type': 'text/plain' }, Buffer.from('not found\n'));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The days of a results folder that have their index, oldest first. */
function daysOf(resultsDir) {
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter(
      (d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && existsSync(path.join(resultsDir, d, 'index.json')),
    )
    .sort();
}

/**
 * The weakest district of the latest day in `resultsDir`: the lowest score in its index.json
 * (a district without a score counts as weakest; ties go to the lower code), with the path of its
 * page (`<level>/<code>/`). Plain JSON, so that it runs on any Node without the TypeScript source.
 *
 * @param {string} resultsDir a project's data/results
 * @returns {{ day: string, code: string, level: string, path: string, score: number | null, band: string | null }}
 */
export function weakestDistrict(resultsDir) {
  const day = daysOf(resultsDir).at(-1);
  if (!day) throw new Error(`${resultsDir} has no day with an index.json: evaluate first`);
  const index = JSON.parse(readFileSync(path.join(resultsDir, day, 'index.json'), 'utf8'));
  /** @type {{ code: string, level: string, summary: { score: number | null, band: string | null } }[]} */
  const districts = index.districts ?? [];
  const score = (/** @type {{ summary: { score: number | null } }} */ d) =>
    d.summary.score ?? Number.NEGATIVE_INFINITY;
  const weakest = [...districts].sort(
    (a, b) => score(a) - score(b) || a.code.localeCompare(b.code),
  )[0];
  if (!weakest) throw new Error(`${resultsDir}/${day}/index.json names no district`);
  return {
    day,
    code: weakest.code,
    level: weakest.level,
    path: `${weakest.level}/${weakest.code}/`,
    score: weakest.summary.score,
    band: weakest.summary.band,
  };
}

/** The page types every measurement covers, in this order. */
export const PAGE_TYPES = [
  'city',
  'district',
  'unit',
  'rules',
  'rule',
  'archive',
  'archive-day',
  'downloads',
  'departments',
  'department',
  'search',
  '404',
];

/**
 * One page of each type in a built site (paths relative to the site's root, without a leading
 * slash, in the default language): the city, the weakest district, the first unit its page links
 * to, the rule catalog and the first rule of the latest day that has a page, the archive and its
 * latest day, downloads, the departments and the first of them, search, and the 404 page. Found
 * from the results and the built files, never from names of the sample. A type the site does not
 * have yet is given with `missing` saying what was looked for.
 *
 * @param {string} dist the built site
 * @param {string} resultsDir the results it was built from
 * @returns {{ type: string, path: string, missing?: string }[]}
 */
export function pagesOfEachType(dist, resultsDir) {
  const weakest = weakestDistrict(resultsDir);
  const index = JSON.parse(readFileSync(path.join(resultsDir, weakest.day, 'index.json'), 'utf8'));
  const has = (/** @type {string} */ p) =>
    p.endsWith('.html')
      ? existsSync(path.join(dist, p))
      : existsSync(path.join(dist, p, 'index.html'));
  const read = (/** @type {string} */ p) =>
    has(p) ? readFileSync(path.join(dist, p, 'index.html'), 'utf8') : '';
  /** The first link on a page whose path matches `pattern` (group 1 is the path without the leading slash). */
  const firstLink = (/** @type {string} */ html, /** @type {RegExp} */ pattern) => {
    for (const m of html.matchAll(/href="([^"#?]*)"/g)) {
      const found = pattern.exec(m[1] ?? '');
      if (found?.[1] && has(found[1])) return found[1];
    }
    return undefined;
  };
  /** @type {(type: string, p: string | undefined, what: string) => { type: string, path: string, missing?: string }} */
  const page = (type, p, what) =>
    p !== undefined && has(p) ? { type, path: p } : { type, path: p ?? '', missing: what };
  const ruleIds = (index.rules ?? []).map((/** @type {{ id: string }} */ r) => r.id);
  const archiveDays = existsSync(path.join(dist, 'archive'))
    ? readdirSync(path.join(dist, 'archive'))
        .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && has(`archive/${d}/`))
        .sort()
    : [];
  const departments = (index.departments ?? []).map((/** @type {{ id: string }} */ d) => d.id);
  return [
    page('city', '', 'index.html'),
    page('district', weakest.path, `${weakest.path}index.html (the weakest district)`),
    page(
      'unit',
      firstLink(read(weakest.path), /^\/(unit\/[^/]+\/)$/),
      `a link to unit/<code>/ on ${weakest.path}`,
    ),
    page('rules', 'rules/', 'rules/index.html'),
    page(
      'rule',
      ruleIds.map((/** @type {string} */ id) => `rules/${id}/`).find(has),
      'rules/<id>/index.html for a rule of the latest day',
    ),
    page('archive', 'archive/', 'archive/index.html'),
    page('archive-day', archiveDays.map((d) => `archive/${d}/`).at(-1), 'archive/<day>/index.html'),
    page('downloads', 'downloads/', 'downloads/index.html'),
    page('departments', 'departments/', 'departments/index.html'),
    page(
      'department',
      departments.map((/** @type {string} */ id) => `departments/${id}/`).find(has),
      'departments/<id>/index.html',
    ),
    page('search', 'search/', 'search/index.html'),
    page('404', '404.html', '404.html'),
  ];
}
