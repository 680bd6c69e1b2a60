import { addDays, type ReportRow } from '@shoutu/core';

/**
 * Where a `ReportIndex` reads days it has not seen yet: stream L's lazy loader in the CLI, or a
 * test's rows in memory. A day is read when a lookup first touches it, and once.
 */
export interface ReportSource {
  /** Every day that has reports, oldest first. */
  days(): readonly string[];
  /** The accepted rows of one day (every form), read when the index first needs that day. */
  rowsOf(day: string): Iterable<ReportRow>;
}

/**
 * Accepted report rows, looked up by form, subject and day: (form, day) → subject → row. Rows
 * come given (`rows`, `add`) or, day by day on first touch, from a `source`, so a run reads only
 * the days its look-backs reach.
 */
export class ReportIndex {
  private readonly byForm = new Map<string, Map<string, Map<string, ReportRow>>>();
  /** Days with a row given or read. */
  private readonly daysWithData = new Set<string>();
  /** The source's days not read yet. */
  private readonly unread: Set<string>;
  private readonly sourceDays: readonly string[];
  /** Every day known, oldest first (undefined when a day was added since). */
  private allDays: string[] | undefined;

  constructor(
    rows: Iterable<ReportRow> = [],
    private readonly source?: ReportSource,
  ) {
    this.sourceDays = source ? [...source.days()] : [];
    this.unread = new Set(this.sourceDays);
    for (const row of rows) this.add(row);
  }

  add(row: ReportRow): void {
    let byDay = this.byForm.get(row.form);
    if (!byDay) {
      byDay = new Map();
      this.byForm.set(row.form, byDay);
    }
    let bySubject = byDay.get(row.day);
    if (!bySubject) {
      bySubject = new Map();
      byDay.set(row.day, bySubject);
    }
    bySubject.set(row.subject, row);
    if (!this.daysWithData.has(row.day)) {
      this.daysWithData.add(row.day);
      this.allDays = undefined;
    }
  }

  /** Reads a day from the source the first time it is needed. */
  private touch(day: string): void {
    if (this.unread.size === 0 || !this.unread.has(day)) return;
    this.unread.delete(day);
    for (const row of (this.source as ReportSource).rowsOf(day)) this.add(row);
  }

  get(form: string, subject: string, day: string): ReportRow | undefined {
    this.touch(day);
    return this.byForm.get(form)?.get(day)?.get(subject);
  }

  /** The rows of a form on a day, by subject (reading the day if needed). */
  rowsOn(form: string, day: string): ReadonlyMap<string, ReportRow> | undefined {
    this.touch(day);
    return this.byForm.get(form)?.get(day);
  }

  /**
   * The last day, on or before `day`, with a row of the form for the subject. Walks back over
   * the days with reports and stops at the first that has one.
   */
  lastBefore(form: string, subject: string, day: string): string | undefined {
    const days = this.sortedDays();
    let hi = days.length;
    while (hi > 0 && (days[hi - 1] as string) > day) hi--;
    for (let i = hi - 1; i >= 0; i--) {
      const d = days[i] as string;
      if (this.get(form, subject, d)) return d;
    }
    return undefined;
  }

  /** The row of `day`, or the latest one within `within` days before it. */
  latest(form: string, subject: string, day: string, within: number): ReportRow | undefined {
    for (let i = 0; i <= within; i++) {
      const row = this.get(form, subject, addDays(day, -i));
      if (row) return row;
    }
    return undefined;
  }

  /**
   * The row of `day`, or the latest within `within` days before it, that has a value for the
   * field (a row where it was blank does not count).
   */
  latestValue(
    form: string,
    subject: string,
    field: string,
    day: string,
    within: number,
  ): ReportRow | undefined {
    for (let i = 0; i <= within; i++) {
      const row = this.get(form, subject, addDays(day, -i));
      if (row && row.values[field] !== undefined && row.values[field] !== null) return row;
    }
    return undefined;
  }

  /** Days with reports, in order: the rows given and the source's days (read or not). */
  days(): string[] {
    return [...this.sortedDays()];
  }

  private sortedDays(): readonly string[] {
    if (!this.allDays) {
      const all = new Set(this.sourceDays);
      for (const d of this.daysWithData) all.add(d);
      this.allDays = [...all].sort();
    }
    return this.allDays;
  }
}
