/**
 * "Find my unit": the Pagefind index the build writes (scripts/search-index.mjs), built from
 * records like the site's and queried in Node through Pagefind's own JS API, as the search page
 * queries it in a browser.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSearchIndex } from '../../scripts/search-index.mjs';
import { recordContent } from '../../src/lib/search-content';
import { searchBundle } from '../pagefind-node';

const records = [
  ['/district/210202/', '中山区', '210202', 'zh', '区县', '大连市'],
  ['/unit/210202001/', '桃源街道', '210202001', 'zh', '街道', '中山区'],
  [
    '/district/210202/#community-210202001002',
    '青泥洼桥社区',
    '210202001002',
    'zh',
    '社区',
    '桃源街道',
  ],
  ['/en/district/210202/', 'Zhongshan District', '210202', 'en', 'district', 'Dalian'],
  ['/en/unit/210202001/', 'Taoyuan Subdistrict', '210202001', 'en', 'street', 'Zhongshan District'],
].map(([url, name, code, language, level, parent]) => ({
  url: url as string,
  content: recordContent(name as string, code as string),
  language: language as string,
  meta: {
    title: name as string,
    code: code as string,
    level: level as string,
    parent: parent as string,
  },
}));

let dir = '';
let written: string[] = [];

const search = (lang: string, query: string) =>
  searchBundle(path.join(dir, 'pagefind'), lang, query);

describe('search index', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shoutu-search-'));
    written = await writeSearchIndex(records, path.join(dir, 'pagefind'));
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('holds the JS API and one index per language, not the default UI', () => {
    expect(written).toContain('pagefind.js');
    expect(written.some((f) => /^pagefind\.zh_.*\.pf_meta$/.test(f))).toBe(true);
    expect(written.some((f) => /^pagefind\.en_.*\.pf_meta$/.test(f))).toBe(true);
    expect(written.filter((f) => /ui|highlight/.test(f))).toEqual([]);
    expect(readdirSync(path.join(dir, 'pagefind')).sort()).toEqual(
      [...new Set(written.map((f) => f.split('/')[0]))].sort(),
    );
  });

  test('finds a unit by part of its Chinese name, or by the start of its code', async () => {
    // The unit itself first; then the units within it (the unit above is in their records too).
    expect(await search('zh-CN', '桃源')).toEqual([
      ['/unit/210202001/', '桃源街道'],
      ['/district/210202/#community-210202001002', '青泥洼桥社区'],
    ]);
    expect(await search('zh-CN', '深圳')).toEqual([]);
    // A part of a name the segmenter splits otherwise than the name.
    expect(await search('zh-CN', '泥洼')).toEqual([
      ['/district/210202/#community-210202001002', '青泥洼桥社区'],
    ]);
    expect(await search('zh-CN', '洼桥')).toEqual([
      ['/district/210202/#community-210202001002', '青泥洼桥社区'],
    ]);
    const byCode = await search('zh-CN', '2102020010');
    expect(byCode).toEqual([['/district/210202/#community-210202001002', '青泥洼桥社区']]);
  });

  test('each language searches its own index', async () => {
    expect(await search('en', 'Taoyuan')).toEqual([['/en/unit/210202001/', 'Taoyuan Subdistrict']]);
    expect(await search('en', '桃源')).toEqual([]);
  });

  test('the same records give the same bytes', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'shoutu-search-'));
    try {
      const files = await writeSearchIndex(records, path.join(again, 'pagefind'));
      expect(files).toEqual(written);
      for (const f of files)
        expect(
          readFileSync(path.join(again, 'pagefind', f)).equals(
            readFileSync(path.join(dir, 'pagefind', f)),
          ),
          f,
        ).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 60_000);
});
