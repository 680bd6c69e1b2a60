/** The site's languages: from the results, the first unprefixed. No build. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { localePaths } from '../src/lib/locale-paths';
import { languagesOf } from '../src/lib/locales';

const dir = mkdtempSync(path.join(tmpdir(), 'shoutu-locales-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function day(name: string, index: unknown) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, 'index.json'), JSON.stringify(index));
}

test('the languages of the latest day’s results, when they say', () => {
  day('2021-05-01', { territory: { languages: ['en', 'zh'] } });
  day('2021-05-02', { territory: { languages: ['fr'] } });
  expect(languagesOf(dir)).toEqual(['fr']);
});

test('without readable results, one placeholder language: the build then stops on the results', () => {
  expect(languagesOf(path.join(dir, 'none'))).toEqual(['en']);
  day('2021-05-03', { city: {} });
  expect(languagesOf(dir)).toEqual(['en']);
});

test('every page in every language: the first unprefixed, each with its language', () => {
  // The site's languages are those of the results it is built from.
  const results = mkdtempSync(path.join(tmpdir(), 'shoutu-locales-results-'));
  mkdirSync(path.join(results, '2021-05-01'));
  writeFileSync(
    path.join(results, '2021-05-01', 'index.json'),
    JSON.stringify({ territory: { languages: ['zh', 'en'] } }),
  );
  vi.stubEnv('SHOUTU_RESULTS_DIR', results);
  try {
    expect(localePaths([{ params: { code: '1' }, props: { x: 1 } }])).toEqual([
      { params: { code: '1', lang: undefined }, props: { x: 1, locale: 'zh' } },
      { params: { code: '1', lang: 'en' }, props: { x: 1, locale: 'en' } },
    ]);
    expect(localePaths()).toEqual([
      { params: { lang: undefined }, props: { locale: 'zh' } },
      { params: { lang: 'en' }, props: { locale: 'en' } },
    ]);
  } finally {
    vi.unstubAllEnvs();
    rmSync(results, { recursive: true, force: true });
  }
});
