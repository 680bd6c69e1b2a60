import {
  addDays,
  type DerivedFact,
  daysBetween,
  type FieldValue,
  type Form,
  type ReportRow,
} from '@shoutu/core';
import type { ReportIndex } from './report-index.js';

export interface DerivedSpec {
  form: string;
  def: DerivedFact;
}

/** The derived facts among a rule's facts, with their definitions. */
export function derivedFacts(
  facts: readonly string[],
  forms: ReadonlyMap<string, Form>,
): Map<string, DerivedSpec> {
  const out = new Map<string, DerivedSpec>();
  for (const fact of facts) {
    const dot = fact.indexOf('.');
    const form = forms.get(fact.slice(0, dot));
    const def = form?.derived?.find((d) => d.id === fact.slice(dot + 1));
    if (form && def) out.set(fact, { form: form.id, def });
  }
  return out;
}

/** How many days of a look-back window had a value: "over 5 of 7 days". */
export interface Coverage {
  days: number;
  of: number;
}

export interface DerivedValue {
  value: FieldValue;
  /** For `sum` and `count`: the days of the window that had a value. */
  coverage?: Coverage;
  /** True when the fact has no value because the window has fewer days than `minDays`. */
  tooFewDays?: boolean;
}

/**
 * Computes a derived fact for a subject on a day from the accepted reports, today's and earlier
 * ones. `subjectFacts` gives registry facts for ratios such as visited / households.
 */
export function computeDerived(
  spec: DerivedSpec,
  reports: ReportIndex,
  subject: string,
  day: string,
  subjectFacts: Readonly<Record<string, unknown>>,
): FieldValue {
  return derivedValue(spec, reports, subject, day, subjectFacts).value;
}

/** A derived fact with the days its look-back covered, and whether it fell below `minDays`. */
export function derivedValue(
  { form, def }: DerivedSpec,
  reports: ReportIndex,
  subject: string,
  day: string,
  subjectFacts: Readonly<Record<string, unknown>>,
  /** The day's row of the form, when the caller has filled its blanks (carry). */
  today: ReportRow | undefined = reports.get(form, subject, day),
): DerivedValue {
  const num = (v: FieldValue | undefined) => (typeof v === 'number' ? v : undefined);
  const window = (value: FieldValue, days: number, of: number): DerivedValue => {
    const coverage = { days, of };
    return def.minDays !== undefined && days < def.minDays
      ? { value: null, coverage, tooFewDays: true }
      : { value, coverage };
  };
  if (def.ratio) {
    const of = num(today?.values[def.ratio.of]);
    const to = def.ratio.to.startsWith('subject.')
      ? num(subjectFacts[def.ratio.to] as FieldValue | undefined)
      : num(today?.values[def.ratio.to]);
    if (of === undefined || to === undefined || to === 0) return { value: null };
    const value = (of / to) * (def.ratio.percent ? 100 : 1);
    return { value: Math.round(value * 10) / 10 };
  }
  if (def.sum) {
    // No report in the whole window is no value, not a sum of 0.
    let total: number | null = null;
    let days = 0;
    for (let i = 0; i < def.sum.days; i++) {
      const v = num(reports.get(form, subject, addDays(day, -i))?.values[def.sum.field]);
      if (v !== undefined) {
        total = (total ?? 0) + v;
        days++;
      }
    }
    return window(total, days, def.sum.days);
  }
  if (def.count) {
    let n = 0;
    for (let i = 0; i < def.count.days; i++) if (reports.get(form, subject, addDays(day, -i))) n++;
    return window(n, n, def.count.days);
  }
  if (def.daysSinceReport) {
    const last = reports.lastBefore(form, subject, day);
    return { value: last === undefined ? null : daysBetween(last, day) };
  }
  if (def.streak) {
    let n = 0;
    for (let d = day; ; d = addDays(d, -1)) {
      const row = reports.get(form, subject, d);
      if (!row || row.values[def.streak.field] !== def.streak.equals) break;
      n++;
    }
    return { value: n };
  }
  return { value: null };
}
