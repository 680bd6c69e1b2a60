import path from 'node:path';
import { expect, test } from 'vitest';
import { FIXTURES } from './helpers.js';
import { compareCompiled, comparePredicates } from './parity.js';

test('plain predicates (the benchmark’s limit) agree with json-rules-engine on every check of the mini fixture', async () => {
  // Two grids on two days; one row unreadable, so three checks have facts.
  expect(await comparePredicates(path.join(FIXTURES, 'mini'))).toBe(3);
});

test('compiled checks give json-rules-engine’s finding on every check of the mini fixture', async () => {
  expect(await compareCompiled(path.join(FIXTURES, 'mini'))).toBeGreaterThan(0);
});
