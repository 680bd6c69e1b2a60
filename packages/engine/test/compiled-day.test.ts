import { addDays, cmp, Form, type ReportRow, Rule } from '@shoutu/core';
import {
  appliesTo,
  compileRule,
  effectiveOn,
  evaluateDay,
  evaluateOne,
  ReportIndex,
  subjectsOn,
} from '@shoutu/engine';
import { describe, expect, test } from 'vitest';
import { ATTRIBUTES, LEVELS, MEASUREMENT_UNITS, registryOf, t, unit } from './helpers.js';

// evaluateDay's compiled checks against json-rules-engine's path (evaluateOne), check by check,
// over what real data has: blank cells, missing days, carried values, look-backs below minDays,
// subject facts, fact-valued comparisons, places, and a rule that cannot be evaluated.

const DAY = '2020-02-10';
const GRIDS = ['210202001001001', '210202001001002', '210202001001003', '210202001001004'];

const registry = registryOf({
  levels: LEVELS,
  departments: [{ id: 'commerce', name: t('商务局'), lead: t('局长') }],
  placeTypes: [
    { id: 'market', name: t('市场'), department: 'commerce', firstResponsible: t('开办者') },
  ],
  attributes: ATTRIBUTES,
  measurementUnits: MEASUREMENT_UNITS,
  units: [
    unit('210200', 'city'),
    unit('210202', 'district', '210200'),
    unit('210202001', 'street', '210202'),
    unit('210202001001', 'community', '210202001'),
    ...GRIDS.map((code, i) =>
      unit(code, 'grid', '210202001001', i === 3 ? {} : { attributes: { households: 10 * i } }),
    ),
  ],
  places: [
    {
      id: '210202001001001-01',
      grid: '210202001001001',
      type: 'market',
      name: t('市场'),
      validFrom: '2020-01-01',
    },
  ],
});

const form = Form.parse({
  id: 'grid-daily',
  title: t('daily'),
  subjects: { kind: 'territory', level: 'grid' },
  fields: [
    { id: 'visited', type: 'integer', unit: 'household', label: t('visited') },
    { id: 'cases', type: 'integer', label: t('cases') },
    { id: 'on_shift', type: 'boolean', label: t('on shift') },
  ],
  derived: [
    {
      id: 'coverage',
      label: t('coverage'),
      ratio: { of: 'visited', to: 'subject.households', percent: true },
    },
    { id: 'cases_7d', label: t('cases, 7 days'), sum: { field: 'cases', days: 7 } },
    { id: 'cases_7d_strict', label: t('cases'), sum: { field: 'cases', days: 7 }, minDays: 6 },
    { id: 'reports_7d', label: t('reports'), count: { days: 7 }, minDays: 4 },
    { id: 'since', label: t('days since'), daysSinceReport: {} },
    { id: 'shift_streak', label: t('streak'), streak: { field: 'on_shift', equals: true } },
  ],
});
const priceForm = Form.parse({
  id: 'market-price',
  title: t('prices'),
  subjects: { kind: 'place', placeTypes: ['market'] },
  fields: [{ id: 'veg_pct', type: 'number', unit: '%', label: t('vegetable price change') }],
});
const forms = new Map([
  [form.id, form],
  [priceForm.id, priceForm],
]);

const rule = (id: string, conditions: object, over: object = {}) =>
  compileRule(
    Rule.parse({
      id,
      area: 'prevention',
      title: t(id),
      description: t(id),
      appliesTo: { kind: 'territory', level: 'grid' },
      severity: 'major',
      responsible: 'territorial',
      remediation: t('fix'),
      source: { document: t('doc'), clause: t('c') },
      effective: { from: '2020-01-01' },
      conditions,
      ...over,
    }),
    new Map(),
    forms,
  );
const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });

const rules = [
  rule('a.visited', { all: [leaf('grid-daily.visited', 'greaterThanInclusive', 5)] }),
  rule('b.visited-vs-households', {
    any: [
      leaf('grid-daily.visited', 'greaterThanInclusive', { fact: 'subject.households' }),
      { not: leaf('grid-daily.cases', 'lessThan', 3) },
    ],
  }),
  rule('c.coverage', { all: [leaf('grid-daily.coverage', 'greaterThanInclusive', 50)] }),
  rule('d.sum', { all: [leaf('grid-daily.cases_7d', 'lessThan', 6)] }),
  rule(
    'e.strict',
    { all: [leaf('grid-daily.cases_7d_strict', 'lessThan', 6)] },
    {
      missing: { mode: 'skip' },
    },
  ),
  rule('f.count', { all: [leaf('grid-daily.reports_7d', 'greaterThanInclusive', 5)] }),
  rule('g.since', { all: [leaf('grid-daily.since', 'lessThanInclusive', 0)] }),
  rule('h.streak', {
    all: [
      leaf('grid-daily.shift_streak', 'greaterThanInclusive', 3),
      leaf('grid-daily.late', 'equal', false),
    ],
  }),
  rule(
    'i.carry',
    { all: [leaf('grid-daily.visited', 'greaterThan', 1)] },
    {
      missing: { mode: 'carry', days: 3 },
    },
  ),
  rule('j.error', { all: [leaf('grid-daily.visited', 'in', 3)] }),
  rule(
    'k.price',
    { all: [leaf('market-price.veg_pct', 'lessThanInclusive', 10)] },
    { appliesTo: { kind: 'place', placeTypes: ['market'] } },
  ),
  rule(
    'l.later',
    { all: [leaf('grid-daily.visited', 'equal', 1)] },
    {
      effective: { from: '2020-03-01' },
    },
  ),
];

const row = (
  subject: string,
  day: string,
  values: ReportRow['values'],
  extra: Partial<ReportRow> = {},
): ReportRow => ({
  form: 'grid-daily',
  subject,
  day,
  submittedAt: null,
  late: false,
  values,
  file: `data/reports/${day}/grid-daily.csv`,
  line: 2 + GRIDS.indexOf(subject),
  ...extra,
});

const rows: ReportRow[] = [];
for (let i = 0; i < 8; i++) {
  const day = addDays(DAY, -i);
  // Grid 1 reports every day; grid 2 every other day, with a blank today; grid 3 not today;
  // grid 4 only long ago.
  rows.push(row(GRIDS[0] as string, day, { visited: 3 + i, cases: i % 3, on_shift: i !== 4 }));
  if (i % 2 === 0)
    rows.push(
      row(
        GRIDS[1] as string,
        day,
        i === 0 ? { cases: 4, on_shift: true } : { visited: 9, cases: 1, on_shift: true },
        i === 0 ? { blank: ['visited'], late: true } : {},
      ),
    );
  if (i > 0) rows.push(row(GRIDS[2] as string, day, { visited: 2, cases: 5, on_shift: false }));
}
rows.push(row(GRIDS[3] as string, addDays(DAY, -20), { visited: 1, cases: 0, on_shift: true }));
// History no look-back of the day reaches.
rows.push(row(GRIDS[0] as string, addDays(DAY, -25), { visited: 1, cases: 0, on_shift: true }));
rows.push({
  form: 'market-price',
  subject: '210202001001001-01',
  day: DAY,
  submittedAt: null,
  late: false,
  values: { veg_pct: 12.5 },
  file: `data/reports/${DAY}/market-price.csv`,
  line: 2,
});

describe('evaluateDay’s compiled checks', () => {
  test('give json-rules-engine’s finding on every check, in the same order', async () => {
    const reports = new ReportIndex(rows);
    const input = { registry, rules, reports, day: DAY };
    const got = await evaluateDay(input);
    const want = [];
    const inForce = rules
      .filter((r) => effectiveOn(r.rule, DAY))
      .sort((a, b) => cmp(a.rule.id, b.rule.id));
    for (const s of subjectsOn(registry, DAY))
      for (const r of inForce) if (appliesTo(r.rule, s)) want.push(await evaluateOne(r, s, input));
    expect(got).toEqual(want);
    // The scenarios are really there: every status, and deciding conditions.
    const statuses = new Set(got.map((f) => f.status));
    expect([...statuses].sort()).toEqual(['error', 'fail', 'missing', 'not-applicable', 'pass']);
    expect(got.some((f) => f.blank !== undefined)).toBe(true);
    expect(got.some((f) => (f.conditions?.length ?? 0) > 0 && f.sources)).toBe(true);
    expect(got.some((f) => f.rule === 'i.carry' && f.status === 'pass')).toBe(true);
  });

  test('read only the days their look-backs reach from a lazy source', async () => {
    const byDay = new Map<string, ReportRow[]>();
    for (const r of rows) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
    const read: string[] = [];
    const reports = new ReportIndex([], {
      days: () => [...byDay.keys()].sort(),
      rowsOf: (day) => {
        read.push(day);
        return byDay.get(day) ?? [];
      },
    });
    const lazy = await evaluateDay({ registry, rules, reports, day: DAY });
    const eager = await evaluateDay({ registry, rules, reports: new ReportIndex(rows), day: DAY });
    expect(lazy).toEqual(eager);
    // Grid 4 last reported 20 days ago: "days since" walks back to it, and no further.
    expect(read).toContain(addDays(DAY, -20));
    expect(read).not.toContain(addDays(DAY, -25));
    expect(new Set(read).size).toBe(read.length);
  });
});
