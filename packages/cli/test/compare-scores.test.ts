import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipCsv } from '@shoutu/core/snapshot';
import { afterEach, expect, test } from 'vitest';
import { compareResults } from '../scripts/compare-scores.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const summary = (score: number) => ({
  score,
  band: score >= 90 ? 'green' : 'red',
  areas: { a: score },
  counts: { pass: 1, fail: 0, missing: 0, waived: 0, notApplicable: 0, error: 0 },
});

/** A results folder of one day: a city of one district with one unit and one finding. */
function folder(unitScore: number, status: string, extra: object = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shoutu-compare-'));
  dirs.push(dir);
  mkdirSync(join(dir, '2021-01-01'));
  const index = {
    summary: summary(95),
    districts: [{ code: '01', summary: summary(95) }],
    ...extra,
  };
  writeFileSync(join(dir, '2021-01-01', 'index.json'), JSON.stringify(index));
  writeFileSync(
    join(dir, '2021-01-01', '01.json'),
    JSON.stringify({
      summary: summary(95),
      units: [{ code: '0101', summary: summary(unitScore) }],
      places: [],
      findings: [{ rule: 'r', subject: '0101', status }],
    }),
  );
  return dir;
}

test('the same scores and findings in two formats compare equal', () => {
  expect(compareResults(folder(80, 'fail'), folder(80, 'fail', { territory: {} }))).toEqual([]);
});

test('a changed unit score and a changed finding are both named', () => {
  const out = compareResults(folder(80, 'fail'), folder(81, 'missing'));
  expect(out[0]).toBe('2021-01-01:');
  expect(out.some((l) => l.startsWith('  score of unit 0101:') && l.includes('"score":81'))).toBe(
    true,
  );
  expect(out).toContain('  finding r 0101: fail → missing');
});

/** The same day in format 4 (or 5): the unit, places and finding in the district's CSV files. */
function folder4(unitScore: number, status: string, format: 4 | 5 = 4): string {
  const dir = mkdtempSync(join(tmpdir(), 'shoutu-compare-'));
  dirs.push(dir);
  mkdirSync(join(dir, '2021-01-01'));
  const index = {
    schema: format,
    summary: summary(95),
    districts: [{ code: '01', summary: summary(95) }],
  };
  writeFileSync(join(dir, '2021-01-01', 'index.json'), JSON.stringify(index));
  writeFileSync(join(dir, '2021-01-01', '01.json'), JSON.stringify({ summary: summary(95) }));
  const five = format === 5;
  const head = `score,band,capped,criticalFailures,${five ? 'criticalChecks,overdue,' : ''}pass,fail,missing,waived,notApplicable,error,area:a`;
  const band = unitScore >= 90 ? 'green' : 'red';
  writeFileSync(
    join(dir, '2021-01-01', '01.units.csv.gz'),
    gzipCsv(
      `code,level,parent,name:en,${head},change,week,month,lost,ownLost\n` +
        `0101,grid,01,Grid,${unitScore},${band},false,0,${five ? '1,0,' : ''}1,0,0,0,0,0,${unitScore},,,,0,0\n`,
    ),
  );
  writeFileSync(
    join(dir, '2021-01-01', '01.places.csv.gz'),
    gzipCsv(`id,grid,type,department,name:en,${head},lost\n`),
  );
  writeFileSync(
    join(dir, '2021-01-01', '01.findings.csv.gz'),
    gzipCsv(
      five
        ? `rule,subject,status,outcome,streak,due,overdue_days,message,conditions,sources,blank\nr,0101,${status},,1,2021-01-01,0,,,,\n`
        : `rule,subject,status,outcome,streak,message,conditions,sources,blank\nr,0101,${status},,,,,,\n`,
    ),
  );
  return dir;
}

test('format 3 and format 4 folders compare by their content', () => {
  expect(compareResults(folder(80, 'fail'), folder4(80, 'fail'))).toEqual([]);
  const out = compareResults(folder(80, 'fail'), folder4(81, 'missing'));
  expect(out.some((l) => l.startsWith('  score of unit 0101:') && l.includes('"score":81'))).toBe(
    true,
  );
  expect(out).toContain('  finding r 0101: fail → missing');
});

test('format 4 and format 5 folders compare by what both have', () => {
  expect(compareResults(folder4(80, 'fail'), folder4(80, 'fail', 5))).toEqual([]);
  const out = compareResults(folder4(80, 'fail'), folder4(79, 'fail', 5));
  expect(out.some((l) => l.startsWith('  score of unit 0101:') && l.includes('"score":79'))).toBe(
    true,
  );
});
