import { addDays, type DerivedFact, daysBetween, type FieldValue, type Form } from '@shoutu/core';
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

/**
 * Computes a derived fact for a subject on a day from the accepted reports, today's and earlier
 * ones. `subjectFacts` gives registry facts for ratios such as visited / households.
 */
export function computeDerived(
  { form, def }: DerivedSpec,
  reports: ReportIndex,
  subject: string,
  day: string,
  subjectFacts: Readonly<Record<string, unknown>>,
): FieldValue {
  const today = reports.get(form, subject, day);
  const num = (v: FieldValue | undefined) => (typeof v === 'number' ? v : undefined);
  if (def.ratio) {
    const of = num(today?.values[def.ratio.of]);
    const to = def.ratio.to.startsWith('subject.')
      ? num(subjectFacts[def.ratio.to] as FieldValue | undefined)
      : num(today?.values[def.ratio.to]);
    if (of === undefined || to === undefined || to === 0) return null;
    const value = (of / to) * (def.ratio.percent ? 100 : 1);
    return Math.round(value * 10) / 10;
  }
  if (def.sum) {
    // No report in the whole window is no value, not a sum of 0.
    let total: number | null = null;
    for (let i = 0; i < def.sum.days; i++) {
      const v = num(reports.get(form, subject, addDays(day, -i))?.values[def.sum.field]);
      if (v !== undefined) total = (total ?? 0) + v;
    }
    return total;
  }
  if (def.count) {
    let n = 0;
    for (let i = 0; i < def.count.days; i++) if (reports.get(form, subject, addDays(day, -i))) n++;
    return n;
  }
  if (def.daysSinceReport) {
    const last = reports.lastBefore(form, subject, day);
    return last === undefined ? null : daysBetween(last, day);
  }
  if (def.streak) {
    let n = 0;
    for (let d = day; ; d = addDays(d, -1)) {
      const row = reports.get(form, subject, d);
      if (!row || row.values[def.streak.field] !== def.streak.equals) break;
      n++;
    }
    return n;
  }
  return null;
}
