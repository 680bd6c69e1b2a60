import { criticalCapOf, type Finding, Rule, ScoringMethod } from '@shoutu/core';
import { buildResults, compileRule, type DaySnapshot, dueOf, Tally } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';
import { level, registryOf, t, unit } from './helpers.js';

// A territory unlike the sample's: a country, its states and their counties.
const DAY = '2021-03-10';
const registry = registryOf({
  levels: [level('country', 3), level('state', 5), level('county', 7)],
  units: [
    unit('840', 'country'),
    unit('84001', 'state', '840'),
    unit('84002', 'state', '840'),
    unit('8400101', 'county', '84001'),
    unit('8400102', 'county', '84001'),
    unit('8400201', 'county', '84002'),
  ],
});
const COUNTIES = ['8400101', '8400102', '8400201'];

const rule = (id: string, severity: string, deadline?: object) =>
  compileRule(
    Rule.parse({
      id,
      version: 1,
      area: 'health',
      severity,
      title: t(id),
      description: t(id),
      remediation: t(id),
      responsible: 'territorial',
      appliesTo: { kind: 'territory', level: 'county' },
      source: { document: t('Act'), clause: t('§ 1', 'section 1'), assumed: false },
      effective: { from: '2021-01-01' },
      ...(deadline ? { deadline } : {}),
      conditions: { all: [{ fact: 'county-daily.tests', operator: 'greaterThan', value: 0 }] },
    }),
  );
const RULES = [
  rule('health.same-day', 'critical', { days: 0, basis: 'seed', source: t('当日', 'same day') }),
  rule('health.three-days', 'major', { days: 3, basis: 'assumed' }),
  rule('health.no-deadline', 'minor'),
];
const method = (criticalCap: object) =>
  ScoringMethod.parse({
    name: 'weighted',
    version: 2,
    description: t('Weighted'),
    severityWeights: { critical: 5, major: 3, minor: 1 },
    areas: [{ id: 'health', name: t('Health'), weight: 1 }],
    missingReport: { mode: 'fail' },
    error: { mode: 'ignore' },
    bands: { green: 90, yellow: 75 },
    criticalCap,
    trend: { flatWithin: 1 },
  });

/** Yesterday's streaks, by `rule|subject`: today's streak is one more. */
const history =
  (streaks: Record<string, number>) =>
  (day: string): DaySnapshot | undefined =>
    day === '2021-03-09'
      ? { scores: new Map(), streaks: new Map(Object.entries(streaks)) }
      : undefined;

function results(findings: Finding[], streaks: Record<string, number> = {}, cap = { yellow: 0 }) {
  return buildResults({
    day: DAY,
    registry,
    rules: RULES,
    findings,
    facts: [],
    rulesHash: 'h',
    scoring: method(cap),
    scoringHash: 's',
    input: { reportFiles: 0, rows: 0, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 },
    history: history(streaks),
    languages: ['en'],
  });
}

/** Every rule on every county, passing unless `status` says otherwise. */
function day(status: Record<string, Finding['status']> = {}): Finding[] {
  return RULES.flatMap((r) =>
    COUNTIES.map((c) => ({
      rule: r.rule.id,
      subject: c,
      status: status[`${r.rule.id} ${c}`] ?? 'pass',
    })),
  );
}

describe('dueOf: the due day from the first day of the streak, never the clock', () => {
  test.each([
    // deadline, streak today, due, days overdue
    [{ days: 0 }, 1, '2021-03-10', 0],
    [{ days: 0 }, 3, '2021-03-08', 2],
    [{ days: 3 }, 1, '2021-03-13', 0],
    [{ days: 3 }, 4, '2021-03-10', 0],
    [{ days: 3 }, 5, '2021-03-09', 1],
    [{ hours: 2 }, 1, '2021-03-10', 0],
    [{ hours: 2 }, 2, '2021-03-09', 1],
    [{ hours: 30 }, 2, '2021-03-10', 0],
    [{ hours: 30 }, 3, '2021-03-09', 1],
  ])('%j with a streak of %i is due %s, %i days overdue', (d, streak, due, overdueDays) => {
    expect(dueOf({ ...d, basis: 'assumed' }, DAY, streak)).toEqual({ due, overdueDays });
  });

  test('crosses a month and a leap day', () => {
    expect(dueOf({ days: 1, basis: 'assumed' }, '2024-03-01', 1)).toEqual({
      due: '2024-03-02',
      overdueDays: 0,
    });
    expect(dueOf({ days: 0, basis: 'assumed' }, '2024-03-01', 3)).toEqual({
      due: '2024-02-28',
      overdueDays: 2,
    });
  });
});

describe('findings, summaries and actions carry deadlines', () => {
  const found = {
    'health.same-day 8400101': 'fail',
    'health.same-day 8400102': 'missing',
    'health.same-day 8400201': 'waived',
    'health.three-days 8400101': 'fail',
    'health.three-days 8400102': 'fail',
    'health.no-deadline 8400101': 'fail',
  } as const;
  const streaks = {
    'health.same-day|8400101': 2, // today 3: due 03-08, 2 days over
    'health.same-day|8400201': 4, // waived, today 5: due 03-06, 4 days over, not counted
    'health.three-days|8400101': 4, // today 5: due 03-09, 1 day over
    'health.no-deadline|8400101': 9,
  };
  const r = results(day(found), streaks);
  const findingOf = (rule: string, subject: string) =>
    r.districts.flatMap((d) => d.findings).find((f) => f.rule === rule && f.subject === subject);

  test('a failure, a missing report and a waived finding of a rule with a deadline', () => {
    expect(findingOf('health.same-day', '8400101')).toMatchObject({
      status: 'fail',
      streak: 3,
      due: '2021-03-08',
      overdueDays: 2,
    });
    // Missing today for the first time: due today, not yet over.
    expect(findingOf('health.same-day', '8400102')).toMatchObject({
      status: 'missing',
      streak: 1,
      due: '2021-03-10',
      overdueDays: 0,
    });
    expect(findingOf('health.same-day', '8400201')).toMatchObject({
      status: 'waived',
      streak: 5,
      due: '2021-03-06',
      overdueDays: 4,
    });
    expect(findingOf('health.three-days', '8400102')).toMatchObject({
      due: '2021-03-13',
      overdueDays: 0,
    });
  });

  test('a rule without a deadline gives no due day', () => {
    const f = findingOf('health.no-deadline', '8400101');
    expect(f?.streak).toBe(10);
    expect(f).not.toHaveProperty('due');
    expect(f).not.toHaveProperty('overdueDays');
  });

  test('overdue rolls up the territory as fail does; waived never counts', () => {
    const county = (code: string) =>
      r.districts.flatMap((d) => d.units).find((u) => u.code === code)?.summary;
    expect(county('8400101')?.overdue).toBe(2); // same-day and three-days
    expect(county('8400102')?.overdue).toBe(0);
    expect(county('8400201')?.overdue).toBe(0); // waived
    expect(r.districts[0]?.summary.overdue).toBe(2);
    expect(r.districts[1]?.summary.overdue).toBe(0);
    expect(r.city.summary.overdue).toBe(2);
    expect(r.city.districts.map((d) => d.summary.overdue)).toEqual([2, 0]);
  });

  test('actions say how many are past due and by how many days at most', () => {
    expect(r.districts[0]?.actions.map(({ lost: _, ...a }) => a)).toEqual(
      expect.arrayContaining([
        { rule: 'health.same-day', status: 'fail', count: 1, overdue: 1, maxOverdueDays: 2 },
        { rule: 'health.same-day', status: 'missing', count: 1, overdue: 0, maxOverdueDays: 0 },
        { rule: 'health.three-days', status: 'fail', count: 2, overdue: 1, maxOverdueDays: 1 },
        { rule: 'health.no-deadline', status: 'fail', count: 1, overdue: 0, maxOverdueDays: 0 },
      ]),
    );
    expect(r.districts[0]?.actions).toHaveLength(4);
  });

  test('rule information carries the deadline and the clause in every language', () => {
    const info = r.city.rules.find((x) => x.id === 'health.same-day');
    expect(info?.deadline).toEqual({ days: 0, basis: 'seed', source: t('当日', 'same day') });
    expect(info?.source.clause).toEqual({ zh: '§ 1', en: 'section 1' });
    expect(r.city.rules.find((x) => x.id === 'health.no-deadline')).not.toHaveProperty('deadline');
  });

  test('criticalChecks counts the critical checks scored, up the territory', () => {
    // same-day is the only critical rule: 3 counties, the waived one not scored.
    expect(r.city.summary.criticalChecks).toBe(2);
    expect(r.city.summary.criticalFailures).toBe(2);
    expect(r.city.districts.map((d) => d.summary.criticalChecks)).toEqual([2, 0]);
  });
});

describe('the critical cap by share', () => {
  const M = (criticalCap: object) => method(criticalCap);
  test.each([
    // failures, checks, cap, band cap
    [0, 10, { yellow: 0, red: 0 }, null],
    [1, 10, {}, null],
    [1, 10, { yellow: 0 }, 'yellow'],
    [1, 100, { yellow: 0.01 }, null], // exactly the share: not above it
    [2, 100, { yellow: 0.01 }, 'yellow'],
    [5, 100, { yellow: 0.01, red: 0.05 }, 'yellow'], // exactly red: yellow
    [6, 100, { yellow: 0.01, red: 0.05 }, 'red'],
    [6, 100, { red: 0.05 }, 'red'],
    [3, 100, { red: 0.05 }, null],
    [1, 0, { yellow: 0 }, null],
  ])('%i of %i critical checks under %j caps at %s', (failures, checks, cap, band) => {
    expect(criticalCapOf(failures, checks, M(cap))).toBe(band);
  });

  test('a tally caps its band by its own share, and a merged tally by the merged share', () => {
    const critical = { area: 'health', severity: 'critical' as const };
    const cap = { yellow: 0.02, red: 0.1 };
    // 1 failure in 20 critical checks (5 %) under 98 points: yellow by share.
    const a = new Tally(M(cap));
    for (let i = 0; i < 19; i++) a.add({ status: 'pass' }, critical);
    a.add({ status: 'fail' }, critical);
    expect(a.summary()).toMatchObject({
      score: 95,
      band: 'yellow',
      capped: true,
      criticalFailures: 1,
      criticalChecks: 20,
    });
    // Merged with 80 passing checks: 1 of 100 (1 %), under the yellow cap: green by score (99).
    const b = new Tally(M(cap));
    for (let i = 0; i < 80; i++) b.add({ status: 'pass' }, critical);
    const parent = new Tally(M(cap));
    parent.merge(a);
    parent.merge(b);
    expect(parent.summary()).toMatchObject({
      score: 99,
      band: 'green',
      capped: false,
      criticalChecks: 100,
    });
    // 3 of 20 (15 %): red, though the score alone (85) gives yellow.
    const c = new Tally(M(cap));
    for (let i = 0; i < 17; i++) c.add({ status: 'pass' }, critical);
    for (let i = 0; i < 3; i++) c.add({ status: 'fail' }, critical);
    expect(c.summary()).toMatchObject({ score: 85, band: 'red', capped: true });
  });

  test('a waived or ignored check is not a critical check; a missing report that fails is', () => {
    const critical = { area: 'health', severity: 'critical' as const };
    const x = new Tally(M({ yellow: 0 }));
    x.add({ status: 'waived' }, critical);
    x.add({ status: 'error' }, critical); // error: ignore
    x.add({ status: 'not-applicable' }, critical);
    expect(x.summary()).toMatchObject({ criticalChecks: 0, criticalFailures: 0 });
    x.add({ status: 'missing' }, critical);
    expect(x.summary()).toMatchObject({ criticalChecks: 1, criticalFailures: 1, band: 'red' });
  });
});
