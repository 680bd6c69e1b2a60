import {
  AREAS,
  type Area,
  type Counts,
  type Finding,
  type Status,
  type Summary,
} from '@shoutu/core';

/** The name of the scoring method; recorded with every result. */
export const SCORING_VERSION = 'pass-rate/1';

export function emptyCounts(): Counts {
  return { pass: 0, fail: 0, missing: 0, notApplicable: 0, error: 0 };
}

const FIELD: Record<Status, keyof Counts> = {
  pass: 'pass',
  fail: 'fail',
  missing: 'missing',
  'not-applicable': 'notApplicable',
  error: 'error',
};

export function count(counts: Counts, status: Status): void {
  counts[FIELD[status]]++;
}

/** Accumulates findings into a summary; the same tally serves a grid or a whole district. */
export class Tally {
  readonly counts = emptyCounts();
  private readonly areas = new Map<Area, Counts>(AREAS.map((a) => [a, emptyCounts()]));

  add(finding: Finding, area: Area): void {
    count(this.counts, finding.status);
    count(this.areas.get(area) as Counts, finding.status);
  }

  merge(other: Tally): void {
    for (const k of Object.keys(this.counts) as (keyof Counts)[]) this.counts[k] += other.counts[k];
    for (const a of AREAS) {
      const mine = this.areas.get(a) as Counts;
      const theirs = other.areas.get(a) as Counts;
      for (const k of Object.keys(mine) as (keyof Counts)[]) mine[k] += theirs[k];
    }
  }

  summary(): Summary {
    return {
      score: passRate(this.counts),
      areas: Object.fromEntries(
        AREAS.map((a) => [a, passRate(this.areas.get(a) as Counts)]),
      ) as Summary['areas'],
      counts: { ...this.counts },
    };
  }
}

/**
 * Share of checks passed, 0–100 with one decimal. A missing report or an error counts against
 * the score; a check that did not apply does not count. Null when nothing was checked.
 */
export function passRate(c: Counts): number | null {
  const checked = c.pass + c.fail + c.missing + c.error;
  return checked === 0 ? null : Math.round((c.pass / checked) * 1000) / 10;
}
