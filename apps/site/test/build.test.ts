import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '@shoutu/cli';
import { beforeAll, describe, expect, test } from 'vitest';

const SITE = path.resolve(import.meta.dirname, '..');
const FIXTURE = path.resolve(SITE, '../../packages/cli/test/fixtures/mini');
const quiet = { out: () => {}, err: () => {}, interactive: false };

/** End to end, once: a small project's reports → evaluate → the Astro build, into a temporary folder. */
describe('end-to-end build of a small project', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'shoutu-e2e-'));
    await cp(FIXTURE, root, { recursive: true });
    // A name with markup must reach the page as text.
    const registry = path.join(root, 'data/registry/registry.json');
    await writeFile(
      registry,
      (await readFile(registry, 'utf8')).replace(
        '"en": "Zhongshan"',
        '"en": "Zhongshan <script>alert(1)</script>"',
      ),
    );
    expect(await main(['--root', root, 'evaluate'], quiet)).toBe(0);
    out = path.join(root, 'site');
    await promisify(execFile)(process.execPath, [path.join(SITE, 'scripts/build.mjs')], {
      cwd: SITE,
      env: {
        ...process.env,
        SHOUTU_RESULTS_DIR: path.join(root, 'data/results'),
        SHOUTU_SITE_OUT: out,
      },
    });
  }, 180_000);

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
});
