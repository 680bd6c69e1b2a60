import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { parsed } from './helpers';

/**
 * The page frame on the mini fixture's site (test/global-setup.ts): provenance in the footer of
 * every page, the running header of printed pages, the 404 page, no relative alternates when the
 * site's address is unknown, and the rules area built from the rule files.
 */
describe('the page frame', () => {
  let out: string;
  let pages: string[];
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  let city: { rulesHash: string };

  beforeAll(async () => {
    out = inject('siteMini');
    pages = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
    const results = path.join(inject('projectMini'), 'data/results');
    const days = (await readdir(results)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
    city = JSON.parse(
      await readFile(path.join(results, days[days.length - 1] ?? '', 'index.json'), 'utf8'),
    );
  });

  test('every page carries its provenance once, closed, in the footer and not at the top', async () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const f of pages) {
      const html = await page(f);
      const footer = html.slice(html.indexOf('<footer'));
      const main = html.slice(0, html.indexOf('<footer'));
      expect(footer.match(/<details[^>]*data-provenance/g), f).toHaveLength(1);
      expect(footer, f).toMatch(/<details class="stamp" data-provenance>/);
      expect(main, f).not.toContain('data-provenance');
      // The hashes are inside the details, not in the page's body.
      expect(main, f).not.toContain(`<code>${city.rulesHash}</code>`);
      expect(footer, f).toContain(`<code>${city.rulesHash}</code>`);
    }
    const zh = await page('district/210202/index.html');
    const summary = /<summary>([\s\S]*?)<\/summary>/.exec(zh.slice(zh.indexOf('data-provenance')));
    expect(parsed(summary?.[1] ?? '').text.trim()).toBe('数据版本：2020年2月3日，第1版');
  });

  test('printed, every page names its unit (or heading) and day in a running header', async () => {
    for (const f of pages.filter((p) => p !== '404.html')) {
      const html = await page(f);
      expect(html, f).toMatch(/<html lang="[^"]+" style="--print-head: &#34;[^"]+&#34;"/);
    }
    const zh = await page('district/210202/index.html');
    expect(zh).toMatch(/style="--print-head: &#34;中山区[^"]* · 2020年2月3日&#34;"/);
    // A name carrying markup and quotes stays text inside the CSS string.
    const en = await page('en/unit/210202001/index.html');
    const style = /<html lang="en" style="([^"]*)"/.exec(en)?.[1] ?? '';
    expect(style).toContain('Haijun Square \\3c script\\3e alert(2)\\3c /script\\3e ');
    expect(style).toContain(' · 3 February 2020&#34;');
    expect(style).not.toContain('<');
    // The stylesheet prints it in the page's top margin on every page.
    const css = (await readdir(path.join(out, '_astro'))).filter((f) => f.endsWith('.css'));
    const all = (
      await Promise.all(css.map((f) => readFile(path.join(out, '_astro', f), 'utf8')))
    ).join('');
    expect(all).toMatch(/@top-left\{content:var\(--print-head,\s*""\)/);
    expect(all).toMatch(/@bottom-right\{content:counter\(page\) " \/ " counter\(pages\)/);
  });

  test('without SHOUTU_SITE, no canonical and no hreflang alternates (relative ones are invalid)', async () => {
    for (const f of pages) {
      const html = await page(f);
      expect(html, f).not.toContain('rel="canonical"');
      expect(html, f).not.toContain('rel="alternate"');
    }
  });

  test('a 404 page in every language of the project, linking home from any depth', async () => {
    const html = await page('404.html');
    const { text } = parsed(html);
    expect(text).toContain('页面不存在');
    expect(text).toContain('Page not found');
    // The English part says it is English; links are absolute from the base.
    expect(html).toMatch(/<section lang="en" aria-labelledby="nf-en">/);
    expect(html).toContain('href="/en/"');
    expect(html).toContain('href="/rules/"');
    expect(html).not.toMatch(/href="\.\.?\//);
  });

  test('astro.config serves /district/210202 without the slash as the page (preview) and links keep it', async () => {
    const config = await readFile(path.resolve(import.meta.dirname, '../astro.config.mjs'), 'utf8');
    expect(config).toContain("trailingSlash: 'ignore'");
    expect(config).toContain("build: { format: 'directory' }");
    const zh = await page('index.html');
    expect(zh).toContain('href="/district/210202/"');
  });

  test('the daily workflow gives the build the address GitHub Pages serves the site at', async () => {
    // The workflow sits at the top of the checkout: found by walking up from the site's folder
    // (the test reads no data/ or rules/ of the repository).
    let dir = path.resolve(import.meta.dirname);
    while (!existsSync(path.join(dir, '.github/workflows/daily.yml')) && path.dirname(dir) !== dir)
      dir = path.dirname(dir);
    const workflow = await readFile(path.join(dir, '.github/workflows/daily.yml'), 'utf8');
    expect(workflow).toContain('uses: actions/configure-pages@v5');
    expect(workflow).toMatch(/SHOUTU_SITE: \$\{\{ steps\.pages\.outputs\.base_url \}\}\//);
    expect(workflow).toMatch(/SHOUTU_BASE: \$\{\{ steps\.pages\.outputs\.base_path \}\}\//);
  });
});

describe('the rules area', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(() => {
    out = inject('siteMini');
  });

  test('a rule page says its conditions in words, its deadline and its clause in the page’s language', async () => {
    const zh = await page('rules/prevention.grid-screening/index.html');
    expect(zh).toContain('data-conditions');
    expect(zh).toMatch(/data-deadline="(seed|assumed|none)"/);
    expect(parsed(zh).text).toContain('整改时限');
    const en = await page('en/rules/prevention.grid-screening/index.html');
    expect(parsed(en).text).toContain('What it checks');
    expect(parsed(en).text).toContain('Deadline');
  });

  test('the catalog lists the rules of the rule files with their deadlines', async () => {
    const en = await page('en/rules/index.html');
    expect(en).toContain('data-rule="prevention.grid-screening"');
    expect(en).toContain('href="/en/rules/prevention.grid-screening/"');
    expect(existsSync(path.join(out, 'en/rules/prevention.grid-screening/index.html'))).toBe(true);
  });
});
