import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { REPO } from './helpers.js';

/**
 * `pnpm test` must pass with any valid project in data/ and rules/, apart from the tests that say
 * they check the committed sample (`*.sample.test.ts`). So no other test file may name the
 * repository's root (REPO, or a path climbing to it), from where it would reach data/ or rules/.
 */
test('only *.sample.test.ts files reach the repository’s own data/ and rules/', async () => {
  const dirs = [
    'packages/core/test',
    'packages/engine/test',
    'packages/cli/test',
    'apps/site/test',
  ];
  const offenders: string[] = [];
  let checked = 0;
  for (const dir of dirs)
    for (const f of await readdir(path.join(REPO, dir), { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.test.ts') || f.endsWith('.sample.test.ts') || f.includes('fixtures/'))
        continue;
      if (f === 'independence.test.ts' && dir === 'packages/cli/test') continue;
      checked++;
      const text = await readFile(path.join(REPO, dir, f), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/\bREPO\b|\.\.\/\.\.\/\.\.|'\.\.', '\.\.', '\.\.'/.test(line))
          offenders.push(`${dir}/${f}:${i + 1}: ${line.trim()}`);
      });
    }
  expect(checked).toBeGreaterThan(15);
  expect(offenders).toEqual([]);
});
