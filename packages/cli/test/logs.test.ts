import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, type Problem } from '@shoutu/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { EvaluateJson } from '../src/json/evaluate.js';
import { outputJsonSchemas } from '../src/json/index.js';
import { ValidateJson } from '../src/json/validate.js';
import { planLog } from '../src/log.js';
import { type Fixture, loadFixture } from './helpers.js';

/**
 * The daily log (docs/design/authors.md §5): a project with two published days that have bad
 * rows, and two new days with bad rows. Published days are summarised one line each, the new
 * ones listed in full, `--max-problems` keeps the newest, and no line says `error:` when nothing
 * but report rows went wrong.
 */
const HEADER = 'subject,submitted_at,households_visited,reporter_phone';
const G1 = '210202001001001';
const G2 = '210202001001002';
const report = (day: string) => `data/reports/${day}/grid-daily.210202.csv`;

async function publishedAndNew(): Promise<Fixture> {
  const fx = await loadFixture('mini');
  // 2020-02-02: one row set aside ("-3"), one blank value (a warning); 2020-02-03 has one already.
  await fx.write(
    report('2020-02-02'),
    `${HEADER}\n${G1},2020-02-02T10:00,-3,\n${G2},2020-02-02T13:00,,\n`,
  );
  const published = await fx.run('evaluate');
  expect(published.code, published.err).toBe(0);
  // Two new days, not yet published: 2020-02-04 with two rows set aside, 2020-02-05 with three
  // (and a good row each, so that they are evaluated).
  await fx.write(
    report('2020-02-04'),
    `${HEADER}\n${G1},2020-02-04T10:00,n/a,\n${G2},2020-02-04T10:00,many,\n${G1},2020-02-04T11:00,20,\n`,
  );
  await fx.write(
    report('2020-02-05'),
    `${HEADER}\n${G1},2020-02-05T10:00,x,\n${G2},2020-02-05T10:00,y,\n${G2},2020-02-05T11:00,z,\n${G1},2020-02-05T12:00,20,\n`,
  );
  return fx;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('the log of validate: published days a line each, today in full', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await publishedAndNew();
  });

  test('one line per published day, the new days in full, and no line says error:', async () => {
    const r = await fx.run('validate');
    expect(r.code).toBe(0);
    const err = lines(r.err);
    expect(err.slice(0, 2)).toEqual([
      '2020-02-02 (published): 1 row set aside, 1 warning — shoutu validate --day 2020-02-02 to list them',
      '2020-02-03 (published): 1 row set aside — shoutu validate --day 2020-02-03 to list them',
    ]);
    const listed = err.slice(2);
    expect(listed).toHaveLength(5);
    expect(listed[0]).toBe(
      `${report('2020-02-04')}:2:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "n/a"; the row was set aside`,
    );
    expect(listed.filter((l) => l.startsWith(report('2020-02-04')))).toHaveLength(2);
    expect(listed.filter((l) => l.startsWith(report('2020-02-05')))).toHaveLength(3);
    expect(`${r.out}\n${r.err}`).not.toMatch(/error:/);
    // Counted in the summary line, under the same words.
    expect(r.out).toContain('set aside: 0 files, 7 rows');
  });

  test('--max-problems keeps the newest day; the published days fold into one line', async () => {
    const r = await fx.run('--max-problems', '3', 'validate');
    expect(r.code).toBe(0);
    const err = lines(r.err);
    expect(err).toEqual([
      '2020-02-02 to 2020-02-03 (2 published days): 2 rows set aside, 1 warning — shoutu validate --day <day> to list one',
      ...[2, 3, 4].map((n) => expect.stringContaining(`${report('2020-02-05')}:${n}:`)),
      '… and 2 more of 2020-02-04 (the newest were kept; use --max-problems to see them)',
    ]);
  });

  test('--day lists one published day in full and no other', async () => {
    const r = await fx.run('validate', '--day', '2020-02-02');
    expect(r.code).toBe(0);
    expect(lines(r.err)).toEqual([
      `${report('2020-02-02')}:2:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "-3"; the row was set aside`,
      expect.stringMatching(
        new RegExp(`^${report('2020-02-02')}:3:households_visited: warning SHOUTU-D003: blank`),
      ),
    ]);
    const bad = await fx.run('validate', '--day', '2020-02-30');
    expect(bad.err).toContain('--day 2020-02-30: expected a day of the calendar');
    expect(bad.code).not.toBe(0);
  });

  test('--strict and --max-warnings fail on warnings; set-aside rows never do', async () => {
    // One warning (the blank value of 2020-02-02).
    const strict = await fx.run('validate', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('validation failed: 1 warning, and --strict allows none');
    expect((await fx.run('validate', '--max-warnings', '0')).code).toBe(1);
    expect((await fx.run('validate', '--max-warnings', '1')).code).toBe(0);
    // Without the warning, seven rows set aside still pass --strict.
    const clean = await loadFixture('mini');
    expect((await clean.run('validate', '--strict')).code).toBe(0);
  });

  test('--json: one object on stdout that both schemas accept, with every problem', async () => {
    const r = await fx.run('validate', '--json', '--max-problems', '1');
    expect(r.err).toBe('');
    const value = JSON.parse(r.out);
    const parsed = ValidateJson.parse(value);
    expect(parsed.exitCode).toBe(0);
    expect(parsed.problems).toHaveLength(8);
    expect(parsed.problems.filter((p) => p.setAside === 'row')).toHaveLength(7);
    expect(parsed.counts?.reports).toMatchObject({ setAsideRows: 7, setAsideFiles: 0 });
    expect(parsed.days.map((d) => [d.day, d.published, d.setAsideRows])).toEqual([
      ['2020-02-02', true, 1],
      ['2020-02-03', true, 1],
      ['2020-02-04', false, 2],
      ['2020-02-05', false, 3],
    ]);
    expect(validatesAgainstFile('validate.output.schema.json', value)).toEqual([]);
    const strict = JSON.parse((await fx.run('validate', '--json', '--strict')).out);
    expect(strict.exitCode).toBe(1);
  });
});

describe('validate --json on a project that cannot be used', () => {
  test('exit 1, the rule problem in the JSON, no counts, nothing else on stdout', async () => {
    const fx = await loadFixture('mini');
    const rule = 'rules/prevention/grid-screening.json';
    await fx.write(rule, (await fx.read(rule)).replace('"critical"', '"grave"'));
    const r = await fx.run('validate', '--json');
    expect(r.err).toBe('');
    const value = JSON.parse(r.out);
    const parsed = ValidateJson.parse(value);
    expect(parsed.exitCode).toBe(1);
    expect(r.code).toBe(1);
    expect(parsed.counts).toBeUndefined();
    expect(parsed.problems.some((p) => p.file === rule && p.severity === 'error')).toBe(true);
    expect(parsed.problems.every((p) => p.setAside === undefined)).toBe(true);
    expect(validatesAgainstFile('validate.output.schema.json', value)).toEqual([]);
    // Printed, the rule's error still says error: it is no input set aside.
    const printed = await fx.run('validate');
    expect(printed.err).toMatch(new RegExp(`^${rule}:\\d+:\\d+: error SHOUTU-[A-Z]\\d{3}: `, 'm'));
  });
});

describe('the log of evaluate', () => {
  test('the days it writes in full, the published days it reads a line each; --json', async () => {
    const fx = await publishedAndNew();
    const r = await fx.run('evaluate');
    expect(r.code).toBe(0);
    const err = lines(r.err);
    expect(err.filter((l) => l.startsWith(report('2020-02-04')))).toHaveLength(2);
    expect(err.filter((l) => l.startsWith(report('2020-02-05')))).toHaveLength(3);
    for (const l of err.filter((x) => x.startsWith('data/reports/')))
      expect(l).toContain(': set aside SHOUTU-D002: ');
    expect(`${r.out}\n${r.err}`).not.toMatch(/error:/);
    expect(r.out).toMatch(/^evaluated 2 days \(2020-02-04 to 2020-02-05\)/);

    const again = await loadFixture('mini');
    const json = await again.run('evaluate', '--json');
    expect(json.err).toBe('');
    const value = JSON.parse(json.out);
    const parsed = EvaluateJson.parse(value);
    expect(parsed.exitCode).toBe(0);
    expect(parsed.evaluated.map((d) => [d.day, d.outcome, d.revision])).toEqual([
      ['2020-02-02', 'written', 1],
      ['2020-02-03', 'written', 1],
    ]);
    expect(parsed.evaluated.every((d) => d.cityScore === null || typeof d.cityScore === 'number'));
    expect(parsed.problems).toEqual([
      expect.objectContaining({ file: report('2020-02-03'), line: 3, setAside: 'row' }),
    ]);
    expect(parsed.reports).toMatchObject({ setAsideRows: 1 });
    // The other lines, not the problems, are its notes.
    expect(parsed.notes).toContain('reports set aside: 0 files, 1 row');
    expect(parsed.notes.some((l) => l.includes('households_visited'))).toBe(false);
    expect(parsed.notes.some((l) => l.startsWith('evaluated 2 days'))).toBe(true);
    expect(validatesAgainstFile('evaluate.output.schema.json', value)).toEqual([]);

    const recompute = EvaluateJson.parse(
      JSON.parse((await again.run('evaluate', '--recompute', '--json')).out),
    );
    expect(recompute.evaluated.map((d) => d.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(recompute.kept).toBe(0);
  });
});

describe('the JSON Schemas of --json output', () => {
  test('the committed files are those `shoutu schemas` writes', async () => {
    for (const [name, schema] of Object.entries(outputJsonSchemas()))
      expect(JSON.parse(await readFile(schemaFile(name), 'utf8')), name).toEqual(schema);
  });
});

const schemaFile = (name: string) => path.join(import.meta.dirname, '..', 'schemas', name);

/** The errors of `value` against the committed JSON Schema `name` (empty when it is valid). */
function validatesAgainstFile(name: string, value: unknown): unknown[] {
  const schema = JSON.parse(readFileSync(schemaFile(name), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const check = ajv.compile(schema);
  return check(value) ? [] : (check.errors ?? []);
}

describe('planLog', () => {
  const row = (day: string, line: number): Problem => ({
    severity: 'error',
    code: 'SHOUTU-D002',
    setAside: 'row',
    file: `data/reports/${day}/grid-daily.210202.csv`,
    line,
    field: 'households_visited',
    message: 'expected a whole number; the row was set aside',
  });
  const rules: Problem = {
    severity: 'error',
    code: 'SHOUTU-R012',
    file: 'rules/a/b.json',
    message: 'unknown fact',
  };

  test('the project’s own problems are kept first, then the newest day, and never set aside', () => {
    const plan = planLog(
      [row('2020-02-01', 2), row('2020-02-03', 2), row('2020-02-02', 2), rules],
      {
        limit: 2,
        published: () => false,
      },
    );
    expect(plan.listed.map((p) => p.file)).toEqual([
      'data/reports/2020-02-03/grid-daily.210202.csv',
      'rules/a/b.json',
    ]);
    expect(plan.listed[1]?.setAside).toBeUndefined();
    expect(plan.cut).toEqual({ problems: 2, days: ['2020-02-01', '2020-02-02'] });
    expect(formatProblem(plan.listed[1]!)).toBe('rules/a/b.json: error SHOUTU-R012: unknown fact');
  });

  test('a day summary counts rows and files set aside and warnings, as the problems say', () => {
    const plan = planLog(
      [
        {
          severity: 'error',
          code: 'SHOUTU-W001',
          setAside: 'waiver',
          file: 'data/waivers/w.json',
          line: 3,
          message: 'x; the waiver was set aside',
        },
        {
          severity: 'error',
          code: 'SHOUTU-D001',
          setAside: 'file',
          file: 'data/reports/2020-02-01/x.csv',
          message: 'the whole file was set aside',
        },
        {
          severity: 'warning',
          code: 'SHOUTU-D003',
          file: 'data/reports/2020-02-01/y.csv',
          line: 2,
          message: 'blank',
        },
      ],
      { limit: 10, published: (d) => d === '2020-02-01' },
    );
    expect(plan.summarised).toEqual([
      {
        day: '2020-02-01',
        published: true,
        setAsideRows: 0,
        setAsideFiles: 1,
        warnings: 1,
        errors: 0,
      },
    ]);
    expect(plan.listed.map(formatProblem)).toEqual([
      'data/waivers/w.json:3: set aside SHOUTU-W001: x; the waiver was set aside',
    ]);
  });
});
