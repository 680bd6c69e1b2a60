/**
 * A territory that shares nothing with the sample: a country of states, other code lengths, an
 * attribute of states, two areas of its own, one language. The top unit is checked like any other.
 */
import { Attribute, Form, factCatalog, type ReportRow, Rule, ScoringMethod } from '@shoutu/core';
import {
  buildResults,
  compileRule,
  evaluateDay,
  ReportIndex,
  subjectsOn,
  Tally,
} from '@shoutu/engine';
import { describe, expect, test } from 'vitest';
import { registryOf } from './helpers.js';

const en = (text: string) => ({ en: text });
const DAY = '2021-03-01';

const ATTRIBUTES = [
  Attribute.parse({
    id: 'population',
    label: en('population'),
    type: 'integer',
    unit: 'person',
    min: 0,
    appliesTo: { levels: ['country', 'state'] },
  }),
];

function registry() {
  return registryOf({
    levels: [
      { id: 'country', name: en('country'), codeLength: 3, lead: en('president') },
      { id: 'state', name: en('state'), codeLength: 5, lead: en('governor') },
    ],
    attributes: ATTRIBUTES,
    measurementUnits: [{ id: 'person', name: en('people'), one: en('person') }],
    units: [
      {
        code: '840',
        level: 'country',
        name: en('Freedonia'),
        validFrom: '2021-01-01',
        attributes: { population: 1000 },
      },
      {
        code: '84001',
        level: 'state',
        name: en('North'),
        parent: '840',
        validFrom: '2021-01-01',
        attributes: { population: 600 },
      },
      {
        code: '84002',
        level: 'state',
        name: en('South'),
        parent: '840',
        validFrom: '2021-01-01',
      },
    ],
  });
}

const form = Form.parse({
  id: 'policy',
  title: en('Policy report'),
  subjects: { kind: 'territory', level: 'country' },
  fields: [{ id: 'masks_required', type: 'boolean', label: en('masks required') }],
});

const METHOD = ScoringMethod.parse({
  name: 'plain',
  version: 1,
  description: en('A weighted pass rate'),
  severityWeights: { critical: 5, major: 3, minor: 1 },
  areas: [
    { id: 'health', name: en('Health'), weight: 3 },
    { id: 'economy', name: en('Economy'), weight: 1 },
  ],
  missingReport: { mode: 'fail' },
  error: { mode: 'ignore' },
  bands: { green: 90, yellow: 75 },
  criticalCap: { yellow: 0 },
  trend: { flatWithin: 1 },
});

const rule = (over: object) =>
  Rule.parse({
    title: en('rule'),
    description: en('rule'),
    responsible: 'territorial',
    remediation: en('fix it'),
    source: { document: en('law'), clause: en('1') },
    effective: { from: '2021-01-01' },
    severity: 'major',
    ...over,
  });
/** On the top level: the country's own duty to report. */
const MASKS = rule({
  id: 'health.masks',
  area: 'health',
  appliesTo: { kind: 'territory', level: 'country' },
  conditions: { all: [{ fact: 'policy.masks_required', operator: 'equal', value: true }] },
});
/** On the states: a registry attribute. */
const COUNTED = rule({
  id: 'economy.counted',
  area: 'economy',
  appliesTo: { kind: 'territory', level: 'state' },
  conditions: { all: [{ fact: 'subject.population', operator: 'greaterThan', value: 0 }] },
});

const row = (values: ReportRow['values']): ReportRow => ({
  form: 'policy',
  subject: '840',
  day: DAY,
  submittedAt: null,
  late: false,
  values,
  file: `data/reports/${DAY}/policy.840.csv`,
  line: 2,
});

describe('another territory', () => {
  test('the top unit is a subject, with its own attributes', () => {
    const subjects = subjectsOn(registry(), DAY);
    expect(subjects.map((s) => [s.code, s.level, s.facts])).toEqual([
      ['840', 'country', { 'subject.population': 1000 }],
      ['84001', 'state', { 'subject.population': 600 }],
      ['84002', 'state', { 'subject.population': undefined }],
    ]);
  });

  test("a rule on the top level is checked, and its finding counts in the top unit's score", async () => {
    const reg = registry();
    const rules = [compileRule(MASKS), compileRule(COUNTED)];
    const findings = await evaluateDay({
      registry: reg,
      rules,
      reports: new ReportIndex([row({ masks_required: false })]),
      day: DAY,
    });
    expect(findings.map((f) => [f.subject, f.rule, f.status])).toEqual([
      ['840', 'health.masks', 'fail'],
      ['84001', 'economy.counted', 'pass'],
      ['84002', 'economy.counted', 'fail'],
    ]);
    const { city } = buildResults({
      day: DAY,
      registry: reg,
      rules,
      findings,
      facts: factCatalog([form], ATTRIBUTES),
      rulesHash: 'h',
      scoring: METHOD,
      scoringHash: 's',
      input: { reportFiles: 1, rows: 1, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 },
    });
    // health: 0 of 3 (the country's own check); economy: 3 of 6. (3 × 0 + 1 × 50) / 4 = 12.5.
    expect(city.summary.areas).toEqual({ health: 0, economy: 50 });
    expect(city.summary.score).toBe(12.5);
    expect(city.summary.counts).toMatchObject({ pass: 1, fail: 2 });
  });

  test('a tally keeps the declared areas in order and refuses one it does not know', () => {
    const tally = new Tally(METHOD);
    tally.add({ status: 'pass' }, { area: 'economy', severity: 'minor' });
    expect(Object.keys(tally.summary().areas)).toEqual(['health', 'economy']);
    expect(tally.summary().areas).toEqual({ health: null, economy: 100 });
    expect(() => tally.add({ status: 'pass' }, { area: 'prevention', severity: 'minor' })).toThrow(
      /not an area of the scoring method/,
    );
  });
});
