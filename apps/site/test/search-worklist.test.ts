/**
 * Find my unit, the work lists and the published reports in the mini fixture's site (built by
 * test/global-setup.ts through scripts/build.mjs, as the daily build does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, inject, test } from 'vitest';
import { parsed } from './helpers';
import { searchBundle } from './pagefind-node';

const read = (site: string, rel: string) => readFileSync(path.join(site, rel), 'utf8');
/** The latest day of the mini project. */
const DAY = '2020-02-03';

describe('find my unit', () => {
  const site = inject('siteMini');

  test('a search page per language: a form, and without JavaScript the way to every unit', () => {
    for (const [rel, lang] of [
      ['search/index.html', 'zh'],
      ['en/search/index.html', 'en'],
    ] as const) {
      const page = read(site, rel);
      const { elements } = parsed(page);
      const form = elements.find((e) =>
        e.attrs.some((a) => a.name === 'role' && a.value === 'search'),
      );
      expect(form, rel).toBeDefined();
      expect(page).toContain('name="q"');
      expect(page).toContain('<noscript>');
      expect(page).toContain(`data-script="/pagefind/pagefind.js"`);
      expect(page).toContain(lang === 'en' ? 'Search needs JavaScript' : '查找需要 JavaScript');
    }
  });

  test('the index holds names and codes per language, and is the only record of them', async () => {
    const bundle = path.join(site, 'pagefind');
    const files = readdirSync(bundle);
    expect(files).toContain('pagefind.js');
    expect(files.filter((f) => f.endsWith('.pf_meta')).map((f) => f.split('_')[0])).toEqual([
      'pagefind.en',
      'pagefind.zh',
    ]);
    expect(files.filter((f) => /ui|highlight/.test(f))).toEqual([]);
    // The records were read by the build and not published.
    expect(existsSync(path.join(site, 'search-records.json'))).toBe(false);
    const zh = await searchBundle(bundle, 'zh-CN', '海军');
    expect(zh[0]).toEqual([
      expect.stringMatching(/^\/(?:district|unit)\/[^/]+\/(?:#.*)?$/),
      '海军广场街道',
    ]);
    // A part of a name that Pagefind's segmenter alone did not find (src/lib/search-content.ts).
    expect((await searchBundle(bundle, 'zh-CN', '七一'))[0]?.[1]).toBe('七一社区');
    const en = await searchBundle(bundle, 'en', 'Zhongshan');
    // The name carrying markup is a title, as it is: the page puts it in with textContent.
    expect(en[0]).toEqual(['/en/district/210202/', 'Zhongshan <script>alert(1)</script>']);
    const byCode = await searchBundle(bundle, 'en', '210202');
    expect(byCode.length).toBeGreaterThan(1);
  });
});

describe('work lists', () => {
  const site = inject('siteMini');

  test("each district's and the city's, in each language, CSV and .xlsx", async () => {
    for (const base of ['downloads/latest/', 'downloads/latest/district/210202/'])
      for (const lang of ['zh', 'en']) {
        const csv = read(site, `${base}worklist.${lang}.csv`);
        expect(csv.startsWith('\uFEFF'), base).toBe(true);
        const header = csv.slice(1, csv.indexOf('\r\n'));
        expect(header).toContain(lang === 'en' ? 'Days overdue' : '超期天数');
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(
          readFileSync(path.join(site, `${base}worklist.${lang}.xlsx`)) as never,
        );
        const sheet = book.worksheets[0];
        expect(sheet?.rowCount).toBe(csv.split('\r\n').length - 2 + 1);
      }
  });

  test('the district page and the downloads page link them in the page’s language', () => {
    const en = read(site, 'en/downloads/index.html');
    expect(en).toContain('href="/downloads/latest/district/210202/worklist.en.xlsx"');
    expect(en).toContain('href="/downloads/latest/worklist.en.csv"');
    const zh = read(site, 'downloads/index.html');
    expect(zh).toContain('href="/downloads/latest/district/210202/worklist.zh.xlsx"');
  });
});

describe('published reports', () => {
  const site = inject('siteMini');

  test("the latest day's accepted reports, by line, without the personal field", () => {
    const rel = `downloads/${DAY}/reports/grid-daily.210202.csv`;
    const text = read(site, rel);
    expect(text.startsWith('\uFEFFline,subject,submitted_at,late,households_visited\r\n')).toBe(
      true,
    );
    expect(text).not.toContain('reporter_phone');
    const en = read(site, 'en/downloads/index.html');
    expect(en).toContain(`href="/${rel}"`);
    expect(en).toContain('none is published');
  });
});
