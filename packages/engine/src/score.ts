import {
  type Area,
  addDays,
  bandOf,
  type CountMode,
  type Counts,
  criticalCapOf,
  type Deadline,
  daysBetween,
  deadlineDays,
  type Finding,
  type ScoringMethod,
  type Severity,
  type Status,
  type Summary,
  worseBand,
} from '@shoutu/core';

/**
 * When a failure or missing report of a rule with a deadline must be put right by, and how many
 * whole days past that it is on `day`: the streak started on `day - (streak - 1)`, and the
 * deadline counts from there. From the data only (the day evaluated), never the clock.
 */
export function dueOf(
  deadline: Deadline,
  day: string,
  streak: number,
): { due: string; overdueDays: number } {
  const start = addDays(day, -(streak - 1));
  const due = addDays(start, deadlineDays(deadline));
  return { due, overdueDays: Math.max(0, daysBetween(due, day)) };
}

export function emptyCounts(): Counts {
  return { pass: 0, fail: 0, missing: 0, waived: 0, notApplicable: 0, error: 0 };
}

const FIELD: Record<Status, keyof Counts> = {
  pass: 'pass',
  fail: 'fail',
  missing: 'missing',
  waived: 'waived',
  'not-applicable': 'notApplicable',
  error: 'error',
};

export function count(counts: Counts, status: Status): void {
  counts[FIELD[status]]++;
}

/** What a rule contributes to a score: its area and its severity. */
export interface Weighing {
  area: Area;
  severity: Severity;
}

/** Weighted points in one area: what could be earned, and what was. */
export interface Points {
  earned: number;
  possible: number;
}

/** The points one finding is worth under a counting mode: [earned, possible]. */
function byMode(mode: CountMode, weight: number): [number, number] {
  if (mode.mode === 'ignore') return [0, 0];
  if (mode.mode === 'fail') return [0, weight];
  return [weight * mode.credit, weight];
}

/** [earned, possible] for one finding of a rule of this weight. */
export function pointsOf(status: Status, weight: number, m: ScoringMethod): [number, number] {
  switch (status) {
    case 'pass':
      return [weight, weight];
    case 'fail':
      return [0, weight];
    case 'missing':
      return byMode(m.missingReport, weight);
    case 'error':
      return byMode(m.error, weight);
    default:
      // Waived findings and checks that did not apply are shown, not scored.
      return [0, 0];
  }
}

/**
 * Whether a finding weighs as a failure: a failure, or a missing report or error that the method
 * counts as one. Such a finding of a critical rule caps the band.
 */
export function countsAsFailure(status: Status, m: ScoringMethod): boolean {
  if (status === 'fail') return true;
  if (status === 'missing') return m.missingReport.mode === 'fail';
  if (status === 'error') return m.error.mode === 'fail';
  return false;
}

/** Rounds to one decimal, halves up; the epsilon keeps 87.25 from becoming 87.2 in binary. */
export function round1(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}

export function round2(x: number): number {
  return Math.round(x * 100 + 1e-9) / 100;
}

/**
 * A score as it is published: a finite number from 0 to 100. The method's schema keeps weights
 * finite, positive and at most `MAX_WEIGHT` and credits between 0 and 1, so anything else is a
 * bug in Shoutu, never a result to publish.
 */
export function checkedScore(score: number, what: string): number {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new Error(`bug: the ${what} score came out as ${score}, not a number from 0 to 100`);
  return score;
}

/**
 * Accumulates findings into a score under one scoring method; the same tally serves a place,
 * a grid or a whole district, and tallies merge up the territory.
 */
export class Tally {
  readonly counts = emptyCounts();
  /** Points by area, in the method's order of areas. */
  readonly points: Map<Area, Points>;
  criticalFailures = 0;
  /** Checks of critical rules counted in the score (worth points under the method). */
  criticalChecks = 0;
  /** Failures and missing reports, not waived, past their rule's deadline. */
  overdue = 0;

  constructor(private readonly method: ScoringMethod) {
    this.points = new Map(method.areas.map((a) => [a.id, { earned: 0, possible: 0 }]));
  }

  private area(id: Area): Points {
    const p = this.points.get(id);
    // Rules are checked against the method's areas before anything is scored.
    if (!p) throw new Error(`the rule's area "${id}" is not an area of the scoring method`);
    return p;
  }

  private weight(id: Area): number {
    return this.method.areas.find((a) => a.id === id)?.weight ?? 0;
  }

  add(finding: Pick<Finding, 'status' | 'overdueDays'>, rule: Weighing): void {
    count(this.counts, finding.status);
    const [earned, possible] = pointsOf(
      finding.status,
      this.method.severityWeights[rule.severity],
      this.method,
    );
    const p = this.area(rule.area);
    p.earned += earned;
    p.possible += possible;
    if (rule.severity === 'critical') {
      if (possible > 0) this.criticalChecks++;
      if (countsAsFailure(finding.status, this.method)) this.criticalFailures++;
    }
    if (
      (finding.status === 'fail' || finding.status === 'missing') &&
      finding.overdueDays !== undefined &&
      finding.overdueDays > 0
    )
      this.overdue++;
  }

  merge(other: Tally): void {
    for (const k of Object.keys(this.counts) as (keyof Counts)[]) this.counts[k] += other.counts[k];
    for (const [a, theirs] of other.points) {
      const mine = this.area(a);
      mine.earned += theirs.earned;
      mine.possible += theirs.possible;
    }
    this.criticalFailures += other.criticalFailures;
    this.criticalChecks += other.criticalChecks;
    this.overdue += other.overdue;
  }

  /** The areas with something to score, and the sum of their weights. */
  private scoredAreas(): { areas: Area[]; weight: number } {
    const areas = [...this.points].filter(([, p]) => p.possible > 0).map(([a]) => a);
    return { areas, weight: areas.reduce((s, a) => s + this.weight(a), 0) };
  }

  /** The overall score before rounding: area scores weighted by the areas' weights. */
  exactScore(): number | null {
    const { areas, weight } = this.scoredAreas();
    if (areas.length === 0) return null;
    let sum = 0;
    for (const a of areas) {
      const p = this.area(a);
      sum += this.weight(a) * (p.earned / p.possible);
    }
    return (100 * sum) / weight;
  }

  summary(): Summary {
    const exact = this.exactScore();
    const score = exact === null ? null : checkedScore(round1(exact), 'overall');
    const plain = score === null ? null : bandOf(score, this.method);
    const cap = criticalCapOf(this.criticalFailures, this.criticalChecks, this.method);
    const band = plain !== null && cap !== null ? worseBand(plain, cap) : plain;
    return {
      score,
      areas: Object.fromEntries(
        [...this.points].map(([a, p]) => [
          a,
          p.possible > 0 ? checkedScore(round1((100 * p.earned) / p.possible), a) : null,
        ]),
      ),
      band,
      capped: band !== plain,
      criticalFailures: this.criticalFailures,
      criticalChecks: this.criticalChecks,
      overdue: this.overdue,
      counts: { ...this.counts },
    };
  }

  /**
   * Points of this (parent) tally's overall score lost inside `part`, one of the parts it was
   * merged from. The points lost by all parts add up to 100 − score.
   */
  lostIn(part: Tally): number {
    const { areas, weight } = this.scoredAreas();
    let lost = 0;
    for (const a of areas) {
      const mine = part.points.get(a) ?? { earned: 0, possible: 0 };
      lost +=
        (this.weight(a) / weight) * ((100 * (mine.possible - mine.earned)) / this.area(a).possible);
    }
    const points = round2(lost);
    if (!Number.isFinite(points))
      throw new Error(`bug: the points lost in a part came out as ${points}`);
    return points;
  }
}
