/**
 * SAMPLE TEST: checks the repository's committed sample (data/), not the code alone: that it is
 * exactly what `shoutu sample` writes. It fails when another project is put in data/; every other
 * test runs on fixtures.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SAMPLE, generateSample } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { REPO } from './helpers.js';

describe('the committed sample', () => {
  test('is exactly what the generator writes', async () => {
    const files = generateSample(DEFAULT_SAMPLE);
    for (const [rel, body] of files)
      expect(await readFile(path.join(REPO, 'data', rel), 'utf8'), rel).toBe(body);
  });
});
