import { addDays, type ReportRow } from '@shoutu/core';

/** Accepted report rows, looked up by form, subject and day. */
export class ReportIndex {
  private readonly rows = new Map<string, ReportRow>();
  private readonly daysWithData = new Set<string>();
  /** Days with a row, by form and subject, in order: for "days since the last report". */
  private readonly daysOf = new Map<string, string[]>();

  constructor(rows: Iterable<ReportRow> = []) {
    for (const row of rows) this.add(row);
  }

  add(row: ReportRow): void {
    this.rows.set(key(row.form, row.subject, row.day), row);
    this.daysWithData.add(row.day);
    const k = `${row.form}\u0000${row.subject}`;
    const days = this.daysOf.get(k) ?? [];
    days.push(row.day);
    this.daysOf.set(k, days);
    this.sorted = false;
  }

  private sorted = true;

  /** The last day, on or before `day`, with a row of the form for the subject. */
  lastBefore(form: string, subject: string, day: string): string | undefined {
    if (!this.sorted) {
      for (const days of this.daysOf.values()) days.sort();
      this.sorted = true;
    }
    const days = this.daysOf.get(`${form}\u0000${subject}`) ?? [];
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] as string) <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : days[lo - 1];
  }

  get(form: string, subject: string, day: string): ReportRow | undefined {
    return this.rows.get(key(form, subject, day));
  }

  /** The row of `day`, or the latest one within `within` days before it. */
  latest(form: string, subject: string, day: string, within: number): ReportRow | undefined {
    for (let i = 0; i <= within; i++) {
      const row = this.rows.get(key(form, subject, addDays(day, -i)));
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
      const row = this.rows.get(key(form, subject, addDays(day, -i)));
      if (row && row.values[field] !== undefined && row.values[field] !== null) return row;
    }
    return undefined;
  }

  /** Days on which at least one report row was accepted, in order. */
  days(): string[] {
    return [...this.daysWithData].sort();
  }
}

function key(form: string, subject: string, day: string): string {
  return `${form}\u0000${subject}\u0000${day}`;
}
