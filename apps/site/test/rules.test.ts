import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CityResults, textIn } from '@shoutu/core';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { html } from './helpers';

/**
 * The rules area and the city page's tile map on the mini fixture's site (test/global-setup.ts).
 * The tile map's layout is tested on its view model (test/views/city.test.ts).
 */

describe('rules area on the mini fixture', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(() => {
    out = inject('siteMini');
  });

  test('a waived finding is listed with its waiver; names from data are escaped', async () => {
    const zh = await page('rules/prevention.grid-screening/index.html');
    expect(zh).toContain('缺报（已豁免）');
    expect(zh).toContain('测试豁免理由');
    // Linked where it is listed: the page of the street its grid is in.
    expect(zh).toContain('/unit/210202001/#waived-prevention-grid-screening');
    const en = await page('en/rules/prevention.grid-screening/index.html');
    expect(en).toContain('missing (waived)');
    expect(en).toContain('Zhongshan &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(en).not.toContain('<script>alert(1)</script>');
  });

  test('the tile map places a single known district and escapes its name', async () => {
    const en = await page('en/index.html');
    const map = en.match(/<ul class="tilemap"[\s\S]*?<\/ul>/)?.[0] ?? '';
    expect(map).toContain('--tile-cols:1;--tile-rows:1');
    expect(map).toContain('href="/en/district/210202/"');
    expect(map).toContain('Zhongshan &lt;script&gt;');
  });

  test('the catalog and the city page link every rule of the results, each with its page', async () => {
    // The rules are those of the results the site was built from, whatever the project's are.
    const results = path.join(inject('projectMini'), 'data/results');
    const day = readdirSync(results)
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
      .sort()
      .at(-1)!;
    const city: CityResults = JSON.parse(
      readFileSync(path.join(results, day, 'index.json'), 'utf8'),
    );
    expect(city.rules.length).toBeGreaterThan(0);
    for (const [prefix, lang] of [
      ['', 'zh'],
      ['en/', 'en'],
    ] as const) {
      const catalog = await page(`${prefix}rules/index.html`);
      const home = await page(`${prefix}index.html`);
      for (const rule of city.rules) {
        expect(catalog, rule.id).toContain(`href="/${prefix}rules/${rule.id}/"`);
        expect(catalog, rule.id).toContain(html(textIn(rule.title, lang)));
        expect(home, rule.id).toContain(`href="/${prefix}rules/${rule.id}/"`);
        expect(await page(`${prefix}rules/${rule.id}/index.html`)).toContain(
          html(textIn(rule.title, lang)),
        );
      }
    }
  });

  test('no page of the rules area carries personal data', async () => {
    for (const f of await readdir(out, { recursive: true }))
      if (f.endsWith('.html') && f.includes('rules/'))
        expect(await page(f), f).not.toContain('CANARY');
  });
});
