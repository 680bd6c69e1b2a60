#!/usr/bin/env node
/**
 * Screenshots for the docs: serves the built site (apps/site/dist) and writes PNGs of the city
 * page, the weakest district's page (lowest score of the latest day) and a rule page in Chinese,
 * and of the English city and district pages, each at phone
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
import {
  CHROMIUM,
  DESKTOP,
  launchChromium,
  PHONE,
  serveStatic,
  weakestDistrict,
} from './browser.mjs';

const SITE = fileURLToPath(new URL('..', import.meta.url));
/** The built site: SHOUTU_SITE_OUT when the build was sent elsewhere, else apps/site/dist. */
const DIST = path.resolve(process.env.SHOUTU_SITE_OUT ?? path.join(SITE, 'dist'));
/** The results the site was built from, for its weakest district. */
const RESULTS = path.resolve(
  process.env.SHOUTU_RESULTS_DIR ??
    path.join(process.env.SHOUTU_ROOT ?? path.join(SITE, '../..'), 'data/results'),
);
const OUT = path.resolve(SITE, '../../docs/screenshots');

/** The README's example rule. */
const RULE = 'prevention.grid-screening';

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

/** The weakest district of the latest day (lowest score): the page with the most work on it. */
let district;
try {
  district = weakestDistrict(RESULTS);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const PAGES = [
  { name: 'city-zh', path: '' },
  // On a phone, the district's second screen too: where its failure cards start.
  { name: 'district-zh', path: district.path, phoneScreens: 2 },
  { name: 'district-en', path: `en/${district.path}`, phoneScreens: 2 },
  { name: 'rule-zh', path: `rules/${RULE}/` },
  { name: 'city-en', path: 'en/' },
];
const WIDTHS = [
  { name: 'phone', viewport: PHONE },
  { name: 'desktop', viewport: DESKTOP },
];

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
      const screens = name === 'phone' ? (spec.phoneScreens ?? 1) : 1;
      for (let n = 2; n <= 3; n++) {
        const more = path.join(OUT, `${spec.name}-${name}-${n}.png`);
        if (n > screens) {
          await rm(more, { force: true });
          continue;
        }
        await page.screenshot({
          path: more,
          fullPage: true,
          clip: { x: 0, y: (n - 1) * viewport.height, ...viewport },
          animations: 'disabled',
          caret: 'hide',
        });
        console.log(`wrote ${path.relative(process.cwd(), more)}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
