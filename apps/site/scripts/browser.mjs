/**
 * What the browser tests (test/e2e.sample.test.ts) and the docs screenshots (scripts/screenshots.mjs)
 * share: a tiny static server for a built site, and Debian's Chromium driven by playwright-core.
 * No browser is ever downloaded: Chromium comes from the system (`apt-get install chromium`).
 */
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
