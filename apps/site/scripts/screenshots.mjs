#!/usr/bin/env node
/**
 * Screenshots for the docs: serves the built site (apps/site/dist) and writes PNGs of the city
 * page, a district page and a rule page in Chinese, and of the English city page, each at phone
 * (390 px) and desktop (1280 px) width, into docs/screenshots/. `pnpm screenshots` builds first.
 *
 * File names say what is shown, never when: `<page>-<locale>-<width>.png`. A page the site does
 * not have (the rule pages, before they exist) is skipped with a note and its old PNGs removed.
 * Uses Debian's Chromium (/usr/bin/chromium, or SHOUTU_CHROMIUM); it downloads no browser.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, DESKTOP, launchChromium, PHONE, serveStatic } from './browser.mjs';

const SITE = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(SITE, 'dist');
const OUT = path.resolve(SITE, '../../docs/screenshots');

/** The weakest district of the sample, and the README's example rule. */
const DISTRICT = '210281';
const RULE = 'prevention.grid-screening';

const PAGES = [
  { name: 'city-zh', path: '' },
  { name: 'district-zh', path: `district/${DISTRICT}/` },
  { name: 'rule-zh', path: `rules/${RULE}/` },
  { name: 'city-en', path: 'en/' },
];
const WIDTHS = [
  { name: 'phone', viewport: PHONE },
  { name: 'desktop', viewport: DESKTOP },
];

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(DIST, 'index.html')))
  fail('apps/site/dist has no index.html: build the site first (`pnpm build`).');
if (!existsSync(CHROMIUM))
  fail(
    `${CHROMIUM} not found: install Debian's chromium and a CJK font (apt-get install chromium fonts-noto-cjk), or set SHOUTU_CHROMIUM.`,
  );

await mkdir(OUT, { recursive: true });
const server = await serveStatic(DIST);
const browser = await launchChromium();
try {
  for (const { name, viewport } of WIDTHS) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const spec of PAGES) {
      const file = path.join(OUT, `${spec.name}-${name}.png`);
      if (!existsSync(path.join(DIST, spec.path, 'index.html'))) {
        await rm(file, { force: true });
        console.log(`skipped ${spec.name}: the site has no /${spec.path}`);
        continue;
      }
      const response = await page.goto(`${server.url}/${spec.path}`, { waitUntil: 'load' });
      if (response?.status() !== 200) fail(`/${spec.path} answered ${response?.status()}`);
      await page.evaluate(() => document.fonts.ready);
      // The first screen, as a visitor sees it: the whole page would be metres long.
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
