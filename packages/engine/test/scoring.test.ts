/**
 * Scores of a small territory worked out by hand. Every expected number below is derived in the
 * comment above it, from the weights of METHOD; none was copied from the program's output.
 */
import { type Finding, type LoadedWaiver, Rule, ScoringMethod } from '@shoutu/core';
import {
  buildResults,
  compileRule,
  type DaySnapshot,
  emptyInputStats,
  type History,
  Tally,
} from '@shoutu/engine';
import { describe, expect, test } from 'vitest';
import { AREAS, LEVELS, registryOf, t, unit } from './helpers.js';

const DAY = '2020-02-10';
const MARKET = '210202001001001-01';

const METHOD = ScoringMethod.parse({
  name: 'weighted',
  version: 1,
  description: t('按严重程度加权'),
  severityWeights: { critical: 5, major: 3, minor: 1 },
  areas: AREAS,
  missingReport: { mode: 'fail' },
  error: { mode: 'ignore' },
  bands: { green: 90, yellow: 75 },
  criticalCap: { yellow: 0 },
  trend: { flatWithin: 1 },
});

/**
 * District A (210202): streets S1 (…001) and S2 (…002), one community each, two grids each;
 * a market in grid A1. District B (210203): one street, community and grid.
 * Street S2 and everything in it end on 2020-02-11; street S3 takes over on 2020-02-12.
 */
function registry() {
  const data = {
    levels: LEVELS,
    departments: [{ id: 'commerce', name: t('商务局'), lead: t('局长') }],
    placeTypes: [
      { id: 'market', name: t('市场'), department: 'commerce', firstResponsible: t('开办者') },
    ],
    units: [
      unit('210200', 'city'),
      unit('210202', 'district', '210200'),
      unit('210202001', 'street', '210202'),
      unit('210202001001', 'community', '210202001'),
      unit('210202001001001', 'grid', '210202001001'),
      unit('210202001001002', 'grid', '210202001001'),
      unit('210202002', 'street', '210202', { validTo: '2020-02-11' }),
      unit('210202002001', 'community', '210202002', { validTo: '2020-02-11' }),
      unit('210202002001001', 'grid', '210202002001', { validTo: '2020-02-11' }),
      unit('210202002001002', 'grid', '210202002001', { validTo: '2020-02-11' }),
      unit('210202003', 'street', '210202', {
        validFrom: '2020-02-12',
        predecessors: ['210202002'],
      }),
      unit('210202003001', 'community', '210202003', { validFrom: '2020-02-12' }),
      unit('210202003001001', 'grid', '210202003001', { validFrom: '2020-02-12' }),
      unit('210203', 'district', '210200'),
      unit('210203001', 'street', '210203'),
      unit('210203001001', 'community', '210203001'),
      unit('210203001001001', 'grid', '210203001001'),
    ],
    places: [
      {
        id: MARKET,
        grid: '210202001001001',
        type: 'market',
        name: t('市场'),
        validFrom: '2020-01-01',
      },
    ],
  };
  return registryOf(data);
}

const rule = (over: Record<string, unknown>) =>
  Rule.parse({
    title: t('规则'),
    description: t('规则'),
    responsible: 'territorial',
    remediation: t('整改'),
    source: { document: t('会议'), clause: t('x') },
    effective: { from: '2020-01-25' },
    conditions: { all: [{ fact: 'subject.households', operator: 'greaterThan', value: 0 }] },
    ...over,
  });
/** R1: prevention, critical (weight 5), every grid. */
const R1 = rule({
  id: 'prevention.screening',
  area: 'prevention',
  severity: 'critical',
  appliesTo: { kind: 'territory', level: 'grid' },
});
/** R2: security, major (weight 3), markets. */
const R2 = rule({
  id: 'security.prices',
  area: 'security',
  severity: 'major',
  appliesTo: { kind: 'place', placeTypes: ['market'] },
  conditions: { all: [{ fact: 'subject.staff', operator: 'greaterThan', value: 0 }] },
});
/** R3: safety, minor (weight 1), every street. */
const R3 = rule({
  id: 'safety.on-shift',
  area: 'safety',
  severity: 'minor',
  appliesTo: { kind: 'territory', level: 'street' },
});
const RULES = [R1, R2, R3].map((r) => compileRule(r));

const f = (rule: string, subject: string, status: Finding['status']): Finding => ({
  rule,
  subject,
  status,
});
const A1 = '210202001001001';
const A2 = '210202001001002';
const A3 = '210202002001001';
const A4 = '210202002001002';
const B1 = '210203001001001';
/** The day's findings, as the evaluator would give them. */
const FINDINGS: Finding[] = [
  f('prevention.screening', A1, 'pass'),
  f('prevention.screening', A2, 'fail'),
  f('prevention.screening', A3, 'pass'),
  f('prevention.screening', A4, 'missing'),
  f('security.prices', MARKET, 'fail'),
  f('safety.on-shift', '210202001', 'pass'),
  f('safety.on-shift', '210202002', 'fail'),
  f('prevention.screening', B1, 'pass'),
  f('safety.on-shift', '210203001', 'pass'),
];

function results(
  over: {
    findings?: Finding[];
    method?: Partial<ScoringMethod>;
    waivers?: LoadedWaiver[];
    history?: History;
    day?: string;
    rules?: typeof RULES;
  } = {},
) {
  return buildResults({
    day: over.day ?? DAY,
    registry: registry(),
    rules: over.rules ?? RULES,
    findings: over.findings ?? FINDINGS,
    facts: [],
    rulesHash: 'rules',
    scoring: { ...METHOD, ...over.method },
    scoringHash: 'scoring',
    waivers: over.waivers ?? [],
    waiversHash: 'waivers',
    input: emptyInputStats(),
    ...(over.history ? { history: over.history } : {}),
  });
}

const unitOf = (r: ReturnType<typeof results>, code: string) =>
  r.districts.flatMap((d) => d.units).find((u) => u.code === code);

describe('scores, by hand', () => {
  test('areas, overall, bands and roll-up', () => {
    const r = results();
    const a = r.districts[0]!;
    // District A. Prevention: 4 grid checks × 5 = 20 possible; A1 and A3 pass = 10 → 50.
    // Security: the market's 3 possible, 0 earned → 0. Safety: 2 street checks × 1, 1 earned → 50.
    // Overall: (2 × 50 + 1 × 0 + 1 × 50) / (2 + 1 + 1) = 37.5 → red. Two critical checks weigh
    // as failures (A2 failed; A4's missing report counts as a failure); they cannot lower a red
    // band, so it is not capped.
    expect(a.summary).toEqual({
      score: 37.5,
      areas: { prevention: 50, security: 0, safety: 50 },
      band: 'red',
      capped: false,
      criticalFailures: 2,
      criticalChecks: 4, // A1 to A4 (prevention is critical)
      overdue: 0, // no rule has a deadline
      counts: { pass: 3, fail: 3, missing: 1, waived: 0, notApplicable: 0, error: 0 },
    });
    // Street S1: A1 pass, A2 fail (prevention 5 of 10 = 50), market fail (security 0 of 3),
    // S1 pass (safety 1 of 1 = 100) → (2 × 50 + 0 + 100) / 4 = 50.
    expect(unitOf(r, '210202001')?.summary.score).toBe(50);
    // Street S2: A3 pass, A4 missing (prevention 5 of 10), S2 fail (safety 0 of 1); no security
    // check, so only prevention and safety weigh: (2 × 50 + 1 × 0) / 3 = 33.33 → 33.3.
    expect(unitOf(r, '210202002')?.summary.score).toBe(33.3);
    // District B: everything passed → 100, green.
    expect(r.districts[1]!.summary.score).toBe(100);
    expect(r.districts[1]!.summary.band).toBe('green');
    // City: prevention 15 of 25 = 60; security 0 of 3 = 0; safety 2 of 3 = 66.67.
    // (2 × 60 + 0 + 66.67) / 4 = 46.67 → 46.7. The big district is not averaged with B's 100.
    expect(r.city.summary.score).toBe(46.7);
    expect(r.city.summary.areas).toEqual({ prevention: 60, security: 0, safety: 66.7 });
  });

  test('each child’s contribution: the points its parent lost inside it', () => {
    const r = results();
    // In district A (prevention 20 possible, security 3, safety 2; area shares 2/4, 1/4, 1/4):
    // S1 lost 5 of 20 prevention points → 25 × 2/4 = 12.5, and 3 of 3 security → 100 × 1/4 = 25:
    // 37.5 in all. S2 lost 5 of 20 prevention → 12.5, and 1 of 2 safety → 50 × 1/4 = 12.5: 25.
    // Together 62.5 = 100 − 37.5.
    expect(unitOf(r, '210202001')?.lost).toBe(37.5);
    expect(unitOf(r, '210202002')?.lost).toBe(25);
    // In the city: A lost 10 of 25 prevention → 40 × 2/4 = 20; 3 of 3 security → 25; 1 of 3
    // safety → 33.33 × 1/4 = 8.33: 53.33 = 100 − 46.67. B lost nothing.
    expect(r.city.districts.map((d) => d.lost)).toEqual([53.33, 0]);
    // The market in grid A1: the grid has prevention 5 of 5 and security 0 of 3, weights 2 and 1:
    // (2 × 100 + 0) / 3 = 66.7; the market cost it 3 of 3 security points × 1/3 = 33.33.
    expect(unitOf(r, A1)?.summary.score).toBe(66.7);
    const market = r.districts[0]!.places.find((p) => p.id === MARKET);
    expect(market?.lost).toBe(33.33);
    expect(market?.summary.score).toBe(0);
  });

  test('points lost in the children and on the unit’s own checks add up to 100 − score', () => {
    const r = results();
    // Street S2 (33.3): its own check failed (safety 0 of 1; S2 has prevention 10 possible and
    // safety 1, area shares 2/3 and 1/3): 100 × 1/3 = 33.33 lost on its own check. Its community
    // lost 5 of 10 prevention points: 50 × 2/3 = 33.33. Together 66.67 = 100 − 33.33.
    const s2 = unitOf(r, '210202002')!;
    expect(s2.ownLost).toBe(33.33);
    expect(unitOf(r, '210202002001')?.lost).toBe(33.33);
    // The district has no checks of its own.
    expect(r.districts[0]!.ownLost).toBe(0);
  });

  test('a critical missing report caps the band, unless the method ignores missing reports', () => {
    const tally = (missingReport: ScoringMethod['missingReport']) => {
      const t = new Tally({ ...METHOD, missingReport });
      for (let i = 0; i < 19; i++)
        t.add({ status: 'pass' }, { area: 'safety', severity: 'critical' });
      t.add({ status: 'missing' }, { area: 'safety', severity: 'critical' });
      return t.summary();
    };
    // Counted as a failure: 19 of 20 → 95, green by score, capped to yellow.
    expect(tally({ mode: 'fail' })).toMatchObject({ score: 95, band: 'yellow', capped: true });
    // Ignored: 19 of 19 → 100, green. Partly credited: 19.5 of 20 → 97.5, green, not a failure.
    expect(tally({ mode: 'ignore' })).toMatchObject({ score: 100, band: 'green', capped: false });
    expect(tally({ mode: 'partial', credit: 0.5 })).toMatchObject({
      score: 97.5,
      band: 'green',
      capped: false,
    });
  });

  test('a missing report counts as the method says: fail, ignore, or partial credit', () => {
    const score = (missingReport: ScoringMethod['missingReport']) =>
      results({ method: { missingReport } }).districts[0]!.summary.score;
    // fail: as above, 37.5.
    expect(score({ mode: 'fail' })).toBe(37.5);
    // ignore: A4 drops out; prevention 10 of 15 = 66.67 → (133.33 + 0 + 50) / 4 = 45.83 → 45.8.
    expect(score({ mode: 'ignore' })).toBe(45.8);
    // partial 0.5: A4 earns 2.5 of 5; prevention 12.5 of 20 = 62.5 → (125 + 0 + 50) / 4 = 43.75,
    // rounded half up → 43.8.
    expect(score({ mode: 'partial', credit: 0.5 })).toBe(43.8);
  });

  test('an error counts as the method says; it never stops the others', () => {
    const findings = FINDINGS.map((x) =>
      x.subject === A2 ? { ...x, status: 'error' as const, message: 'boom' } : x,
    );
    // ignore: A2 drops out; prevention 10 of 15 → 45.8 as with an ignored missing report.
    expect(results({ findings }).districts[0]!.summary.score).toBe(45.8);
    // fail: A2 weighs as a failure: back to 37.5, with the error counted as such.
    const failing = results({ findings, method: { error: { mode: 'fail' } } }).districts[0]!;
    expect(failing.summary.score).toBe(37.5);
    expect(failing.summary.counts.error).toBe(1);
    expect(failing.findings.find((x) => x.subject === A2)?.message).toBe('boom');
  });

  test('a critical failure caps the band the score alone would give', () => {
    const tally = new Tally(METHOD);
    const critical = { area: 'prevention' as const, severity: 'critical' as const };
    for (let i = 0; i < 19; i++) tally.add({ status: 'pass' }, critical);
    tally.add({ status: 'fail' }, critical);
    // 19 of 20 → 95, green by score; one critical failure → yellow, capped.
    expect(tally.summary()).toMatchObject({ score: 95, band: 'yellow', capped: true });
    expect(new Tally({ ...METHOD, criticalCap: { red: 0 } }).summary().band).toBe(null);
    const strict = new Tally({ ...METHOD, criticalCap: { red: 0 } });
    strict.merge(tally);
    expect(strict.summary()).toMatchObject({ score: 95, band: 'red', capped: true });
    // A major failure does not cap: 19 of 20 major checks → 95, green.
    const major = new Tally(METHOD);
    for (let i = 0; i < 19; i++)
      major.add({ status: 'pass' }, { area: 'safety', severity: 'major' });
    major.add({ status: 'fail' }, { area: 'safety', severity: 'major' });
    expect(major.summary()).toMatchObject({ score: 95, band: 'green', capped: false });
  });
});

describe('waivers', () => {
  const waiver: LoadedWaiver = {
    subject: A2,
    rule: 'prevention.screening',
    reason: t('网格员招聘中', 'recruiting'),
    approver: '区指挥部办公室',
    start: '2020-02-05',
    expiry: DAY,
    source: 'data/waivers/w.json:3',
  };

  test('a waived failure is shown, not scored', () => {
    const a = results({ waivers: [waiver] }).districts[0]!;
    // A2 drops out of the score: prevention 10 of 15 → 45.8; A4's missing report is the one
    // critical failure left.
    expect(a.summary.score).toBe(45.8);
    expect(a.summary.criticalFailures).toBe(1);
    expect(a.summary.counts).toMatchObject({ fail: 2, waived: 1 });
    expect(a.findings.find((x) => x.subject === A2)).toMatchObject({
      status: 'waived',
      outcome: 'fail',
    });
    // An accepted failure is not among the longest-running failures that need attention.
    expect(results({ waivers: [waiver] }).city.streaks.map((x) => x.subject)).toEqual([
      A4,
      '210202002',
      MARKET,
    ]);
    expect(a.waivers).toEqual([
      {
        subject: A2,
        rule: 'prevention.screening',
        reason: t('网格员招聘中', 'recruiting'),
        approver: '区指挥部办公室',
        start: '2020-02-05',
        expiry: DAY,
        source: 'data/waivers/w.json:3',
      },
    ]);
  });

  test('an expired waiver, or one not yet started, no longer applies', () => {
    const expired = results({ waivers: [{ ...waiver, expiry: '2020-02-09' }] }).districts[0]!;
    expect(expired.summary.score).toBe(37.5);
    expect(expired.waivers).toEqual([]);
    expect(expired.findings.find((x) => x.subject === A2)?.status).toBe('fail');
    const future = results({ waivers: [{ ...waiver, start: '2020-02-11' }] }).districts[0]!;
    expect(future.summary.score).toBe(37.5);
  });

  test('a waiver never turns a pass or an error into anything else', () => {
    const a = results({ waivers: [{ ...waiver, subject: A1 }] }).districts[0]!;
    expect(a.findings.find((x) => x.subject === A1)).toBeUndefined();
    expect(a.summary.counts.waived).toBe(0);
  });
});

describe('trends and streaks', () => {
  const snapshot = (scores: Record<string, number>, streaks: Record<string, number> = {}) =>
    ({
      scores: new Map(Object.entries(scores)),
      streaks: new Map(Object.entries(streaks)),
    }) satisfies DaySnapshot;
  const days: Record<string, DaySnapshot> = {
    '2020-01-31': snapshot({ '210202': 47.5 }),
    '2020-02-08': snapshot({ '210202': 31.5 }),
    '2020-02-09': snapshot({ '210202': 34.5 }, { [`prevention.screening|${A2}`]: 4 }),
  };
  const history: History = (day) => days[day];

  test('change since yesterday, and the fitted change over 7 and 30 days', () => {
    const r = results({ history });
    // Yesterday 34.5, today 37.5 → +3. The week: days −2, −1, 0 at 31.5, 34.5, 37.5: slope 3 a day
    // over 2 days → +6. The month adds day −10 at 47.5: x = −10, −2, −1, 0 (mean −3.25),
    // y mean 37.75; Σdx·dy = −81.75, Σdx² = 62.75; slope −1.3028 × 10 days → −13.0.
    expect(r.districts[0]!.trend).toEqual({ change: 3, week: 6, month: -13 });
    expect(r.city.districts[0]!.trend).toEqual({ change: 3, week: 6, month: -13 });
    // District B has no history: nothing to compare with.
    expect(r.districts[1]!.trend).toEqual({ change: null, week: null, month: null });
  });

  test('a failure carries on yesterday’s streak; a new one starts at 1', () => {
    const r = results({ history });
    const a = r.districts[0]!;
    expect(a.findings.find((x) => x.subject === A2)?.streak).toBe(5);
    expect(a.findings.find((x) => x.subject === A4)?.streak).toBe(1);
    expect(r.city.streaks[0]).toEqual({
      rule: 'prevention.screening',
      subject: A2,
      district: '210202',
      status: 'fail',
      streak: 5,
    });
  });
});

describe('the territory and the rules change over time', () => {
  test('after a merger the new street carries the findings; the old one is gone', () => {
    const A5 = '210202003001001';
    const day = '2020-02-12';
    const findings = FINDINGS.filter((x) => x.subject !== A3 && x.subject !== A4)
      .filter((x) => x.subject !== '210202002')
      .concat([f('prevention.screening', A5, 'fail'), f('safety.on-shift', '210202003', 'pass')]);
    const r = results({ findings, day });
    const a = r.districts[0]!;
    expect(a.units.map((u) => u.code)).toEqual([
      '210202001',
      '210202001001',
      A1,
      A2,
      '210202003',
      '210202003001',
      A5,
    ]);
    // Prevention: A1 pass, A2 fail, A5 fail → 5 of 15; security 0 of 3; safety 2 of 2.
    // (2 × 33.33 + 0 + 100) / 4 = 41.67 → 41.7.
    expect(a.summary.score).toBe(41.7);
    // S3: prevention 0 of 5, safety 1 of 1 → (0 + 100) / 3 = 33.3.
    expect(unitOf(r, '210202003')?.summary.score).toBe(33.3);
  });

  test('the version of a rule in force that day decides its weight', () => {
    const v1 = rule({
      id: 'prevention.screening',
      area: 'prevention',
      severity: 'critical',
      appliesTo: { kind: 'territory', level: 'grid' },
      effective: { from: '2020-01-25', to: '2020-02-09' },
    });
    const v2 = { ...v1, version: 2, severity: 'minor' as const, effective: { from: DAY } };
    const rules = [compileRule(v1), compileRule(v2), compileRule(R2), compileRule(R3)];
    // On DAY version 2 (minor, weight 1) is in force: prevention 2 of 4 → still 50, but no
    // critical failure: district A 37.5 with no critical failure counted.
    const today = results({ rules }).districts[0]!.summary;
    expect(today).toMatchObject({ score: 37.5, criticalFailures: 0 });
    // The day before, version 1 (critical) was in force: A2's failure and A4's missing report.
    const before = results({ rules, day: '2020-02-09' }).districts[0]!.summary;
    expect(before).toMatchObject({ score: 37.5, criticalFailures: 2 });
    expect(
      results({ rules }).city.rules.find((x) => x.id === 'prevention.screening')?.version,
    ).toBe(2);
  });
});
