/**
 * Whatever a valid scoring method and whatever findings: every score is a finite number from 0
 * to 100, or null when nothing was counted; the points lost in the parts add up to 100 − score.
 */
import { MAX_WEIGHT, MIN_WEIGHT, ScoringMethod, SEVERITIES, STATUSES } from '@shoutu/core';
import { checkedScore, Tally } from '@shoutu/engine';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const AREA_IDS = ['a', 'b', 'c'] as const;
const t = (s: string) => ({ zh: s, en: s });

const weight = fc.oneof(
  fc.double({ min: MIN_WEIGHT, max: MAX_WEIGHT, noNaN: true }),
  fc.constantFrom(MIN_WEIGHT, 1, MAX_WEIGHT),
);
const credit = fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true, maxExcluded: true });
const countMode = fc.oneof(
  fc.constant({ mode: 'fail' as const }),
  fc.constant({ mode: 'ignore' as const }),
  credit.map((c) => ({ mode: 'partial' as const, credit: c })),
);
const method = fc
  .record({
    severityWeights: fc.record({ critical: weight, major: weight, minor: weight }),
    areaWeights: fc.tuple(weight, weight, weight),
    missingReport: countMode,
    error: countMode,
    bands: fc
      .tuple(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
      )
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ green: Math.max(a, b), yellow: Math.min(a, b) })),
    cap: fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([a, b]) => ({ yellow: Math.min(a, b), red: Math.max(a, b) })),
  })
  .map((m) =>
    ScoringMethod.parse({
      name: 'random',
      version: 1,
      description: t('random'),
      severityWeights: m.severityWeights,
      areas: AREA_IDS.map((id, i) => ({ id, name: t(id), weight: m.areaWeights[i] })),
      missingReport: m.missingReport,
      error: m.error,
      bands: m.bands,
      criticalCap: m.cap,
      trend: { flatWithin: 1 },
    }),
  );
const finding = fc.record({
  status: fc.constantFrom(...STATUSES),
  area: fc.constantFrom(...AREA_IDS),
  severity: fc.constantFrom(...SEVERITIES),
});
/** Findings of a few parts (places, grids), merged into a parent as the territory does. */
const parts = fc.array(fc.array(finding, { maxLength: 40 }), { minLength: 1, maxLength: 5 });

const inRange = (s: number | null) => s === null || (Number.isFinite(s) && s >= 0 && s <= 100);

describe('scores stay in range', () => {
  test('every score is null or a finite number from 0 to 100', () => {
    fc.assert(
      fc.property(method, parts, (m, groups) => {
        const parent = new Tally(m);
        const tallies = groups.map((findings) => {
          const tally = new Tally(m);
          for (const f of findings) tally.add({ status: f.status }, f);
          parent.merge(tally);
          return tally;
        });
        for (const tally of [parent, ...tallies]) {
          const s = tally.summary();
          expect(inRange(s.score)).toBe(true);
          for (const a of Object.values(s.areas)) expect(inRange(a)).toBe(true);
          // Nothing counted: no score, said as null, not as 0 or 100.
          const counted = [...tally.points.values()].some((p) => p.possible > 0);
          expect(s.score === null).toBe(!counted);
        }
        const score = parent.summary().score;
        if (score !== null) {
          let lost = 0;
          for (const tally of tallies) {
            const l = parent.lostIn(tally);
            expect(Number.isFinite(l) && l >= 0).toBe(true);
            lost += l;
          }
          expect(Math.abs(lost - (100 - score))).toBeLessThan(0.1 + 0.01 * tallies.length);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('a method whose numbers cannot be scored is refused with its place', () => {
  const base = {
    name: 'w',
    version: 1,
    description: t('w'),
    severityWeights: { critical: 5, major: 3, minor: 1 },
    areas: [{ id: 'a', name: t('a'), weight: 1 }],
    missingReport: { mode: 'fail' },
    error: { mode: 'ignore' },
    bands: { green: 90, yellow: 75 },
    criticalCap: { yellow: 0 },
    trend: { flatWithin: 1 },
  };
  const issues = (over: object) =>
    ScoringMethod.safeParse({ ...base, ...over }).error?.issues.map(
      (i) => `${i.path.join('.')}: ${i.message}`,
    );
  test.each([
    [
      { severityWeights: { critical: 1e308, major: 3, minor: 1 } },
      'severityWeights.critical: expected a weight of at most 1000: weights count relative to each other, so 5, 3 and 1 say the same as 500, 300 and 100',
    ],
    [
      { severityWeights: { critical: 0, major: 3, minor: 1 } },
      'severityWeights.critical: expected a weight of at least 0.001 (and at most 1000)',
    ],
    [
      { areas: [{ id: 'a', name: t('a'), weight: 1001 }] },
      'areas.0.weight: expected a weight of at most 1000: weights count relative to each other, so 5, 3 and 1 say the same as 500, 300 and 100',
    ],
    [
      { error: { mode: 'partial', credit: 1 } },
      'error.credit: expected a credit below 1 (1 would be a pass)',
    ],
    [{ bands: { green: 190, yellow: 75 } }, 'bands.green: expected a score from 0 to 100'],
    [{ bands: { green: 90, yellow: -1 } }, 'bands.yellow: expected a score from 0 to 100'],
    [
      { bands: { green: 75, yellow: 90 } },
      'bands.yellow: expected the yellow band to start below green (75)',
    ],
  ])('%j', (over, message) => {
    expect(issues(over)).toEqual([message]);
  });
});

describe('checkedScore', () => {
  test('a score that is not a finite number from 0 to 100 is a bug, never published', () => {
    expect(checkedScore(0, 'overall')).toBe(0);
    expect(checkedScore(100, 'overall')).toBe(100);
    for (const wrong of [Number.NaN, Number.POSITIVE_INFINITY, -0.1, 100.1])
      expect(() => checkedScore(wrong, 'overall')).toThrow(/^bug: the overall score came out as/);
  });
});
