import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { parsed, scripted } from './helpers';

/** Names of the mini fixture that carry markup (test/global-setup.ts): each must show as text. */
const MARKUP_NAMES = [
  'Zhongshan <script>alert(1)</script>',
  'Haijun Square <script>alert(2)</script>',
  'Grid 1 "><img src=x onerror=alert(3)>',
];

/** End to end: a small project's reports → evaluate → the Astro build (test/global-setup.ts). */
describe('end-to-end build of a small project', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(() => {
    out = inject('siteMini');
  });

  test('writes the index and a page per district in both languages', async () => {
    const files = (await readdir(out, { recursive: true }))
      .filter((f) => f.endsWith('.html'))
      .sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'district/210202/index.html',
        'en/index.html',
        'en/district/210202/index.html',
      ]),
    );
    const zh = await page('district/210202/index.html');
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain('中山区');
    expect(zh).toContain('2020-02-03');
    const en = await page('en/district/210202/index.html');
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Zhongshan');
  });

  test('text from data is escaped, and personal fields never reach a page', async () => {
    let all = '';
    for (const f of await readdir(out, { recursive: true }))
      if (f.endsWith('.html')) all += await page(f);
    expect(all).not.toContain('<script>alert(1)</script>');
    expect(await page('en/district/210202/index.html')).toContain(
      'Zhongshan &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(all).not.toContain('CANARY');
  });

  test('names with markup show as text, and no page has an element or handler they would make', async () => {
    const pages = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'));
    let shown = '';
    for (const f of pages) {
      const { elements, text } = parsed(await page(f));
      shown += text;
      const search = /^(?:[a-z]+\/)?search\/index\.html$/.test(f);
      for (const e of elements) {
        // The pages load no script (but the search page its own module) and show no image; no
        // attribute of any element is a handler.
        if (!search) expect(e.tagName, f).not.toBe('script');
        else if (e.tagName === 'script')
          expect(e.attrs, f).toEqual([{ name: 'type', value: 'module' }]);
        expect(e.tagName, f).not.toBe('img');
        for (const a of e.attrs)
          expect(a.name, `${f}: <${e.tagName} ${a.name}>`).not.toMatch(/^on/i);
      }
    }
    // Where a name is shown, it is the name itself, read as text.
    for (const name of MARKUP_NAMES) expect(shown, name).toContain(name);
    const street = parsed(await page('en/unit/210202001/index.html'));
    expect(street.text).toContain('Haijun Square <script>alert(2)</script>');
    expect(street.text).toContain('Grid 1 "><img src=x onerror=alert(3)>');
    // As Astro escapes text and attribute values.
    const raw = await page('en/unit/210202001/index.html');
    expect(raw).toContain('Grid 1 &quot;&gt;&lt;img src=x onerror=alert(3)&gt;');
    expect(raw).not.toContain('"><img');
  });

  test('a build into another folder (SHOUTU_SITE_OUT) holds no server modules', async () => {
    // Astro puts its server chunks into .astro for an output outside the working directory, and
    // copied content-assets.mjs and content-modules.mjs from there into the site.
    const modules = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.mjs'));
    expect(modules).toEqual([]);
  });

  test('pages load no JavaScript, but for the search page', async () => {
    // As a browser parses them: a name carrying `<script>` inside an attribute value is text.
    for (const f of await readdir(out, { recursive: true }))
      if (f.endsWith('.html') && !/^(?:[a-z]+\/)?search\/index\.html$/.test(f))
        expect(scripted(await page(f)), f).toEqual([]);
    // The search page: its one module, no handler attribute.
    for (const f of ['search/index.html', 'en/search/index.html'])
      expect(scripted(await page(f)), f).toEqual(['<script>']);
  });

  test('bands, their thresholds and the scoring method come from the results', async () => {
    const zh = await page('index.html');
    expect(zh).toContain('得分 ≥ 95');
    expect(zh).toContain('60 ≤ 得分 &lt; 95');
    expect(zh).toContain('评分方法 weighted/1');
    // 100 with a waived missing report: green, by the band in the summary.
    expect(zh).toContain('band band-green">100.0');
    const en = await page('en/index.html');
    expect(en).toContain('score ≥ 95');
    expect(en).toContain('How scores are computed');
    expect(en).toContain('A missing report counts as a failure.');
  });

  test('the city page shows trends; a waived failure is not among the longest running', async () => {
    const zh = await page('index.html');
    // 50 on the first day, 100 on the second.
    expect(zh).toContain('trend trend-up">+50.0');
    // The only failure of the day is waived: accepted, so not listed as needing attention.
    expect(zh).toContain('当日没有持续中的不合格或缺报。');
    expect(zh).not.toContain('/district/210202/#waived-prevention-grid-screening');
  });

  test('the district page lists the waivers in force; the waived finding is on its street page', async () => {
    const zh = await page('district/210202/index.html');
    // Below the district, findings are on their units' pages: the district sums them.
    expect(zh).not.toContain('id="waived-prevention-grid-screening"');
    expect(await page('unit/210202001/index.html')).toContain(
      'id="waived-prevention-grid-screening"',
    );
    expect(zh).toContain('测试豁免理由');
    expect(zh).toContain('中山区疫情防控指挥部办公室');
    expect(zh).toContain('data/waivers/test.json:');
    const en = await page('en/district/210202/index.html');
    expect(await page('en/unit/210202001/index.html')).toContain('missing (waived)');
    expect(en).toContain('A test waiver reason');
    expect(en).toContain('Waivers in force (1)');
  });
});
