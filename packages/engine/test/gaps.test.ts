import { addDays, Form, type ReportRow, Rule } from '@shoutu/core';
import { compileRule, evaluateOne, factsFor, ReportIndex, type Subject } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

// Real data has gaps: blank cells, and days without a report inside a look-back window.
const t = (s: string) => ({ zh: s, en: s });
const form = Form.parse({
  id: 'unit-daily',
  title: t('daily'),
  subjects: { kind: 'territory', level: 'state' },
  fields: [
    { id: 'visited', type: 'integer', unit: 'household', label: t('visited') },
    { id: 'cases', type: 'integer', label: t('cases') },
    { id: 'note_count', type: 'integer', required: false, label: t('notes') },
  ],
  derived: [
    {
      id: 'coverage',
      label: t('coverage'),
      ratio: { of: 'visited', to: 'subject.households', percent: true },
    },
    { id: 'cases_7d', label: t('cases, 7 days'), sum: { field: 'cases', days: 7 } },
    { id: 'cases_7d_strict', label: t('cases'), sum: { field: 'cases', days: 7 }, minDays: 6 },
    { id: 'reports_7d', label: t('reports'), count: { days: 7 }, minDays: 5 },
  ],
});
const forms = new Map([[form.id, form]]);

const rule = (id: string, fact: string, over: object = {}, operator = 'greaterThanInclusive') =>
  compileRule(
    Rule.parse({
      id,
      area: 'prevention',
      title: t(id),
      description: t(id),
      appliesTo: { kind: 'territory', level: 'state' },
      severity: 'major',
      responsible: 'territorial',
      remediation: t('fix'),
      source: { document: t('doc'), clause: t('c') },
      effective: { from: '2020-01-01' },
      conditions: { all: [{ fact, operator, value: 1 }] },
      ...over,
    }),
    new Map(),
    forms,
  );

const DAY = '2020-02-10';
const subject: Subject = { code: '001', level: 'state', facts: { 'subject.households': 10 } };
const row = (day: string, values: ReportRow['values'], blank?: string[]): ReportRow => ({
  form: 'unit-daily',
  subject: '001',
  day,
  submittedAt: null,
  late: false,
  values,
  ...(blank ? { blank } : {}),
  file: `data/reports/${day}/unit-daily.001.csv`,
  line: 2,
});

describe('a blank cell is a missing value of that field only', () => {
  const today = row(DAY, { cases: 3 }, ['visited']);
  const reports = new ReportIndex([row(addDays(DAY, -2), { visited: 4, cases: 1 }), today]);
  const input = { reports, day: DAY };

  test('a rule that needs the blank field counts it as missing and says which field', async () => {
    const f = await evaluateOne(rule('r.visited', 'unit-daily.visited'), subject, input);
    expect(f).toEqual({
      rule: 'r.visited',
      subject: '001',
      status: 'missing',
      blank: ['unit-daily.visited'],
    });
  });

  test('other rules on the same row still run', async () => {
    const f = await evaluateOne(rule('r.cases', 'unit-daily.cases'), subject, input);
    expect(f.status).toBe('pass');
    expect(f.blank).toBeUndefined();
  });

  test('skip: the rule does not apply that day', async () => {
    const f = await evaluateOne(
      rule('r.visited', 'unit-daily.visited', { missing: { mode: 'skip' } }),
      subject,
      input,
    );
    expect(f).toMatchObject({ status: 'not-applicable', blank: ['unit-daily.visited'] });
  });

  test('carry: the last value reported within the days, else missing', async () => {
    const carry = (days: number) =>
      rule('r.visited', 'unit-daily.visited', { missing: { mode: 'carry', days } });
    const gathered = factsFor(carry(2), subject, input);
    expect(gathered).toMatchObject({
      facts: { 'unit-daily.visited': 4, 'unit-daily.cases': 3 },
      carried: ['unit-daily.visited'],
    });
    expect(await evaluateOne(carry(2), subject, input)).toMatchObject({ status: 'pass' });
    // The earlier value is 2 days old: outside a 1-day carry.
    expect(await evaluateOne(carry(1), subject, input)).toMatchObject({
      status: 'missing',
      blank: ['unit-daily.visited'],
    });
  });

  test('a ratio over a blank field is missing too, naming the field', async () => {
    const f = await evaluateOne(rule('r.cov', 'unit-daily.coverage'), subject, input);
    expect(f).toMatchObject({ status: 'missing', blank: ['unit-daily.visited'] });
  });

  test('a blank optional field is missing, never a failure', async () => {
    const r = new ReportIndex([row(DAY, { visited: 4, cases: 0 }, ['note_count'])]);
    const f = await evaluateOne(rule('r.notes', 'unit-daily.note_count'), subject, {
      reports: r,
      day: DAY,
    });
    expect(f).toMatchObject({ status: 'missing', blank: ['unit-daily.note_count'] });
  });
});

describe('look-backs over days with missing reports', () => {
  // Reports on 5 of the 7 days up to DAY: none 2 and 4 days before.
  const days = [0, 1, 3, 5, 6].map((i) => addDays(DAY, -i));
  const reports = new ReportIndex(days.map((d) => row(d, { visited: 1, cases: 2 })));
  const input = { reports, day: DAY };

  test('sum and count say how many days they covered', () => {
    const g = factsFor(
      rule('r.sum', 'unit-daily.cases_7d', {
        conditions: {
          all: [
            { fact: 'unit-daily.cases_7d', operator: 'greaterThanInclusive', value: 1 },
            { fact: 'unit-daily.reports_7d', operator: 'greaterThanInclusive', value: 1 },
          ],
        },
      }),
      subject,
      input,
    );
    expect(g).toMatchObject({
      facts: { 'unit-daily.cases_7d': 10, 'unit-daily.reports_7d': 5 },
      coverage: {
        'unit-daily.cases_7d': { days: 5, of: 7 },
        'unit-daily.reports_7d': { days: 5, of: 7 },
      },
    });
  });

  test('without minDays a partial sum stands (as before)', async () => {
    const f = await evaluateOne(rule('r.sum', 'unit-daily.cases_7d'), subject, input);
    expect(f.status).toBe('pass');
  });

  test('below minDays the fact is missing, counted by the rule’s missing mode', async () => {
    expect(factsFor(rule('r.strict', 'unit-daily.cases_7d_strict'), subject, input)).toEqual({
      status: 'missing',
      tooFewDays: { 'unit-daily.cases_7d_strict': { days: 5, of: 7 } },
    });
    const skip = rule('r.strict', 'unit-daily.cases_7d_strict', { missing: { mode: 'skip' } });
    expect((await evaluateOne(skip, subject, input)).status).toBe('not-applicable');
    // 5 reports of 7 days meets minDays 5.
    expect(
      (await evaluateOne(rule('r.count', 'unit-daily.reports_7d'), subject, input)).status,
    ).toBe('pass');
  });

  test('a blank cell inside the window is a day without a value', () => {
    const r = new ReportIndex([
      ...days.map((d) => row(d, { visited: 1, cases: 2 })),
      row(addDays(DAY, -2), { visited: 1 }, ['cases']),
    ]);
    const g = factsFor(rule('r.sum', 'unit-daily.cases_7d'), subject, { reports: r, day: DAY });
    expect(g).toMatchObject({ coverage: { 'unit-daily.cases_7d': { days: 5, of: 7 } } });
  });

  test('minDays is for sum and count, and at most the window', () => {
    const bad = (derived: object) =>
      Form.safeParse({ ...form, derived: [derived] }).error?.issues.map((i) => i.message);
    expect(
      bad({ id: 'x', label: t('x'), ratio: { of: 'visited', to: 'cases' }, minDays: 2 }),
    ).toEqual(['"minDays" is for a look-back over days: expected it with "sum" or "count"']);
    expect(bad({ id: 'x', label: t('x'), count: { days: 7 }, minDays: 8 })).toEqual([
      '"minDays" is 8 but the window has 7 days: expected at most 7',
    ]);
  });
});
