import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { REPO } from '../helpers.js';
import { ALL } from './cases/index.js';
import { GROUPS } from './corpus.js';

/** The README's "Bad-input corpus" section: its text up to the next section. */
function section(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Bad-input corpus\n');
  expect(start, 'README.md has a "## Bad-input corpus" section').toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

const count = (group: string) => ALL.filter((c) => c.group === group).length;

test('the README counts the cases of the corpus, in all and by group', () => {
  const text = section();
  const total = /\*\*([\d,]+) cases\*\*/.exec(text);
  expect(total?.[1]?.replace(/,/g, ''), 'the total in bold: **N cases**').toBe(String(ALL.length));
  const table = new Map<string, string>();
  for (const m of text.matchAll(/^\|\s*([^|]+?)\s*\|\s*([\d,]+)\s*\|/gm))
    table.set(m[1] ?? '', (m[2] ?? '').replace(/,/g, ''));
  const expected = new Map(GROUPS.map((g) => [g, String(count(g))]));
  expect(Object.fromEntries(table)).toEqual(Object.fromEntries(expected));
});

test('the corpus holds at least 150 cases, every group has cases, and names are unique', () => {
  expect(ALL.length).toBeGreaterThanOrEqual(150);
  for (const g of GROUPS) expect(count(g), g).toBeGreaterThan(0);
  const names = ALL.map((c) => `${c.group}: ${c.name}`);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});
