import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatBytes, LIMITS } from '@shoutu/core';
import { expect, it } from 'vitest';
import { REPO } from './helpers.js';

/** The repository's README (a sample test: it reads the repository, not a fixture). */
const README = path.join(REPO, 'README.md');

const section = (readme: string) => {
  const start = readme.indexOf('\n## Limits\n');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
};

it("the README's Limits table lists every value of LIMITS, as the code has it", () => {
  const table = section(readFileSync(README, 'utf8'));
  const rows = table.split('\n').filter((l) => l.startsWith('| `'));
  const names = rows.map((r) => /^\| `([^`]+)`/.exec(r)?.[1]);
  expect(names.sort()).toEqual(Object.keys(LIMITS).sort());
  for (const [name, value] of Object.entries(LIMITS)) {
    const row = rows.find((r) => r.startsWith(`| \`${name}\``)) ?? '';
    const cells = row.split('|').map((c) => c.trim());
    const written = /Bytes$/.test(name) ? formatBytes(value) : value.toLocaleString('en');
    expect(cells[2], name).toBe(written);
  }
  expect(table).toMatch(/`\.gitkeep` is the one name\s+ignored on purpose/);
});
