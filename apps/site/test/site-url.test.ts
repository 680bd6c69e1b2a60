import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';

const SITE = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/**
 * The mini fixture's site built as GitHub Pages serves a project site: with its address
 * (SHOUTU_SITE) and under a base path (SHOUTU_BASE). Canonical links and hreflang alternates are
 * then absolute URLs under that address, and the 404 page links from the base.
 */
describe('a site with a known address, under a base path', () => {
  let work: string;
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(async () => {
    const project = inject('projectMini');
    work = await mkdtemp(path.join(tmpdir(), 'shoutu-site-url-'));
    out = path.join(work, 'out');
    await run(
      process.execPath,
      ['--conditions=@shoutu/source', '--import', 'tsx', path.join(SITE, 'scripts/build.mjs')],
      {
        cwd: SITE,
        env: {
          // Without the variables vitest sets for its own modules (BASE_URL, MODE, DEV, PROD, SSR,
          // NODE_ENV): Astro's build would read them as the site's own.
          ...Object.fromEntries(
            Object.entries(process.env).filter(
              ([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*)$/.test(k),
            ),
          ),
          SHOUTU_ROOT: project,
          SHOUTU_RESULTS_DIR: path.join(project, 'data/results'),
          SHOUTU_SITE_OUT: out,
          SHOUTU_ARCHIVE_CACHE: path.join(work, 'cache'),
          SHOUTU_SITE: 'https://example.github.io/shoutu/',
          SHOUTU_BASE: '/shoutu/',
        },
        maxBuffer: 64 << 20,
      },
    );
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('every page has an absolute canonical link to itself and absolute alternates in each language', async () => {
    const zh = await page('district/210202/index.html');
    expect(zh).toContain(
      '<link rel="canonical" href="https://example.github.io/shoutu/district/210202/">',
    );
    expect(zh).toContain(
      '<link rel="alternate" hreflang="zh-CN" href="https://example.github.io/shoutu/district/210202/">',
    );
    expect(zh).toContain(
      '<link rel="alternate" hreflang="en" href="https://example.github.io/shoutu/en/district/210202/">',
    );
    const en = await page('en/rules/index.html');
    expect(en).toContain(
      '<link rel="canonical" href="https://example.github.io/shoutu/en/rules/">',
    );
    for (const f of (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'))) {
      const html = await page(f);
      for (const m of html.matchAll(/<link rel="(?:canonical|alternate)"[^>]*href="([^"]*)"/g))
        expect(m[1], f).toMatch(/^https:\/\/example\.github\.io\/shoutu\//);
    }
  });

  test('the 404 page has no canonical (it has no address of its own) and links from the base', async () => {
    const html = await page('404.html');
    expect(html).not.toContain('rel="canonical"');
    expect(html).not.toContain('rel="alternate"');
    expect(html).toContain('href="/shoutu/en/"');
    expect(html).toContain('href="/shoutu/rules/"');
  });
});
