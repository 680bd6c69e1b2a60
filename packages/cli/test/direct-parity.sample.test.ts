/**
 * SAMPLE TEST: checks the repository's committed sample (data/ and rules/), not the code alone.
 * It fails when another project is put in data/ and rules/; every other test runs on fixtures.
 */
import { expect, test } from 'vitest';
import { REPO } from './helpers.js';
import { compareCompiled, comparePredicates } from './parity.js';

test('plain predicates (the benchmark’s limit) agree with json-rules-engine on every check of a sample day', async () => {
  expect(await comparePredicates(REPO, ['2020-03-24'])).toBeGreaterThan(5000);
}, 60_000);

test('compiled checks give json-rules-engine’s finding on every check of every sample day', async () => {
  expect(await compareCompiled(REPO)).toBeGreaterThan(100_000);
}, 600_000);
