import { CityResults, type Finding, Form, Rule, ScoringMethod } from '@shoutu/core';
import { buildResults, compileRule } from '@shoutu/engine';
import { expect, test } from 'vitest';
import { level, registryOf, t, unit } from './helpers.js';

// A territory unlike the sample's: a country and its states, no places, no departments.
const DAY = '2021-03-01';
const registry = registryOf({
  levels: [level('country', 3), level('state', 5)],
  units: [unit('840', 'country'), unit('84001', 'state', '840'), unit('84002', 'state', '840')],
});
const stateRule = (id: string, level: string) =>
  compileRule(
    Rule.parse({
      id,
      version: 1,
      area: 'health',
      severity: 'major',
      title: t(id),
      description: t(id),
      remediation: t(id),
      responsible: 'territorial',
      appliesTo: { kind: 'territory', level },
      source: { document: t('Act'), clause: t('1'), assumed: false },
      effective: { from: '2021-01-01' },
      missing: { mode: 'fail' },
      conditions: { all: [{ fact: 'state-daily.tests', operator: 'greaterThan', value: 0 }] },
    }),
  );
const form = Form.parse({
  $schema: '../schemas/form.schema.json',
  id: 'state-daily',
  title: t('State daily'),
  subjects: { kind: 'territory', level: 'state' },
  fields: [{ id: 'tests', type: 'integer', unit: 'item', label: t('Tests'), min: 0 }],
});
const scoring = ScoringMethod.parse({
  name: 'weighted',
  version: 1,
  description: t('Weighted'),
  severityWeights: { critical: 5, major: 3, minor: 1 },
  areas: [
    { id: 'health', name: t('Health'), weight: 2 },
    { id: 'economy', name: t('Economy'), weight: 1 },
  ],
  missingReport: { mode: 'fail' },
  error: { mode: 'ignore' },
  bands: { green: 90, yellow: 75 },
  criticalCap: { yellow: 0 },
  trend: { flatWithin: 1 },
});
const finding = (rule: string, subject: string, status: Finding['status']): Finding => ({
  rule,
  subject,
  status,
});

function results(findings: Finding[]) {
  return buildResults({
    day: DAY,
    registry,
    rules: [stateRule('health.state-tests', 'state'), stateRule('health.own', 'country')],
    findings,
    facts: [],
    rulesHash: 'h',
    scoring,
    scoringHash: 's',
    input: { reportFiles: 0, rows: 0, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 },
    forms: [form],
    languages: ['en'],
  });
}

test('the index names the territory and carries the forms in force, as the contract says', () => {
  const { city } = results([
    finding('health.state-tests', '84001', 'pass'),
    finding('health.state-tests', '84002', 'pass'),
  ]);
  expect(CityResults.parse(city)).toEqual(city);
  expect(city.territory).toEqual({
    languages: ['en'],
    levels: [level('country', 3), level('state', 5)],
    placeTypes: [],
    departments: [],
    measurementUnits: [],
    areas: [
      { id: 'health', name: t('Health'), weight: 2 },
      { id: 'economy', name: t('Economy'), weight: 1 },
    ],
  });
  // Labels, types, units and flags of the fields; the editor's `$schema` is not part of it.
  expect(city.forms).toEqual([
    {
      id: 'state-daily',
      title: t('State daily'),
      subjects: { kind: 'territory', level: 'state' },
      fields: [
        {
          id: 'tests',
          type: 'integer',
          unit: 'item',
          label: t('Tests'),
          min: 0,
          required: true,
          personal: false,
        },
      ],
    },
  ]);
  expect(city.findings).toEqual([]);
  expect(city.ownLost).toBe(0);
  expect(city.districts.map((d) => d.position)).toEqual([undefined, undefined]);
});

test("the top unit's own findings are listed in the index and weigh in its score", () => {
  const { city, districts } = results([
    finding('health.state-tests', '84001', 'pass'),
    finding('health.state-tests', '84002', 'pass'),
    finding('health.own', '840', 'fail'),
  ]);
  expect(city.findings.map((f) => [f.rule, f.subject, f.status])).toEqual([
    ['health.own', '840', 'fail'],
  ]);
  // Three checks of equal weight, one failed: 66.7, all of the 33.3 lost on the top unit's own.
  expect(city.summary.score).toBe(66.7);
  expect(city.ownLost).toBe(33.33);
  expect(city.districts.map((d) => d.lost)).toEqual([0, 0]);
  expect(districts.flatMap((d) => d.findings)).toEqual([]);
});
