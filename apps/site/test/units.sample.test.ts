/**
 * SAMPLE TEST: checks the site built from the repository's committed sample (data/results), with
 * its districts by code (210202, 210281). It fails when another project is put in data/; every
 * other site test runs on fixtures (test/global-setup.ts).
 *
 * The drill-down below the district (street and community pages), the department pages, the
 * 30-day trend chart and the sortable tables of the sample site.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DistrictDay } from '@shoutu/core';
import { readSnapshot } from '@shoutu/core/snapshot';
import { beforeAll, describe, expect, test } from 'vitest';
import { History } from '../src/lib/history';
import { SAMPLE_RESULTS, sampleSite } from './sample';

const BUDGET = 150 * 1024;

const latest = (dir: string) =>
  readdirSync(dir)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && existsSync(path.join(dir, d, 'index.json')))
    .sort()
    .at(-1)!;

/** A district's whole latest day (its file and its rows), through the snapshot reader. */
function district(dir: string, code: string): DistrictDay {
  const found = readSnapshot(dir, latest(dir)).districts.get(code);
  if (!found) throw new Error(`no district ${code} in ${dir}`);
  return found;
}

/** Text as Astro writes it into HTML; a text missing from the results fails the test. */
function html(s: string | undefined): string {
  expect(s, 'a text of the results').toBeTypeOf('string');
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The markup of the section whose heading has this id, up to the next section of its level. */
function section(page: string, id: string): string {
  const start = page.indexOf(`<section aria-labelledby="${id}"`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  const next = page.indexOf('<h2 ', page.indexOf(`id="${id}"`, start) + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

/** The rows of a section's first table body (or bodies), as their markup. */
const rows = (markup: string) => markup.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? [];

/** Gzipped bytes of a page with the CSS and JavaScript it loads (islands' imports included). */
async function pageWeight(site: string, rel: string): Promise<{ total: number; files: string[] }> {
  const page = await readFile(path.join(site, rel));
  let total = gzipSync(page).length;
  const text = page.toString('utf8');
  const files = new Set<string>();
  const queue: string[] = [];
  for (const m of text.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g))
    queue.push(m[1]!);
  for (const m of text.matchAll(/\b(?:component-url|renderer-url|src)="(\/[^"]+\.js)"/g))
    queue.push(m[1]!);
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (files.has(url)) continue;
    files.add(url);
    const body = await readFile(path.join(site, url));
    total += gzipSync(body).length;
    if (!url.endsWith('.js')) continue;
    for (const m of body.toString('utf8').matchAll(/(?:from|import)\s*\(?\s*"(\.\/[^"]+\.js)"/g))
      queue.push(path.posix.join(path.posix.dirname(url), m[1]!));
  }
  return { total, files: [...files] };
}

describe('street and community pages, departments and the trend chart: the sample', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');
  const zhongshan = district(SAMPLE_RESULTS, '210202');
  const wafangdian = district(SAMPLE_RESULTS, '210281');
  const street = zhongshan.units.find(
    (u) => u.level === 'street' && zhongshan.units.some((c) => c.parent === u.code),
  )!;
  const community = zhongshan.units.find((u) => u.parent === street.code)!;
  const grids = zhongshan.units.filter((u) => u.parent === community.code);

  beforeAll(() => {
    out = sampleSite();
  });

  test('a unit with units two levels below has a page in both languages; any other is an anchored row above', async () => {
    const files = new Set(
      (await readdir(out, { recursive: true })).filter((f) => f.endsWith('index.html')),
    );
    for (const d of readSnapshot(SAMPLE_RESULTS, latest(SAMPLE_RESULTS)).districts.values()) {
      const parentOf = new Map(d.units.map((u) => [u.code, u.parent]));
      const withChildren = new Set(d.units.map((u) => u.parent));
      const paged = new Set(d.units.filter((u) => withChildren.has(u.code)).map((u) => u.parent));
      for (const u of d.units) {
        if (paged.has(u.code)) {
          expect(files, u.code).toContain(`unit/${u.code}/index.html`);
          expect(files, u.code).toContain(`en/unit/${u.code}/index.html`);
          continue;
        }
        expect(files, u.code).not.toContain(`unit/${u.code}/index.html`);
        if (d.district.code !== '210202') continue;
        // Its row, with an anchor, on the page of the nearest unit above with one.
        let host = u.parent;
        while (parentOf.has(host) && !paged.has(host)) host = parentOf.get(host)!;
        const rel =
          host === d.district.code ? `district/${host}/index.html` : `unit/${host}/index.html`;
        expect(await page(rel), `${u.code} on ${rel}`).toContain(`id="${u.level}-${u.code}"`);
      }
      for (const p of d.places) expect(files).not.toContain(`unit/${p.id}/index.html`);
    }
  });

  test('a street page lists its communities and their grids as rows and links up to its district and the city', async () => {
    const zh = await page(`unit/${street.code}/index.html`);
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain(`<h1>${html(street.name.zh)}合规评分</h1>`);
    const crumbs = zh.slice(zh.indexOf('aria-label="位置"'), zh.indexOf('<h1>'));
    expect(crumbs).toContain('href="/"');
    expect(crumbs).toContain('href="/district/210202/"');
    expect(crumbs).toContain(`aria-current="page">${html(street.name.zh)}<`);
    const children = section(zh, 'children');
    for (const c of zhongshan.units.filter((u) => u.parent === street.code)) {
      expect(children).toContain(`id="${c.level}-${c.code}"`);
      expect(children).toContain(html(c.name.zh));
    }
    const en = await page(`en/unit/${street.code}/index.html`);
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('href="/en/district/210202/"');
    expect(en).toContain(`id="${community.level}-${community.code}"`);
  });

  test('a community without a page is a row on its street’s page, followed by its grids with their scores', async () => {
    const zh = await page(`unit/${street.code}/index.html`);
    const table = section(zh, 'children');
    expect(table).toContain('<table');
    const below = zhongshan.units.filter(
      (u) =>
        u.parent === street.code ||
        zhongshan.units.some((c) => c.code === u.parent && c.parent === street.code),
    );
    expect(rows(table.slice(table.indexOf('<tbody')))).toHaveLength(below.length);
    for (const g of grids) {
      const row = rows(table).find((r) => r.includes(`id="${g.level}-${g.code}"`));
      expect(row, g.code).toContain(html(g.name.zh));
      expect(row).toContain(`data-v="${g.summary.score === null ? '' : g.summary.score}"`);
    }
  });

  test("a community's key places with findings are listed with their department", async () => {
    const place = wafangdian.places[0]!;
    const grid = wafangdian.units.find((u) => u.code === place.grid)!;
    const community = wafangdian.units.find((u) => u.code === grid.parent)!;
    // Listed on the page of the street the community is in.
    const zh = await page(`unit/${community.parent}/index.html`);
    const table = section(zh, 'places');
    expect(table).toContain(html(place.name.zh));
    expect(table).toContain(place.id);
    expect(table).toContain(html(grid.name.zh));
    expect(table).toContain(`href="/departments/${place.department}/"`);
  });

  test('the district page links each street, sums a failure in what to act on; its street page names who answers', async () => {
    const zh = await page('district/210202/index.html');
    const streets = section(zh, 'streets');
    for (const u of zhongshan.units.filter((u) => u.parent === '210202'))
      expect(streets).toContain(`href="/unit/${u.code}/">${html(u.name.zh)}</a>`);
    const fail = zhongshan.findings.find((f) => f.status === 'fail')!;
    expect(section(zh, 'failures')).toContain(
      `id="fail-${fail.rule.replace(/[^a-z0-9-]+/gi, '-')}"`,
    );
    const grid = zhongshan.units.find((u) => u.code === fail.subject)!;
    const community = zhongshan.units.find((u) => u.code === grid.parent)!;
    const failures = section(await page(`unit/${community.parent}/index.html`), 'failures');
    expect(failures).toContain('责任方：');
    const parties = failures.slice(failures.indexOf(fail.subject));
    expect(parties.slice(0, parties.indexOf('</li>'))).toMatch(
      new RegExp(
        `${html(grid.name.zh)}</(?:span|a)>\\s*<span>（主责）[\\s\\S]*href="/unit/${community.parent}/#${community.level}-${community.code}"[\\s\\S]*href="/district/210202/"`,
      ),
    );
  });

  test('verdict first: rank among the districts, score and band, the legend beside it, then act now and the rule cards', async () => {
    const city = JSON.parse(
      readFileSync(path.join(SAMPLE_RESULTS, latest(SAMPLE_RESULTS), 'index.json'), 'utf8'),
    ) as { districts: { code: string; summary: { score: number; band: string } }[] };
    const weakest = [...city.districts].sort((a, b) => a.summary.score - b.summary.score)[0]!;
    const n = city.districts.length;
    const zh = await page(`district/${weakest.code}/index.html`);
    const verdict = zh.slice(
      zh.indexOf('data-verdict'),
      zh.indexOf('</div>', zh.indexOf('data-verdict')),
    );
    expect(verdict).toContain(`${n}个区县中第${n}名`);
    expect(verdict).toContain(`data-band="${weakest.summary.band}"`);
    expect(verdict).toContain(weakest.summary.score.toFixed(1));
    const en = await page(`en/district/${weakest.code}/index.html`);
    expect(en).toMatch(new RegExp(`${n}th of ${n} districts`, 'i'));
    // In reading order: verdict, legend (the band shapes), act now, the first failure card, and
    // only then the summary and the street ranking (folded).
    const at = (s: string) => zh.indexOf(s);
    const order = [
      'data-verdict',
      'class="legend',
      'data-act-now',
      'data-act-item',
      'data-finding',
      'aria-labelledby="summary"',
      'aria-labelledby="streets"',
    ].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(section(zh, 'streets')).toMatch(/<details>\s*<summary/);
    // At most five groups of who must act.
    const act = zh.slice(at('data-act-now'), zh.indexOf('</ol>', at('data-act-now')));
    expect((act.match(/data-act-item/g) ?? []).length).toBeLessThanOrEqual(5);
    // The band of the verdict is not repeated with "capped" under every score of the tables.
    expect((zh.match(/class="capped"/g) ?? []).length).toBe(0);
  });

  test('a district page has every street in its HTML and is far shorter than the issue measured', async () => {
    const zh = await page('district/210281/index.html');
    for (const u of wafangdian.units.filter((u) => u.parent === '210281'))
      expect(zh).toContain(`href="/unit/${u.code}/"`);
    // 5,191 elements before issue 12.
    const elements = (zh.match(/<[a-z][a-z0-9-]*\b/g) ?? []).length;
    expect(elements).toBeLessThan(3500);
  });

  test('failure cards link their rule, read their sources as words linking to the published report, and give a deadline', async () => {
    const fail = wafangdian.findings.find(
      (f) => f.status === 'fail' && wafangdian.places.some((p) => p.id === f.subject) && f.sources,
    )!;
    const place = wafangdian.places.find((p) => p.id === fail.subject)!;
    const grid = wafangdian.units.find((u) => u.code === place.grid)!;
    const streetCode = wafangdian.units.find((s) => s.code === grid.parent)?.parent;
    const zh = await page(`unit/${streetCode}/index.html`);
    const card = zh.slice(zh.lastIndexOf('<li', zh.indexOf(`>${place.id}<`)));
    const item = card.slice(0, card.indexOf('</li>'));
    expect(item).toContain(`data-finding="${fail.rule}"`);
    const [, day, form, districtCode, line] =
      /^data\/reports\/([\d-]+)\/([^/.]+)\.([^/.]+)\.\w+:(\d+)$/.exec(fail.sources![0]!)!;
    expect(item).toContain(`href="/downloads/${day}/reports/${form}.${districtCode}.csv"`);
    expect(item).toContain(`第${line}行`);
    expect(item).not.toContain('data/reports/');
    // The rule's page is linked from its group; the group folds, open when critical.
    const group = zh.slice(
      zh.lastIndexOf(
        '<section',
        zh.indexOf(`id="fail-${fail.rule.replace(/[^a-z0-9-]+/gi, '-')}"`),
      ),
    );
    expect(group.slice(0, group.indexOf('<details'))).toContain('href="/rules/');
    if (fail.due !== undefined) expect(item).toMatch(/前整改/);
  });

  test('a failure on a place names the place, its department and the chain up to the district', async () => {
    const fail = wafangdian.findings.find(
      (f) => f.status === 'fail' && wafangdian.places.some((p) => p.id === f.subject),
    )!;
    const place = wafangdian.places.find((p) => p.id === fail.subject)!;
    const streetCode = wafangdian.units.find(
      (s) => s.code === wafangdian.units.find((u) => u.code === place.grid)?.parent,
    )?.parent;
    const zh = await page(`unit/${streetCode}/index.html`);
    const item = zh.slice(zh.indexOf(`>${place.id}<`));
    const parties = item.slice(
      item.indexOf('责任方'),
      item.indexOf('</p>', item.indexOf('责任方')),
    );
    expect(parties).toContain(html(place.name.zh));
    expect(parties).toContain(`href="/departments/${place.department}/"`);
    const grid = wafangdian.units.find((u) => u.code === place.grid)!;
    const community = wafangdian.units.find((u) => u.code === grid.parent)!;
    const order = [grid.name.zh, community.name.zh, '瓦房店市'].map((n) =>
      parties.indexOf(html(n)),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('the department list links every department; a department page lists a failing place', async () => {
    const city = JSON.parse(
      readFileSync(path.join(SAMPLE_RESULTS, latest(SAMPLE_RESULTS), 'index.json'), 'utf8'),
    );
    const list = await page('departments/index.html');
    for (const d of city.departments as { id: string; name: { zh: string } }[])
      expect(list).toContain(`href="/departments/${d.id}/">${html(d.name.zh)}</a>`);
    const fail = wafangdian.findings.find(
      (f) => f.status === 'fail' && wafangdian.places.some((p) => p.id === f.subject),
    )!;
    const place = wafangdian.places.find((p) => p.id === fail.subject)!;
    for (const [prefix, lang] of [
      ['', 'zh'],
      ['en/', 'en'],
    ] as const) {
      const dept = await page(`${prefix}departments/${place.department}/index.html`);
      const failures = section(dept, 'failures');
      expect(failures).toContain(`id="fail-${fail.rule.replace(/[^a-z0-9-]+/gi, '-')}"`);
      const item = failures.slice(failures.indexOf(`>${place.id}<`));
      const entry = item.slice(0, item.indexOf('</li>'));
      expect(entry).toContain(html(place.name[lang]));
      expect(entry).toContain(html(wafangdian.district.name[lang]));
      expect(entry).toContain(`href="/${prefix}district/210281/"`);
      // The explanation in plain words, not the fact's name.
      expect(entry).not.toContain(fail.conditions![0]!.fact);
    }
  });

  test('the district and street pages carry the 30-day chart with its accessible summary', async () => {
    for (const rel of ['district/210202/index.html', `unit/${street.code}/index.html`]) {
      const zh = await page(rel);
      const svg = zh.slice(zh.indexOf('<svg'), zh.indexOf('</svg>'));
      expect(svg, rel).toMatch(/role="img" aria-labelledby="(chart-[\w-]+)-title \1-desc"/);
      expect(svg).toMatch(/<title id="chart-[\w-]+-title">[^<]*近30日综合得分<\/title>/);
      expect(svg).toMatch(/<desc id="chart-[\w-]+-desc">从 2020年2月24日 的 [\d.]+ 到/);
      // The band thresholds are drawn and named.
      expect(svg).toContain('stroke-dasharray');
      expect(svg).toMatch(/>良好 90<\/text>/);
      const table = zh.slice(zh.indexOf('<div class="sr-only"><table>'));
      const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
      expect(rows(body)).toHaveLength(30);
      expect(body).toMatch(/<time datetime="2020-03-24">2020年3月24日<\/time>/i);
    }
    const zh = await page('district/210202/index.html');
    const body = zh.slice(zh.indexOf('<div class="sr-only"><table>'));
    expect(body).toContain(`<td>${zhongshan.summary.score!.toFixed(1)}</td>`);
    const en = await page('en/district/210202/index.html');
    expect(en).toContain(
      `-title">${html(zhongshan.district.name.en)}: overall score over the last 30 days</title>`,
    );
  });

  test('the long tables work without JavaScript: every row is in the HTML, the island props are small', async () => {
    const zh = await page('district/210281/index.html');
    const island = zh.slice(zh.indexOf('<astro-island'), zh.indexOf('</astro-island>'));
    expect(island).toContain('component-url="/_astro/SortableTable.');
    expect(island).toContain('client="visible"');
    for (const u of wafangdian.units.filter((u) => u.parent === '210281'))
      expect(island).toContain(`href="/unit/${u.code}/"`);
    const props = island.match(/ props="([^"]*)"/)?.[1] ?? '';
    expect(props.length).toBeLessThan(400);
    // The text box and the sorting buttons come with JavaScript only.
    expect(island).not.toContain('<input');
    expect(island).not.toContain('<button');
    expect(island).toContain('data-sort="num"');
    // Short tables stay plain HTML: a street page of the sample loads no JavaScript.
    expect(await page(`unit/${street.code}/index.html`)).not.toMatch(/<script\b/);
  });

  test('every district page stays under 150 KB gzipped with the CSS and JavaScript it loads', async () => {
    for (const prefix of ['', 'en/'])
      for (const code of readdirSync(path.join(out, `${prefix}district`))) {
        const { total, files } = await pageWeight(out, `${prefix}district/${code}/index.html`);
        expect(
          files.some((f) => f.endsWith('.css')),
          code,
        ).toBe(true);
        expect(total, `${prefix}district/${code}: ${files.join(', ')}`).toBeLessThan(BUDGET);
      }
    // The weight counts the island's runtime.
    const { files } = await pageWeight(out, 'district/210281/index.html');
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
  });

  test('the chart reads only the last 30 days of the files it needs, each once', () => {
    const history = new History(SAMPLE_RESULTS, '2020-03-24');
    expect(history.days).toHaveLength(30);
    expect(history.days[0]).toBe('2020-02-24');
    const points = history.district('210202');
    expect(points.at(-1)).toEqual({
      day: '2020-03-24',
      score: zhongshan.summary.score,
      band: zhongshan.summary.band,
    });
    history.district('210281');
    history.city();
    expect(history.filesRead).toHaveLength(30);
    expect(history.filesRead.every((f) => f.endsWith('index.json'))).toBe(true);
    history.unit('210202', street.code);
    history.unit('210202', community.code);
    expect(history.filesRead).toHaveLength(60);
    expect(new Set(history.filesRead).size).toBe(60);
    expect(history.filesRead.filter((f) => f.includes('2020-02-23'))).toEqual([]);
    // Days before the first snapshot are gaps, not errors.
    const early = new History(SAMPLE_RESULTS, '2020-01-26');
    expect(early.district('210202').filter((p) => p.score !== null)).toHaveLength(2);
    expect(early.filesRead).toHaveLength(2);
  });
});
