import {
  describeOutcome,
  Form,
  factCatalog,
  type ReportRow,
  Rule,
  ScoringMethod,
} from '@shoutu/core';
import { buildResults, compileRule, evaluateDay, ReportIndex } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';
import { AREAS, ATTRIBUTES, LEVELS, MEASUREMENT_UNITS, registryOf, t, unit } from './helpers.js';

function registry() {
  const data = {
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
      unit('210202001001001', 'grid', '210202001001', { attributes: { households: 480 } }),
      unit('210202001001002', 'grid', '210202001001', { attributes: { households: 100 } }),
      unit('210202001001003', 'grid', '210202001001', {
        attributes: { households: 100 },
        validTo: '2020-02-01',
      }),
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
  };
  return registryOf(data);
}

const gridForm = Form.parse({
  id: 'grid-daily',
  title: t('网格日报', 'grid daily'),
  subjects: { kind: 'territory', level: 'grid' },
  fields: [
    {
      id: 'households_visited',
      type: 'integer',
      unit: 'household',
      label: t('已走访户数', 'households visited'),
    },
  ],
});
const priceForm = Form.parse({
  id: 'market-price',
  title: t('价格', 'prices'),
  subjects: { kind: 'place', placeTypes: ['market'] },
  fields: [
    { id: 'veg_pct', type: 'number', unit: '%', label: t('蔬菜涨幅', 'vegetable price change') },
  ],
});

const rule = (over: object) =>
  Rule.parse({
    id: 'prevention.grid-screening',
    area: 'prevention',
    title: t('排查'),
    description: t('排查'),
    appliesTo: { kind: 'territory', level: 'grid' },
    severity: 'critical',
    responsible: 'territorial',
    remediation: t('补访'),
    source: { document: t('会议'), clause: t('full coverage') },
    effective: { from: '2020-01-25' },
    conditions: {
      all: [
        {
          fact: 'grid-daily.households_visited',
          operator: 'greaterThanInclusive',
          value: { fact: 'subject.households' },
        },
      ],
    },
    ...over,
  });
const priceRule = rule({
  id: 'security.vegetable-price',
  area: 'security',
  severity: 'major',
  appliesTo: { kind: 'place', placeTypes: ['market'] },
  conditions: { all: [{ fact: 'market-price.veg_pct', operator: 'lessThanInclusive', value: 10 }] },
});

const row = (
  form: string,
  subject: string,
  day: string,
  values: ReportRow['values'],
  line = 2,
): ReportRow => ({
  form,
  subject,
  day,
  submittedAt: null,
  late: false,
  values,
  file: `data/reports/${day}/${form}.210202.csv`,
  line,
});

const DAY = '2020-02-02';

describe('evaluateDay', () => {
  test('every subject in force meets every rule that applies to it once', async () => {
    const reports = new ReportIndex([
      row('grid-daily', '210202001001001', DAY, { households_visited: 212 }, 2),
      row('grid-daily', '210202001001002', DAY, { households_visited: 100 }, 3),
      row('market-price', '210202001001001-01', DAY, { veg_pct: 4.5 }),
    ]);
    const findings = await evaluateDay({
      registry: registry(),
      rules: [compileRule(rule({})), compileRule(priceRule)],
      reports,
      day: DAY,
    });
    // Grid 003 ended on 2020-02-01 and is not checked.
    expect(findings.map((f) => [f.subject, f.rule, f.status])).toEqual([
      ['210202001001001', 'prevention.grid-screening', 'fail'],
      ['210202001001001-01', 'security.vegetable-price', 'pass'],
      ['210202001001002', 'prevention.grid-screening', 'pass'],
    ]);
    const fail = findings[0]!;
    expect(fail.conditions).toEqual([
      {
        fact: 'grid-daily.households_visited',
        operator: 'greaterThanInclusive',
        required: { fact: 'subject.households', value: 480 },
        actual: 212,
      },
    ]);
    expect(fail.sources).toEqual(['data/reports/2020-02-02/grid-daily.210202.csv:2']);
    const facts = new Map(factCatalog([gridForm, priceForm], ATTRIBUTES).map((f) => [f.name, f]));
    expect(describeOutcome(fail.conditions![0]!, facts, 'en', MEASUREMENT_UNITS)).toBe(
      'households visited: 212 / 480 households (44 %); required: at least registered households (480 households)',
    );
    expect(describeOutcome(fail.conditions![0]!, facts, 'zh', MEASUREMENT_UNITS)).toBe(
      '已走访户数：212 / 480 户（44%）；要求：不少于 登记户数（480 户）',
    );
  });

  test('a missing report counts by the rule: fail, skip, or the last value within N days', async () => {
    const reports = new ReportIndex([
      row('grid-daily', '210202001001001', '2020-01-31', { households_visited: 480 }),
    ]);
    const run = async (missing: object) =>
      (
        await evaluateDay({
          registry: registry(),
          rules: [compileRule(rule({ missing }))],
          reports,
          day: DAY,
        })
      ).map((f) => f.status);
    expect(await run({ mode: 'fail' })).toEqual(['missing', 'missing']);
    expect(await run({ mode: 'skip' })).toEqual(['not-applicable', 'not-applicable']);
    expect(await run({ mode: 'carry', days: 2 })).toEqual(['pass', 'missing']);
    expect(await run({ mode: 'carry', days: 1 })).toEqual(['missing', 'missing']);
  });

  test('a rule is only evaluated inside its effective period', async () => {
    const reports = new ReportIndex([
      row('grid-daily', '210202001001002', DAY, { households_visited: 100 }),
    ]);
    const later = rule({ effective: { from: '2020-02-03' } });
    expect(
      await evaluateDay({ registry: registry(), rules: [compileRule(later)], reports, day: DAY }),
    ).toEqual([]);
    const ended = rule({ effective: { from: '2020-01-01', to: '2020-02-02' } });
    expect(
      await evaluateDay({ registry: registry(), rules: [compileRule(ended)], reports, day: DAY }),
    ).toHaveLength(2);
  });

  test('an error in one rule becomes an error finding; the others still run', async () => {
    const reports = new ReportIndex([
      row('grid-daily', '210202001001001', DAY, { households_visited: 480 }),
      row('grid-daily', '210202001001002', DAY, { households_visited: 100 }),
    ]);
    const broken = compileRule(rule({ id: 'prevention.broken' }));
    broken.engine.addOperator('greaterThanInclusive', () => {
      throw new Error('boom');
    });
    const findings = await evaluateDay({
      registry: registry(),
      rules: [broken, compileRule(rule({}))],
      reports,
      day: DAY,
    });
    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['prevention.broken', 'error'],
      ['prevention.grid-screening', 'pass'],
      ['prevention.broken', 'error'],
      ['prevention.grid-screening', 'pass'],
    ]);
    expect(findings[0]?.message).toContain('boom');
  });

  test('explanations under not and any name the deciding conditions', async () => {
    const r = rule({
      conditions: {
        any: [
          { fact: 'grid-daily.households_visited', operator: 'greaterThanInclusive', value: 400 },
          { not: { fact: 'grid-daily.households_visited', operator: 'lessThan', value: 300 } },
        ],
      },
    });
    const reports = new ReportIndex([
      row('grid-daily', '210202001001001', DAY, { households_visited: 212 }),
    ]);
    const [f] = await evaluateDay({
      registry: registry(),
      rules: [compileRule(r)],
      reports,
      day: DAY,
    });
    expect(f?.conditions).toEqual([
      {
        fact: 'grid-daily.households_visited',
        operator: 'greaterThanInclusive',
        required: 400,
        actual: 212,
      },
      {
        fact: 'grid-daily.households_visited',
        operator: 'not:lessThan',
        required: 300,
        actual: 212,
      },
    ]);
  });
});

describe('results', () => {
  test('scores roll up the territory from every finding inside it, by hand', async () => {
    const reg = registry();
    const reports = new ReportIndex([
      row('grid-daily', '210202001001001', DAY, { households_visited: 212 }),
      row('market-price', '210202001001001-01', DAY, { veg_pct: 4.5 }),
    ]);
    const rules = [compileRule(rule({})), compileRule(priceRule)];
    const findings = await evaluateDay({ registry: reg, rules, reports, day: DAY });
    const { city, districts } = buildResults({
      day: DAY,
      registry: reg,
      rules,
      findings,
      facts: factCatalog([gridForm, priceForm], ATTRIBUTES),
      rulesHash: 'h',
      scoring: ScoringMethod.parse({
        name: 'weighted',
        version: 1,
        description: t('加权'),
        severityWeights: { critical: 5, major: 3, minor: 1 },
        areas: AREAS,
        missingReport: { mode: 'fail' },
        error: { mode: 'ignore' },
        bands: { green: 90, yellow: 75 },
        criticalCap: { yellow: 0 },
        trend: { flatWithin: 1 },
      }),
      scoringHash: 's',
      input: { reportFiles: 2, rows: 2, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 },
    });
    // grid 001: fail, grid 002: missing (prevention 0 of 2 × 5); market: pass (security 3 of 3).
    // (2 × 0 + 1 × 100) / 3 = 33.3.
    expect(city.summary).toEqual({
      score: 33.3,
      areas: { prevention: 0, security: 100, safety: null },
      band: 'red',
      capped: false,
      criticalFailures: 2,
      criticalChecks: 2,
      overdue: 0,
      counts: { pass: 1, fail: 1, missing: 1, waived: 0, notApplicable: 0, error: 0 },
    });
    const d = districts[0]!;
    expect(d.summary.score).toBe(33.3);
    expect(d.units.find((u) => u.code === '210202001001001')?.summary.counts).toEqual({
      pass: 1,
      fail: 1,
      missing: 0,
      waived: 0,
      notApplicable: 0,
      error: 0,
    });
    expect(d.findings.map((f) => f.status)).toEqual(['fail', 'missing']);
    expect(d.places.map((p) => p.id)).toEqual([]);
    expect(d.registryVersion).toBe('reg1');
  });
});

describe('plain sentences', () => {
  const facts = new Map(
    factCatalog([
      Form.parse({
        id: 'street-duty',
        title: t('值班', 'duty'),
        subjects: { kind: 'territory', level: 'street' },
        fields: [
          { id: 'on_shift', type: 'boolean', label: t('领导干部带班', 'leading cadre on shift') },
          { id: 'hours', type: 'integer', unit: 'hour', label: t('值守时长', 'hours on duty') },
        ],
      }),
    ]).map((f) => [f.name, f]),
  );
  test('booleans and units read naturally in both languages', () => {
    const onShift = {
      fact: 'street-duty.on_shift',
      operator: 'equal',
      required: true,
      actual: false,
    };
    expect(describeOutcome(onShift, facts, 'en', MEASUREMENT_UNITS)).toBe(
      'leading cadre on shift: no; required: yes',
    );
    expect(describeOutcome(onShift, facts, 'zh', MEASUREMENT_UNITS)).toBe(
      '领导干部带班：否；要求：是',
    );
    const hours = {
      fact: 'street-duty.hours',
      operator: 'greaterThanInclusive',
      required: 24,
      actual: 8,
    };
    expect(describeOutcome(hours, facts, 'en', MEASUREMENT_UNITS)).toBe(
      'hours on duty: 8 hours; required: at least 24 hours',
    );
    expect(describeOutcome(hours, facts, 'zh', MEASUREMENT_UNITS)).toBe(
      '值守时长：8 小时；要求：不少于 24 小时',
    );
    expect(describeOutcome({ ...hours, actual: null }, facts, 'en', MEASUREMENT_UNITS)).toBe(
      'hours on duty: no value; required: at least 24 hours',
    );
    expect(
      describeOutcome({ ...hours, actual: 0, required: 1 }, facts, 'en', MEASUREMENT_UNITS),
    ).toBe('hours on duty: 0 hours; required: at least 1 hour');
  });
});
