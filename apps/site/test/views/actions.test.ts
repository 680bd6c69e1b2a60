/** What a district must act on first (the interim adapter on format-3 results, lib/actions.ts). */
import type { CityResults, DistrictResults } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { interimActions } from '../../src/lib/actions';

const counts = (pass: number, fail: number, missing = 0, waived = 0) => ({
  pass,
  fail,
  missing,
  waived,
  notApplicable: 0,
  error: 0,
});

const scoring = (missing: 'fail' | 'ignore') =>
  ({
    severityWeights: { critical: 5, major: 3, minor: 1 },
    areas: [
      { id: 'one', weight: 2 },
      { id: 'two', weight: 1 },
      { id: 'unscored', weight: 5 },
    ],
    missingReport: { mode: missing },
    error: { mode: 'ignore' },
  }) as unknown as CityResults['scoring'];

const city = (missing: 'fail' | 'ignore' = 'fail') =>
  ({
    scoring: scoring(missing),
    rules: [
      { id: 'crit', severity: 'critical', area: 'one' },
      { id: 'minor', severity: 'minor', area: 'one' },
      { id: 'other', severity: 'major', area: 'two' },
    ],
  }) as unknown as CityResults;

const f = (rule: string, status: string, subject = 'S') => ({ rule, status, subject });

const district = {
  rules: [
    { id: 'crit', counts: counts(8, 2) },
    { id: 'minor', counts: counts(9, 0, 1, 1) },
    { id: 'other', counts: counts(3, 1) },
  ],
  findings: [
    f('crit', 'fail', 'A'),
    f('crit', 'fail', 'B'),
    f('minor', 'missing'),
    f('minor', 'waived'),
    f('other', 'fail'),
  ],
} as unknown as DistrictResults;

describe('interimActions', () => {
  test('groups failures and missing reports by rule with the points of the score they cost', () => {
    // Area one: possible 5×10 + 1×10 = 60, weight 2 of 3; area two: possible 3×4 = 12, weight 1.
    // crit: 2 × 5 missed → 2/3 × 100 × 10/60 = 11.11; other: 1/3 × 100 × 3/12 = 8.33;
    // minor's missing report: 2/3 × 100 × 1/60 = 1.11. The waived finding is not an action.
    expect(interimActions(city(), district)).toEqual([
      { rule: 'crit', status: 'fail', count: 2, lost: 11.11 },
      { rule: 'other', status: 'fail', count: 1, lost: 8.33 },
      { rule: 'minor', status: 'missing', count: 1, lost: 1.11 },
    ]);
  });

  test('the points add up to 100 minus the exact score when every failure is listed', () => {
    const lost = interimActions(city(), district).reduce((n, a) => n + a.lost, 0);
    const one = (100 * (5 * 8 + 1 * 9)) / 60;
    const two = (100 * 9) / 12;
    expect(lost).toBeCloseTo(100 - (2 * one + two) / 3, 1);
  });

  test('a missing report the method does not score costs no points but is still listed', () => {
    const actions = interimActions(city('ignore'), district);
    expect(actions.at(-1)).toEqual({ rule: 'minor', status: 'missing', count: 1, lost: 0 });
  });

  test('only the areas with checks weigh; ties go by rule id', () => {
    const d = {
      rules: [
        { id: 'minor', counts: counts(0, 1) },
        { id: 'crit', counts: counts(0, 0) },
        { id: 'other', counts: counts(0, 0) },
      ],
      findings: [f('minor', 'fail'), f('minor', 'missing')],
    } as unknown as DistrictResults;
    // Area one alone is scored; minor has 1 possible point (the missing report: 0 checks counted).
    expect(interimActions(city(), d).map((a) => `${a.rule}:${a.status}:${a.lost}`)).toEqual([
      'minor:fail:100',
      'minor:missing:100',
    ]);
  });
});
