/** @shoutu/engine publishes an explicit list (docs/design/authors.md §7, stream G). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as engine from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

describe('explicit exports', () => {
  test('index.ts lists what it exports', () => {
    const text = readFileSync(path.join(import.meta.dirname, '../src/index.ts'), 'utf8');
    expect(text.match(/^export \*.*$/gm) ?? []).toEqual([]);
  });

  test('internals stay inside the package, what the others use is there', () => {
    for (const name of ['round1', 'pointsOf', 'jreOperator', 'resolvePlainPath'])
      expect(Object.keys(engine)).not.toContain(name);
    for (const name of ['compileRule', 'evaluateDay', 'buildResults', 'runCase'])
      expect(Object.keys(engine)).toContain(name);
  });
});
