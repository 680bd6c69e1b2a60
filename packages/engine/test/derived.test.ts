import { Form, factCatalog, type ReportRow, Rule } from '@shoutu/core';
import {
  compileRule,
  computeDerived,
  derivedFacts,
  evaluateOne,
  ReportIndex,
} from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

const t = (s: string) => ({ zh: s, en: s });
const form = Form.parse({
  id: 'grid-daily',
  title: t('grid daily'),
  subjects: { kind: 'territory', level: 'grid' },
  fields: [
    { id: 'visited', type: 'integer', unit: 'household', label: t('visited') },
    { id: 'fever', type: 'integer', unit: 'person', label: t('fever') },
    { id: 'on_shift', type: 'boolean', label: t('on shift') },
  ],
  derived: [
    {
      id: 'coverage',
      label: t('coverage'),
      ratio: { of: 'visited', to: 'subject.households', percent: true },
    },
    { id: 'fever_7d', label: t('fever, 7 days'), sum: { field: 'fever', days: 7 } },
    { id: 'reports_7d', label: t('reports, 7 days'), count: { days: 7 } },
    { id: 'days_since', label: t('days since report'), daysSinceReport: {} },
    { id: 'shift_streak', label: t('days on shift'), streak: { field: 'on_shift', equals: true } },
  ],
});
const forms = new Map([[form.id, form]]);
const row = (day: string, values: ReportRow['values']): ReportRow => ({
  form: 'grid-daily',
  subject: 'g1',
  day,
  submittedAt: null,
  late: false,
  values,
  file: 'x.csv',
  line: 2,
});

describe('derived facts', () => {
  // Reports on 1, 2, 4 and 5 February; none on the 3rd.
  const reports = new ReportIndex([
    row('2020-02-01', { visited: 100, fever: 1, on_shift: true }),
    row('2020-02-02', { visited: 200, fever: 2, on_shift: true }),
    row('2020-02-04', { visited: 300, fever: 0, on_shift: true }),
    row('2020-02-05', { visited: 212, fever: 3, on_shift: true }),
  ]);
  const specs = derivedFacts(
    [
      'grid-daily.coverage',
      'grid-daily.fever_7d',
      'grid-daily.reports_7d',
      'grid-daily.days_since',
      'grid-daily.shift_streak',
    ],
    forms,
  );
  const value = (fact: string, day: string) =>
    computeDerived(specs.get(fact)!, reports, 'g1', day, { 'subject.households': 480 });

  test('worked out by hand', () => {
    expect(value('grid-daily.coverage', '2020-02-05')).toBe(44.2); // 212 / 480
    expect(value('grid-daily.fever_7d', '2020-02-05')).toBe(6); // 1 + 2 + 0 + 3
    expect(value('grid-daily.fever_7d', '2020-02-08')).toBe(5); // 2-8 Feb: 2 + 0 + 3
    expect(value('grid-daily.reports_7d', '2020-02-05')).toBe(4);
    expect(value('grid-daily.days_since', '2020-02-05')).toBe(0);
    expect(value('grid-daily.days_since', '2020-02-08')).toBe(3);
    expect(value('grid-daily.days_since', '2020-01-31')).toBe(null);
    expect(value('grid-daily.shift_streak', '2020-02-05')).toBe(2); // the 3rd broke the streak
    expect(value('grid-daily.shift_streak', '2020-02-06')).toBe(0);
    expect(value('grid-daily.coverage', '2020-02-03')).toBe(null); // no report that day
    expect(value('grid-daily.fever_7d', '2020-01-31')).toBe(null); // no report in the window
  });

  test('they are facts in the catalog, with units', () => {
    const catalog = new Map(factCatalog([form]).map((f) => [f.name, f]));
    expect(catalog.get('grid-daily.coverage')).toMatchObject({ type: 'number', unit: '%' });
    expect(catalog.get('grid-daily.fever_7d')).toMatchObject({ type: 'integer', unit: 'person' });
    expect(catalog.get('grid-daily.days_since')).toMatchObject({ type: 'integer', unit: 'day' });
  });

  test('the catalog says what each derived fact is derived from, and only for those', () => {
    const catalog = new Map(factCatalog([form]).map((f) => [f.name, f.derivedFrom]));
    expect(catalog.get('grid-daily.coverage')).toEqual([
      'grid-daily.visited',
      'subject.households',
    ]);
    expect(catalog.get('grid-daily.fever_7d')).toEqual(['grid-daily.fever']);
    expect(catalog.get('grid-daily.shift_streak')).toEqual(['grid-daily.on_shift']);
    // Counted from the days the form was reported, not from a field.
    expect(catalog.get('grid-daily.reports_7d')).toEqual([]);
    expect(catalog.get('grid-daily.days_since')).toEqual([]);
    expect(catalog.get('grid-daily.visited')).toBeUndefined();
    expect(catalog.get('grid-daily.late')).toBeUndefined();
  });

  test('a derived fact is computed in exactly one way, from fields that exist', () => {
    const bad = Form.safeParse({
      ...form,
      derived: [
        { id: 'x', label: t('x'), sum: { field: 'visited', days: 7 }, count: { days: 7 } },
        { id: 'y', label: t('y'), ratio: { of: 'nope', to: 'subject.flats' } },
        { id: 'visited', label: t('z'), streak: { field: 'on_shift', equals: true } },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'derived.0: a derived fact is computed in exactly one way: expected one of ratio, sum, count, daysSinceReport, streak, found sum and count',
      'derived.1.ratio.of: unknown field "nope" of the form "grid-daily"',
      'derived.2.id: "visited" is already a field of the form: choose another id',
    ]);
  });
});

describe('rules on derived facts', () => {
  const rule = (fact: string, operator: string, value: number) =>
    Rule.parse({
      id: 'safety.reporting-gap',
      area: 'safety',
      title: t('gap'),
      description: t('gap'),
      appliesTo: { kind: 'territory', level: 'grid' },
      severity: 'major',
      responsible: 'territorial',
      remediation: t('report'),
      source: { document: t('doc'), clause: t('daily zero report') },
      effective: { from: '2020-01-01' },
      conditions: { all: [{ fact, operator, value }] },
    });
  const reports = new ReportIndex([row('2020-02-04', { visited: 1, fever: 0, on_shift: true })]);
  const subject = { code: 'g1', level: 'grid', facts: { 'subject.households': 480 } };

  test('a look-back fact needs no report of the day; a ratio does', async () => {
    const gap = compileRule(
      rule('grid-daily.days_since', 'lessThanInclusive', 1),
      new Map(),
      forms,
    );
    expect(gap.forms).toEqual([]);
    expect((await evaluateOne(gap, subject, { reports, day: '2020-02-05' })).status).toBe('pass');
    const late = await evaluateOne(gap, subject, { reports, day: '2020-02-07' });
    expect(late).toMatchObject({
      status: 'fail',
      conditions: [{ fact: 'grid-daily.days_since', actual: 3, required: 1 }],
    });
    const coverage = compileRule(
      rule('grid-daily.coverage', 'greaterThanInclusive', 100),
      new Map(),
      forms,
    );
    expect(coverage.forms).toEqual(['grid-daily']);
    expect((await evaluateOne(coverage, subject, { reports, day: '2020-02-05' })).status).toBe(
      'missing',
    );
    // Never reported: a look-back fact has nothing to look at, which is a missing report.
    const fresh = { ...subject, code: 'g2' };
    expect((await evaluateOne(gap, fresh, { reports, day: '2020-02-05' })).status).toBe('missing');
  });
});
