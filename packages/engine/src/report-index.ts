import { addDays, type ReportRow } from '@shoutu/core';

/** Accepted report rows, looked up by form, subject and day. */
export class ReportIndex {
  private readonly rows = new Map<string, ReportRow>();
  private readonly daysWithData = new Set<string>();

  constructor(rows: Iterable<ReportRow> = []) {
    for (const row of rows) this.add(row);
  }

  add(row: ReportRow): void {
    this.rows.set(key(row.form, row.subject, row.day), row);
    this.daysWithData.add(row.day);
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

  /** Days on which at least one report row was accepted, in order. */
  days(): string[] {
    return [...this.daysWithData].sort();
  }
}

function key(form: string, subject: string, day: string): string {
  return `${form}\u0000${subject}\u0000${day}`;
}
