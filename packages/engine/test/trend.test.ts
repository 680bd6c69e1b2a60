import { addDays } from '@shoutu/core';
import { type DaySnapshot, fittedChange, trendOf } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

const DAY = '2020-02-10';
/** A history of one unit's scores, `before[i]` on the day i + 1 days before DAY. */
const history = (before: (number | null)[]) => (day: string) => {
  const i = before.findIndex((_, k) => addDays(DAY, -(k + 1)) === day);
  if (i < 0) return undefined;
  const snapshot: DaySnapshot = { scores: new Map([['u', before[i] ?? null]]), streaks: new Map() };
  return snapshot;
};

describe('trends', () => {
  test('a steep fall on a 0–100 scale never moves more than the scale allows', () => {
    // 100 for four days, then 0 for three: the fitted line runs from 121.4 to −7.1.
    const t = trendOf('u', DAY, 0, history([0, 0, 100, 100, 100, 100]));
    expect(t.week).toBe(-100);
    expect(t.week).toBeGreaterThanOrEqual(-100);
    expect(
      fittedChange([
        [-6, 0],
        [-5, 0],
        [-4, 0],
        [-3, 0],
        [-2, 100],
        [-1, 100],
        [0, 100],
      ]),
    ).toBe(100);
  });

  test('the fitted change is measured between the first and last scored days present', () => {
    // Scored 5 and 3 days ago and today, on a straight line, so the change is the difference.
    const t = trendOf('u', DAY, 70, history([null, null, 58, null, 50]));
    expect(t.week).toBe(20);
    expect(
      fittedChange([
        [-4, 50],
        [-2, 60],
        [0, 70],
      ]),
    ).toBe(20);
    // Unclamped fits are the least-squares slope times the span, as before.
    expect(
      fittedChange([
        [-2, 50],
        [-1, 70],
        [0, 60],
      ]),
    ).toBe(10);
  });

  test('fewer than two scored days give no trend', () => {
    expect(trendOf('u', DAY, 70, history([])).week).toBe(null);
  });
});
