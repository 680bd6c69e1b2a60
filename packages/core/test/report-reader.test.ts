import { createReportReader, Form, formatProblem, LIMITS, readReportFile } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { base, registryOf, t, unit } from './helpers.js';

const form = Form.parse({
  id: 'grid-daily',
  title: t('网格日报', 'Grid daily'),
  subjects: { kind: 'territory', level: 'grid' },
  due: '12:00',
  fields: [
    {
      id: 'households_visited',
      type: 'integer',
      min: 0,
      unit: 'household',
      label: t('走访户数', 'households visited'),
    },
    { id: 'share', type: 'number', required: false, label: t('比例', 'share') },
  ],
});
const data = base();
data.units.push(unit('210202001001002', 'grid', '210202001001'));
const ctx = { forms: new Map([[form.id, form]]), registry: registryOf(data) };
const NAME = '2020-02-02/grid-daily.210202.csv';
const FILE = `data/reports/${NAME}`;
const HEADER = 'subject,submitted_at,households_visited,share';

describe('a report read piece by piece', () => {
  test('a CSV file fed in pieces of any size reads as the whole text does', () => {
    const text = `\ufeff${HEADER}\n210202001001001,2020-02-02T11:00,400,"0.5"\n"210202001001002",2020-02-02 13:05,"3\n",\n999,,1,\n`;
    const whole = readReportFile(FILE, NAME, text, ctx);
    for (const size of [1, 2, 3, 7, 64]) {
      const reader = createReportReader(FILE, NAME, ctx);
      for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size));
      expect(reader.end()).toEqual(whole);
    }
    expect(whole.rows.map((r) => r.subject)).toEqual(['210202001001001', '210202001001002']);
    expect(whole.setAsideRows).toBe(1);
  });

  test('a CSV error stops the reader: the whole file is set aside, at its line', () => {
    const reader = createReportReader(FILE, NAME, ctx);
    reader.write(`${HEADER}\n210202001001001,,1,\n`);
    reader.write('210202001001002,"x"y,1,\n');
    expect(reader.done).toBe(true);
    const r = reader.end();
    expect(r.setAside).toBe(true);
    expect(r.rows).toEqual([]);
    expect(formatProblem(r.problems[0]!)).toMatch(
      /^data\/reports\/2020-02-02\/grid-daily\.210202\.csv:3: set aside SHOUTU-D001: this is not a readable CSV file: .*; the whole file was set aside$/,
    );
  });

  test(`problems are kept up to ${LIMITS.problemsPerFile} a file; one line says how many more; counts stay exact`, () => {
    const rows = [HEADER];
    for (let i = 0; i < 5000; i++) rows.push(`9${String(i).padStart(14, '0')},,1,`);
    const r = readReportFile(FILE, NAME, rows.join('\n'), ctx);
    expect(r.problems).toHaveLength(LIMITS.problemsPerFile + 1);
    expect(r.setAsideRows).toBe(5000);
    expect(r.problems.at(-1)).toEqual({
      severity: 'error',
      code: 'SHOUTU-D005',
      setAside: 'row',
      file: FILE,
      message: `… and ${5000 - LIMITS.problemsPerFile} more problems in this file (5000 rows set aside)`,
    });
  });

  test('warnings past the cap are counted in a warning line', () => {
    const rows = [HEADER];
    rows.push('210202001001001,,,');
    const few = readReportFile(FILE, NAME, rows.join('\n'), ctx);
    expect(few.problems.map((p) => p.severity)).toEqual(['warning']);
  });

  test('past the row limit the whole file is set aside, at the first row past it', () => {
    const reader = createReportReader(FILE, NAME, ctx, { reportRows: 3, problemsPerFile: 100 });
    reader.write(`${HEADER}\n`);
    reader.write('x\n'.repeat(10));
    expect(reader.done).toBe(true);
    const r = reader.end();
    expect(r.problems.filter((p) => /more than 3 rows/.test(p.message))).toHaveLength(1);
    expect(r.setAside).toBe(true);
    expect(r.rows).toEqual([]);
    expect(r.problems.at(-1)).toEqual({
      severity: 'error',
      code: 'SHOUTU-D001',
      setAside: 'file',
      file: FILE,
      line: 5,
      column: undefined,
      message:
        'more than 3 rows: expected at most 3 rows in one report file; the whole file was set aside',
    });
  });

  test('integers beyond the safe range are refused, in CSV cells and JSON values', () => {
    const csv = readReportFile(
      FILE,
      NAME,
      `${HEADER}\n210202001001001,,9007199254740993,\n210202001001002,,1,-9007199254740993\n`,
      ctx,
    );
    expect(csv.rows).toEqual([]);
    expect(csv.problems.map((p) => p.message)).toEqual([
      'expected a whole number between -9007199254740991 and 9007199254740991, found the text "9007199254740993"; the row was set aside',
      'expected a number between -9007199254740991 and 9007199254740991, found the text "-9007199254740993"; the row was set aside',
    ]);
  });

  test('submitted_at must be a real time and day', () => {
    for (const bad of [
      '2020-02-02T25:99',
      '2020-02-02T24:00',
      '2020-02-02T12:60',
      '2020-02-30T10:00',
      '2020-02-02T10:00:61',
    ]) {
      const r = readReportFile(FILE, NAME, `${HEADER}\n210202001001001,${bad},1,\n`, ctx);
      expect(r.rows, bad).toEqual([]);
      expect(r.problems[0]?.message, bad).toMatch(/^expected a real local date and time/);
    }
    for (const good of ['2020-02-02T23:59', '2020-02-02 00:00', '2020-02-02T10:00:59']) {
      const r = readReportFile(FILE, NAME, `${HEADER}\n210202001001001,${good},1,\n`, ctx);
      expect(r.rows, good).toHaveLength(1);
    }
  });

  test('unknown fields of JSON rows are warnings at their line and column; the row is kept', () => {
    const name = NAME.replace('.csv', '.json');
    const r = readReportFile(
      `data/reports/${name}`,
      name,
      '{"rows": [\n  {"subject": "210202001001001", "housholds_visited": 1, "households_visited": 2}\n]}',
      ctx,
    );
    expect(r.rows).toHaveLength(1);
    expect(r.problems.map(formatProblem)).toEqual([
      'data/reports/2020-02-02/grid-daily.210202.json:2:34: warning SHOUTU-D004: unknown field "housholds_visited" is ignored; did you mean "households_visited"?',
    ]);
  });
});
