/**
 * The drill-down below the district (street and community pages) and the department pages, on
 * the site of the mini fixture built once per run (test/global-setup.ts).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { rows, scripted, section } from './helpers';

describe('street and community pages: the mini fixture', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(() => {
    out = inject('siteMini');
  });

  test('the street has a page; its community (grids only below) is a row there, linked by anchor', async () => {
    const street = await page('unit/210202001/index.html');
    expect(street).toContain('海军广场街道合规评分');
    const children = section(street, 'children');
    expect(children).toContain('id="community-210202001001"');
    expect(children).toContain('七一社区');
    expect(children).not.toContain('href="/unit/210202001001/"');
    expect(street).toContain('href="/district/210202/"');
    const crumbs = street.slice(street.indexOf('aria-label="位置"'), street.indexOf('<h1>'));
    expect(crumbs).toContain('href="/">大连市</a>');
    expect(crumbs).toContain('href="/district/210202/">中山区</a>');
    expect(existsSync(path.join(out, 'unit/210202001001/index.html'))).toBe(false);
    const district = await page('district/210202/index.html');
    expect(section(district, 'streets')).toContain('href="/unit/210202001/">海军广场街道</a>');
  });

  test("the community's grids follow its row on the street page, with their score and band", async () => {
    const zh = await page('unit/210202001/index.html');
    const table = section(zh, 'children');
    const body = rows(table.slice(table.indexOf('<tbody')));
    // The community and its two grids.
    expect(body).toHaveLength(3);
    expect(table).toContain('id="grid-210202001001001"');
    expect(table).toContain('第1网格');
    expect(table).toContain('第2网格');
    expect(table).toMatch(/band band-(green|yellow|red|none)/);
    // The mini territory has no key places: no section for them.
    expect(zh).not.toContain('<section aria-labelledby="places"');
  });

  test('a waived missing report shows on the street page with its waiver, linked from the rule page', async () => {
    const zh = await page('unit/210202001/index.html');
    const waived = section(zh, 'waived');
    expect(waived).toContain('id="waived-prevention-grid-screening"');
    expect(waived).toContain('缺报（已豁免）');
    expect(waived).toContain('测试豁免理由');
    expect(waived).toContain('中山区疫情防控指挥部办公室');
    expect(waived).toContain('2020年2月3日 至 2020年2月29日');
    expect(section(zh, 'waivers')).toContain('data/waivers/test.json:');
    const en = await page('en/unit/210202001/index.html');
    expect(section(en, 'waived')).toContain('A test waiver reason');
  });

  test('names with markup are escaped on the new pages and no page loads JavaScript', async () => {
    const en = await page('en/unit/210202001/index.html');
    expect(en).toContain('Zhongshan &lt;script&gt;alert(1)&lt;/script&gt;');
    for (const f of await readdir(out, { recursive: true })) {
      if (!f.endsWith('.html')) continue;
      const text = await page(f);
      // As a browser parses the page: no script element (but the search page's own module), no
      // handler (names are text).
      const search = /^(?:[a-z]+\/)?search\/index\.html$/.test(f);
      expect(scripted(text), f).toEqual(search ? ['<script>'] : []);
      expect(text, f).not.toContain('CANARY');
    }
  });

  test('the chart shows the two days there are and says the rest have no data', async () => {
    const zh = await page('unit/210202001/index.html');
    const desc = zh.match(/<desc id="[^"]+">([^<]*)<\/desc>/)?.[1] ?? '';
    expect(desc).toContain('2020年2月2日');
    expect(desc).toContain('2020年2月3日');
    expect(desc).toContain('28 天无数据');
    const table = zh.slice(zh.indexOf('<div class="sr-only"><table>'));
    expect(rows(table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>')))).toHaveLength(30);
  });

  test('every unit page opens with one verdict line, the legend beside it, then what to act on', async () => {
    for (const rel of [
      'index.html',
      'district/210202/index.html',
      'unit/210202001/index.html',
      'en/district/210202/index.html',
    ]) {
      const html = await page(rel);
      expect(html.match(/data-verdict/g), rel).toHaveLength(1);
      const verdict = html.indexOf('data-verdict');
      const legend = html.indexOf('class="legend');
      const act = html.indexOf('id="act-now"');
      expect(verdict, rel).toBeGreaterThan(html.indexOf('<h1'));
      expect(legend, rel).toBeGreaterThan(verdict);
      expect(act, rel).toBeGreaterThan(legend);
      // Score and band in the verdict, with the band's word, never colour alone.
      expect(html.slice(verdict, legend), rel).toMatch(/data-band="(green|yellow|red|none)"/);
      expect(html.slice(verdict, legend), rel).toMatch(/class="band-label"/);
    }
    // A single district has no peers to be ranked among; its only failure is waived: nothing to do.
    const district = await page('district/210202/index.html');
    expect(district).not.toContain('data-rank');
    expect(district).toContain('无需整改：没有不合格或缺报。');
    expect(district).not.toContain('data-act-now');
  });

  test('sections with nothing in them collapse into one line', async () => {
    const street = await page('unit/210202001/index.html');
    // No failures or missing reports that day (the one finding is waived): one line names both.
    expect(street).not.toContain('<section aria-labelledby="failures"');
    expect(street).not.toContain('<section aria-labelledby="missing"');
    expect(street).toMatch(
      /<span id="failures"><\/span><span id="missing"><\/span>当日无：不合格检查和缺报。/,
    );
    // The waived section, with something in it, keeps its heading and folds its findings.
    expect(section(street, 'waived')).toMatch(/<details>/);
  });

  test('without departments there are no department pages, sections or link', async () => {
    expect(existsSync(path.join(out, 'departments'))).toBe(false);
    expect(existsSync(path.join(out, 'en/departments'))).toBe(false);
    for (const rel of ['index.html', 'district/210202/index.html', 'en/index.html']) {
      const html = await page(rel);
      expect(html, rel).not.toContain('departments/"');
      expect(html, rel).not.toContain('aria-labelledby="departments"');
    }
  });
});
