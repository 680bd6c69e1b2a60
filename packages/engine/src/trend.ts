import { addDays, type Finding, type Trend } from '@shoutu/core';
import { round1 } from './score.js';

/** What earlier snapshots said, as far as trends and streaks need it. */
export interface DaySnapshot {
  /** Overall score by unit code (the city, districts, streets, communities, grids). */
  scores: ReadonlyMap<string, number | null>;
  /** Days in a row a listed failure or missing report has lasted, by `rule|subject`. */
  streaks: ReadonlyMap<string, number>;
}

/** Earlier days' snapshots; undefined for a day that has none. */
export type History = (day: string) => DaySnapshot | undefined;

export const noHistory: History = () => undefined;

export function streakKey(f: Pick<Finding, 'rule' | 'subject'>): string {
  return `${f.rule}|${f.subject}`;
}

/** Is the finding a failure or a missing report, waived or not: the kind that makes a streak? */
export function isFailing(f: Pick<Finding, 'status'>): boolean {
  return f.status === 'fail' || f.status === 'missing' || f.status === 'waived';
}

/** Days in a row, today included, that the same rule has failed (or gone unreported) for the subject. */
export function streakOf(f: Pick<Finding, 'rule' | 'subject'>, day: string, history: History) {
  const before = history(addDays(day, -1))?.streaks.get(streakKey(f));
  return (before ?? 0) + 1;
}

/**
 * The least-squares change over the scored days of a window ending today: the slope times the
 * days between the first and the last scored day present, never extrapolated past them. A steep
 * fit can claim more than a score can move: the change is held to −100…100, what a 0–100 score
 * can move at most. Null with fewer than two scored days.
 */
export function fittedChange(points: [number, number][]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  const first = (points[0] as [number, number])[0];
  const last = (points[n - 1] as [number, number])[0];
  const change = (sxy / sxx) * (last - first);
  return round1(Math.min(100, Math.max(-100, change)));
}

/** How a unit's score moved: since yesterday, over 7 days and over 30 days. */
export function trendOf(code: string, day: string, score: number | null, history: History): Trend {
  if (score === null) return { change: null, week: null, month: null };
  const yesterday = history(addDays(day, -1))?.scores.get(code);
  const window = (days: number) => {
    const points: [number, number][] = [];
    for (let i = days - 1; i >= 1; i--) {
      const d = addDays(day, -i);
      const s = history(d)?.scores.get(code);
      if (s !== undefined && s !== null) points.push([-i, s]);
    }
    points.push([0, score]);
    return fittedChange(points);
  };
  return {
    change: yesterday === undefined || yesterday === null ? null : round1(score - yesterday),
    week: window(7),
    month: window(30),
  };
}
