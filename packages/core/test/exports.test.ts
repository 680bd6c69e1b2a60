/**
 * The packages publish explicit lists (docs/design/authors.md §7, stream G): no `export *`, so a
 * helper written for one module does not become public API by being exported from it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@shoutu/core';
import { describe, expect, test } from 'vitest';

describe('explicit exports', () => {
  test('index.ts lists what it exports', () => {
    const text = readFileSync(path.join(import.meta.dirname, '../src/index.ts'), 'utf8');
    expect(text.match(/^export \*.*$/gm) ?? []).toEqual([]);
  });

  test('internals stay inside the package', () => {
    for (const name of [
      'positionAt',
      'lineStartsOf',
      'describeIssue',
      'areaWeight',
      'RENAMED_RESPONSIBLE',
    ])
      expect(Object.keys(core)).not.toContain(name);
  });

  test('what the other packages use is there', () => {
    for (const name of [
      'Rule',
      'RESPONSIBLE',
      'responsibleParties',
      'formatQuantity',
      'factsOf',
      'PROBLEM_CODES',
    ])
      expect(Object.keys(core)).toContain(name);
  });
});
