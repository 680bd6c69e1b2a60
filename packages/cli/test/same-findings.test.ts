import { gzipCsv } from '@shoutu/core/snapshot';
import { expect, test } from 'vitest';
import { sameFindings } from '../src/snapshots.js';

/** A day's files as format 4 writes them, made by `rules` at `revision`. */
const day = (rules: string, revision: number, findings = 'rule,subject,status\nr,1,fail\n') => ({
  '01.findings.csv.gz': gzipCsv(findings),
  'index.json': `${JSON.stringify({ schema: 4, revision, rulesHash: rules, summary: { score: 50 }, files: { '01.json': `${rules}${revision}`.padEnd(64, '0'), '01.findings.csv.gz': 'f'.repeat(64) } })}\n`,
  '01.json': `${JSON.stringify({ schema: 4, revision, rulesHash: rules, summary: { score: 50 } })}\n`,
});

test('a day made by other rules or at another revision, finding the same, is the same', () => {
  // The district file's stamp differs, and so does its hash in the index: neither counts.
  expect(sameFindings(day('a', 1), day('b', 2))).toBe(true);
});

test('a changed cell of a CSV file, or a changed score, makes it a different day', () => {
  expect(sameFindings(day('a', 1), day('a', 1, 'rule,subject,status\nr,1,missing\n'))).toBe(false);
  const other = day('a', 1);
  other['01.json'] = other['01.json'].replace('"score":50', '"score":51');
  expect(sameFindings(day('a', 1), other)).toBe(false);
});

test('a file more or less makes it a different day', () => {
  expect(sameFindings(day('a', 1), { ...day('a', 1), '01.units.csv.gz': gzipCsv('code\n') })).toBe(
    false,
  );
});
