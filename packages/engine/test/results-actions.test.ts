import { type Finding, Rule, ScoringMethod } from '@shoutu/core';
import { buildResults, compileRule } from '@shoutu/engine';
import { expect, test } from 'vitest';
import { level, registryOf, t, unit } from './helpers.js';

// A territory unlike the sample's: a country, its states and their counties.
const DAY = '2021-03-01';
const COUNTIES = ['8400101', '8400102', '8400103', '8400104'];
const registry = registryOf({
  levels: [level('country', 3), level('state', 5), level('county', 7)],
  units: [
    unit('840', 'country'),
    unit('84001', 'state', '840'),
    ...COUNTIES.map((c) => unit(c, 'county', '84001')),
  ],
});
const rule = (id: string, area: string, severity: string, lvl = 'county') =>
  compileRule(
    Rule.parse({
      id,
      version: 1,
      area,
      severity,
      title: t(id),
      description: t(id),
      remediation: t(id),
      responsible: 'territorial',
      appliesTo: { kind: 'territory', level: lvl },
      source: { document: t('Act'), clause: t('1'), assumed: false },
      effective: { from: '2021-01-01' },
      missing: { mode: 'fail' },
      conditions: { all: [{ fact: 'county-daily.tests', operator: 'greaterThan', value: 0 }] },
    }),
  );
const RULES = [
  rule('health.tests', 'health', 'major'),
  rule('health.beds', 'health', 'minor'),
  rule('economy.jobs', 'economy', 'critical'),
  rule('health.state-own', 'health', 'major', 'state'),
];
const scoring = ScoringMethod.parse({
  name: 'weighted',
  version: 1,
  description: t('Weighted'),
  severityWeights: { critical: 5, major: 3, minor: 1 },
  areas: [
    { id: 'health', name: t('Health'), weight: 2 },
    { id: 'economy', name: t('Economy'), weight: 1 },
  ],
  missingReport: { mode: 'partial', credit: 0.5 },
  error: { mode: 'fail' },
  bands: { green: 90, yellow: 75 },
  criticalCap: { yellow: 0 },
  trend: { flatWithin: 1 },
});

function district(findings: Finding[]) {
  const r = buildResults({
    day: DAY,
    registry,
    rules: RULES,
    findings,
    facts: [],
    rulesHash: 'h',
    scoring,
    scoringHash: 's',
    input: { reportFiles: 0, rows: 0, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 },
    languages: ['en'],
  });
  return r.districts[0]!;
}

/** Every rule on every county and the state, passing unless `status` says otherwise. */
function day(status: Record<string, Finding['status']> = {}): Finding[] {
  const out: Finding[] = [];
  for (const r of RULES.slice(0, 3))
    for (const c of COUNTIES)
      out.push({ rule: r.rule.id, subject: c, status: status[`${r.rule.id} ${c}`] ?? 'pass' });
  out.push({
    rule: 'health.state-own',
    subject: '84001',
    status: status['health.state-own 84001'] ?? 'pass',
  });
  return out;
}

const FOUND: Record<string, Finding['status']> = {
  'health.tests 8400101': 'fail',
  'health.tests 8400102': 'fail',
  'health.tests 8400103': 'missing',
  'health.beds 8400101': 'fail',
  'economy.jobs 8400104': 'missing',
  'economy.jobs 8400103': 'waived',
  'health.beds 8400104': 'error',
  'health.state-own 84001': 'fail',
};

test('actions list each rule and status of failures and missing reports, most points lost first', () => {
  const d = district(day(FOUND));
  // Health weighs 2/3 and has 19 possible points (12 + 4 + 3, the error counting as a failure);
  // economy 1/3 and 15 (the waived check is not scored); a missing report earns half.
  expect(d.actions).toEqual([
    { rule: 'health.tests', status: 'fail', count: 2, overdue: 0, maxOverdueDays: 0, lost: 21.05 }, // 2/3 × 6/19
    {
      rule: 'health.state-own',
      status: 'fail',
      count: 1,
      overdue: 0,
      maxOverdueDays: 0,
      lost: 10.53,
    }, // 2/3 × 3/19
    {
      rule: 'economy.jobs',
      status: 'missing',
      count: 1,
      overdue: 0,
      maxOverdueDays: 0,
      lost: 5.56,
    }, // 1/3 × 2.5/15
    {
      rule: 'health.tests',
      status: 'missing',
      count: 1,
      overdue: 0,
      maxOverdueDays: 0,
      lost: 5.26,
    }, // 2/3 × 1.5/19
    { rule: 'health.beds', status: 'fail', count: 1, overdue: 0, maxOverdueDays: 0, lost: 3.51 }, // 2/3 × 1/19
  ]);
  const lost = d.actions.map((a) => a.lost);
  expect(lost).toEqual([...lost].sort((a, b) => b - a));
  // Waived findings are accepted for now, errors are not a rule to act on: neither is listed.
  expect(d.actions.some((a) => a.rule === 'health.beds' && a.count > 1)).toBe(false);
});

test("an action's points are what the district's score would gain were those checks passed", () => {
  const d = district(day(FOUND));
  for (const a of d.actions) {
    const fixed = Object.fromEntries(
      Object.entries(FOUND).filter(([k, s]) => !(k.startsWith(`${a.rule} `) && s === a.status)),
    );
    const gain = district(day(fixed)).summary.score! - d.summary.score!;
    expect(Math.abs(gain - a.lost)).toBeLessThanOrEqual(0.11);
  }
});

test('the points of the actions and of errors add up to what the district lost', () => {
  const d = district(day(FOUND));
  const withoutError = Object.fromEntries(Object.entries(FOUND).filter(([, s]) => s !== 'error'));
  const errorLost = district(day(withoutError)).summary.score! - d.summary.score!;
  const total = d.actions.reduce((s, a) => s + a.lost, 0) + errorLost;
  expect(Math.abs(total - (100 - d.summary.score!))).toBeLessThanOrEqual(0.1);
});

test('a district with nothing failing has no actions', () => {
  expect(district(day()).actions).toEqual([]);
});

test('ties are ordered by rule id', () => {
  // Three minor failures weigh as much as one major failure.
  const d = district(
    day({
      'health.tests 8400104': 'fail',
      'health.beds 8400101': 'fail',
      'health.beds 8400102': 'fail',
      'health.beds 8400103': 'fail',
    }),
  );
  expect(d.actions.map((a) => [a.rule, a.count])).toEqual([
    ['health.beds', 3],
    ['health.tests', 1],
  ]);
  expect(d.actions[0]?.lost).toBe(d.actions[1]?.lost);
});
