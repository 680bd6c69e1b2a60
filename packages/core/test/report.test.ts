import { Form, formatProblem, readReportFile } from '@shoutu/core';
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
    { id: 'note', type: 'text', required: false, label: t('备注', 'note') },
    { id: 'phone', type: 'text', required: false, personal: true, label: t('电话', 'phone') },
  ],
});
const data = base();
data.units.push(unit('210202001001002', 'grid', '210202001001'));
data.units.push(unit('210203', 'district', '210200'));
const ctx = { forms: new Map([[form.id, form]]), registry: registryOf(data) };
const NAME = '2020-02-02/grid-daily.210202.csv';
const FILE = `data/reports/${NAME}`;
const read = (text: string, name = NAME) => readReportFile(`data/reports/${name}`, name, text, ctx);

describe('CSV reports', () => {
  test('valid rows are accepted; personal fields are checked, then dropped', () => {
    const r = read(
      'subject,submitted_at,households_visited,note,phone\n210202001001001,2020-02-02T11:00,400,ok,13800000000\n210202001001002,2020-02-02T13:05,380,,\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({
      subject: '210202001001001',
      late: false,
      values: { households_visited: 400, note: 'ok' },
      line: 2,
    });
    expect(r.rows[0]?.values).not.toHaveProperty('phone');
    // A blank optional cell is a missing value of that field, not a value.
    expect(r.rows[1]).toMatchObject({ late: true, blank: ['note'] });
    expect(r.rows[1]?.values).not.toHaveProperty('note');
    expect(r.rows[1]?.blank).not.toContain('phone');
  });

  test('a blank required cell is a missing value of that field only: the row is kept, the blank reported', () => {
    const r = read('subject,households_visited,note\n210202001001001,,ok\n210202001001002,  ,\n');
    expect(r.setAsideRows).toBe(0);
    expect(r.blankCells).toBe(2);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ values: { note: 'ok' }, blank: ['households_visited'] });
    expect(r.rows[0]?.values).not.toHaveProperty('households_visited');
    expect(r.rows[1]?.blank).toEqual(['households_visited', 'note']);
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:2:households_visited: warning SHOUTU-D003: blank: expected a whole number of at least 0 (household); the rules that need this value count it as missing, the rest of the row is used`,
      `${FILE}:3:households_visited: warning SHOUTU-D003: blank: expected a whole number of at least 0 (household); the rules that need this value count it as missing, the rest of the row is used`,
    ]);
  });

  test('a row set aside for another reason does not also count its blanks', () => {
    const r = read('subject,households_visited\n210202009009009,\n');
    expect(r.setAsideRows).toBe(1);
    expect(r.blankCells).toBe(0);
    expect(r.problems.map((p) => p.severity)).toEqual(['error']);
  });

  test('a bad row is set aside with its line and field; the others go on', () => {
    const r = read(
      'subject,households_visited\n210202001001001,abc\n210202001001002,-1\n210202009009009,3\n',
    );
    expect(r.setAsideRows).toBe(3);
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:2:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "abc"; the row was set aside`,
      `${FILE}:3:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "-1"; the row was set aside`,
      `${FILE}:4:subject: set aside SHOUTU-D002: unknown subject "210202009009009": expected the code of a grid in the registry; the row was set aside`,
    ]);
  });

  test('personal values never appear in messages', () => {
    const personal = Form.parse({
      ...form,
      fields: [{ id: 'phone', type: 'integer', personal: true, label: t('电话') }],
    });
    const r = readReportFile(FILE, NAME, 'subject,phone\n210202001001001,SECRET-138\n', {
      ...ctx,
      forms: new Map([[form.id, personal]]),
    });
    expect(r.problems.map(formatProblem).join('\n')).not.toContain('SECRET');
    expect(r.setAsideRows).toBe(1);
  });

  test('a subject of another district, a repeated subject, a wrong cell count', () => {
    const other = readReportFile(
      'data/reports/2020-02-02/grid-daily.210203.csv',
      '2020-02-02/grid-daily.210203.csv',
      'subject,households_visited\n210202001001001,3\n',
      ctx,
    );
    expect(other.problems.map(formatProblem)).toEqual([
      'data/reports/2020-02-02/grid-daily.210203.csv:2:subject: set aside SHOUTU-D002: "210202001001001" does not lie in district 210203, which this file is for; the row was set aside',
    ]);
    const r = read(
      'subject,households_visited\n210202001001001,3\n210202001001001,4\n210202001001002,1,2\n',
    );
    expect(r.rows).toHaveLength(1);
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:3:subject: set aside SHOUTU-D002: "210202001001001" was already reported on line 2 of this file: expected one row per subject; the row was set aside`,
      `${FILE}:4: set aside SHOUTU-D002: expected 2 values as in the header, found 3; the row was set aside`,
    ]);
  });

  test('a header without a required column sets the whole file aside', () => {
    const r = read('subject,note\n210202001001001,x\n');
    expect(r.setAside).toBe(true);
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:1: set aside SHOUTU-D001: the header lacks the required column(s) "households_visited" of the form "grid-daily"; the whole file was set aside`,
    ]);
  });

  test('a misspelt required column is named as the likely culprit', () => {
    const r = read('subject,household_visited\n210202001001001,3\n');
    expect(r.problems.map(formatProblem)).toContain(
      `${FILE}:1: set aside SHOUTU-D001: the header lacks the required column(s) "households_visited" of the form "grid-daily" ("household_visited" looks like "households_visited"); the whole file was set aside`,
    );
  });

  test('full-width digits get a hint', () => {
    const r = read('subject,households_visited\n210202001001001,４６０\n');
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:2:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "４６０" (full-width characters: type digits with the half-width keyboard); the row was set aside`,
    ]);
  });

  test('an unknown column is a warning with a did-you-mean', () => {
    const r = read('subject,households_visited,nots\n210202001001001,3,x\n');
    expect(r.rows).toHaveLength(1);
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:1:nots: warning SHOUTU-D004: unknown column "nots" (column 3) is ignored; did you mean "note"?`,
    ]);
  });

  test("a template's labels row, kept when the template was filled in and saved as CSV, is skipped", () => {
    const r = read(
      'subject,submitted_at,households_visited\nsubject / 填报对象代码 / code,submitted_at / 提交时间,households_visited / 走访户数 / households visited\n210202001001001,2020-02-02 11:00,400\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => [row.subject, row.line])).toEqual([['210202001001001', 3]]);
    // Only right below the header, and only when every cell is its column's label.
    const later = read(
      'subject,households_visited\n210202001001001,400\nsubject / 代码,households_visited / 户数\n',
    );
    expect(later.setAsideRows).toBe(1);
    const mixed = read('subject,households_visited\nsubject / 代码,400\n');
    expect(mixed.setAsideRows).toBe(1);
  });

  test('a broken quote is reported at its line', () => {
    const r = read('subject,households_visited\n210202001001001,3\n"210202001001002,4\n');
    expect(r.setAside).toBe(true);
    expect(r.problems[0]).toMatchObject({ file: FILE, line: 3 });
  });

  test('file names say what they are', () => {
    expect(read('', '2020-02-02/grid.csv').problems.map(formatProblem)).toEqual([
      'data/reports/2020-02-02/grid.csv: set aside SHOUTU-D001: the file name "grid.csv" does not say what it is: expected <form>.<district code>.csv, .xlsx or .json, e.g. grid-daily.210202.csv; the whole file was set aside',
    ]);
    const message = (name: string) => read('', name).problems[0]?.message;
    expect(message('2020-2-3/grid-daily.210202.csv')).toBe(
      'the folder "2020-2-3" is not a day: expected the file in data/reports/YYYY-MM-DD/, e.g. data/reports/2020-02-02/grid-daily.210202.csv; the whole file was set aside',
    );
    expect(message('2020-02-02/grid-daily.210202.CSV')).toBe(
      'the file name ends in ".CSV": expected lower-case ".csv"; the whole file was set aside',
    );
    expect(message('2020-02-02/grid-daily.210202.txt')).toBe(
      '".txt" files are not read: expected a CSV file, an Excel workbook (.xlsx) or a JSON file named <form>.<district code>.csv, e.g. grid-daily.210202.csv; the whole file was set aside',
    );
    expect(message('2020-02-02/grid-daily.210202.xls')).toBe(
      '".xls" workbooks are not read: save it as an Excel workbook (.xlsx) named <form>.<district code>.xlsx, e.g. grid-daily.210202.xlsx; the whole file was set aside',
    );
    expect(read('', '2020-02-02/grid-dayly.210202.csv').problems[0]?.message).toContain(
      'unknown form "grid-dayly"; did you mean "grid-daily"?',
    );
    expect(read('', '2020-02-30/grid-daily.210202.csv').problems[0]?.message).toContain(
      '"2020-02-30" is not a real date',
    );
  });
});

describe('JSON reports', () => {
  const NAMEJ = '2020-02-02/grid-daily.210202.json';
  test('rows are checked with line and column', () => {
    const text = `{
  "form": "grid-daily",
  "rows": [
    { "subject": "210202001001001", "households_visited": 12 },
    { "subject": "210202001001002", "households_visited": "12" }
  ]
}`;
    const r = read(text, NAMEJ);
    expect(r.rows).toHaveLength(1);
    expect(r.problems.map(formatProblem)).toEqual([
      `data/reports/${NAMEJ}:5:37: set aside SHOUTU-D002: households_visited: expected a whole number of at least 0 (household), found the text "12"; the row was set aside`,
    ]);
  });

  test('a null value is a blank cell: the row is kept, the blank reported at its place', () => {
    const text = `{
  "rows": [
    { "subject": "210202001001001", "households_visited": null, "note": "x" }
  ]
}`;
    const r = read(text, NAMEJ);
    expect(r.rows[0]).toMatchObject({ values: { note: 'x' }, blank: ['households_visited'] });
    expect(r.problems.map(formatProblem)).toEqual([
      `data/reports/${NAMEJ}:3:37: warning SHOUTU-D003: households_visited: blank: expected a whole number of at least 0 (household); the rules that need this value count it as missing, the rest of the row is used`,
    ]);
  });

  test('content that contradicts the file name is refused', () => {
    const r = read('{ "form": "other", "rows": [] }', NAMEJ);
    expect(r.setAside).toBe(true);
    expect(formatProblem(r.problems[0]!)).toBe(
      `data/reports/${NAMEJ}:1:3: set aside SHOUTU-D001: "form" is "other" but the file name says "grid-daily" (at form); the whole file was set aside`,
    );
  });
});

describe("the top unit's own reports", () => {
  const cityForm = Form.parse({
    id: 'city-daily',
    title: t('市日报', 'City daily'),
    subjects: { kind: 'territory', level: 'city' },
    fields: [{ id: 'meetings', type: 'integer', min: 0, label: t('会议', 'meetings') }],
  });
  const cityCtx = { forms: new Map([[cityForm.id, cityForm]]), registry: registryOf(data) };
  const readCity = (text: string, name: string) =>
    readReportFile(`data/reports/${name}`, name, text, cityCtx);

  test('a file named for the top unit holds its own row', () => {
    const r = readCity('subject,meetings\n210200,2\n', '2020-02-02/city-daily.210200.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => [row.subject, row.values])).toEqual([['210200', { meetings: 2 }]]);
  });

  test('a file named for the top unit takes no other rows, and a district file takes no top row', () => {
    const top = readCity(
      'subject,meetings\n210202,2\n',
      '2020-02-02/city-daily.210200.csv',
    ).problems.map(formatProblem);
    expect(top).toEqual([
      'data/reports/2020-02-02/city-daily.210200.csv:2:subject: set aside SHOUTU-D002: "210202" is a district: the form "city-daily" is filled in by a city; the row was set aside',
    ]);
    const other = readCity(
      'subject,meetings\n210200,2\n',
      '2020-02-02/city-daily.210202.csv',
    ).problems.map(formatProblem);
    expect(other).toEqual([
      'data/reports/2020-02-02/city-daily.210202.csv:2:subject: set aside SHOUTU-D002: "210200" does not lie in district 210202, which this file is for; the row was set aside',
    ]);
  });

  test('a file named for a unit of a lower level is refused whole', () => {
    const r = readCity('subject,meetings\n210200,2\n', '2020-02-02/city-daily.210202001.csv');
    expect(r.setAside).toBe(true);
    expect(r.problems.map(formatProblem)[0]).toContain(
      '"210202001" is not the code of a district or of the city in the registry',
    );
  });
});
