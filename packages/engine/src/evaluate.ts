import {
  type AttributeValue,
  cmp,
  type Finding,
  LATE_FIELD,
  needsTodaysReport,
  type Registry,
  type ReportRow,
} from '@shoutu/core';
import { appliesTo, type CompiledRule, effectiveOn } from './compile.js';
import { computeDerived } from './derived.js';
import { decidingConditions, type EvaluatedCondition } from './explain.js';
import type { ReportIndex } from './report-index.js';

/** Something a rule is checked against on a day: a territorial unit or a key place. */
export interface Subject {
  code: string;
  level?: string;
  placeType?: string;
  /** The registry's attributes of the subject, as `subject.<id>` facts. */
  facts: Record<string, AttributeValue | undefined>;
}

export interface DayInput {
  registry: Registry;
  rules: readonly CompiledRule[];
  reports: ReportIndex;
  day: string;
}

/**
 * The subjects in force on a day: every unit, the top one included, and every place, in code
 * order. Each carries the attributes that apply to it as `subject.<id>` facts (undefined where
 * the registry gives no value).
 */
export function subjectsOn(registry: Registry, day: string): Subject[] {
  const out: Subject[] = [];
  const attributes = [...registry.attributes.values()];
  const factsOf = (
    values: Record<string, AttributeValue> | undefined,
    applies: (a: (typeof attributes)[number]) => boolean,
  ) => {
    const facts: Subject['facts'] = {};
    for (const a of attributes) if (applies(a)) facts[`subject.${a.id}`] = values?.[a.id];
    return facts;
  };
  for (const u of registry.unitsInForce(day))
    out.push({
      code: u.code,
      level: u.level,
      facts: factsOf(
        u.attributes,
        (a) => 'levels' in a.appliesTo && a.appliesTo.levels.includes(u.level),
      ),
    });
  for (const p of registry.placesInForce(day))
    out.push({
      code: p.id,
      placeType: p.type,
      facts: factsOf(
        p.attributes,
        (a) => 'placeTypes' in a.appliesTo && a.appliesTo.placeTypes.includes(p.type),
      ),
    });
  return out.sort((a, b) => cmp(a.code, b.code));
}

/**
 * Checks every subject in force on the day against every rule in force that applies to it.
 * Every pair yields exactly one finding. Rules run one after another: json-rules-engine drops
 * lower-priority rules when one engine runs concurrently.
 */
export async function evaluateDay(
  input: DayInput,
  onSubject?: (done: number, total: number) => void,
): Promise<Finding[]> {
  const rules = input.rules
    .filter((r) => effectiveOn(r.rule, input.day))
    .sort((a, b) => cmp(a.rule.id, b.rule.id));
  const subjects = subjectsOn(input.registry, input.day);
  const findings: Finding[] = [];
  let done = 0;
  for (const subject of subjects) {
    for (const compiled of rules) {
      if (appliesTo(compiled.rule, subject))
        findings.push(await evaluateOne(compiled, subject, input));
    }
    onSubject?.(++done, subjects.length);
  }
  return findings;
}

/**
 * The facts one rule needs for one subject on one day, from the accepted reports and the
 * registry; or the status the rule gives when a report it needs is missing.
 */
export function factsFor(
  compiled: CompiledRule,
  subject: Subject,
  input: Pick<DayInput, 'reports' | 'day'>,
):
  | { facts: Record<string, unknown>; rows: ReportRow[] }
  | { status: 'missing' | 'not-applicable' } {
  const { rule } = compiled;
  const absent = {
    status: rule.missing.mode === 'skip' ? ('not-applicable' as const) : ('missing' as const),
  };
  const rows: ReportRow[] = [];
  for (const form of compiled.forms) {
    const row =
      rule.missing.mode === 'carry'
        ? input.reports.latest(form, subject.code, input.day, rule.missing.days)
        : input.reports.get(form, subject.code, input.day);
    if (!row) return absent;
    rows.push(row);
  }
  const facts: Record<string, unknown> = { ...subject.facts };
  for (const row of rows) {
    for (const [field, value] of Object.entries(row.values)) facts[`${row.form}.${field}`] = value;
    facts[`${row.form}.${LATE_FIELD}`] = row.late;
  }
  // A value already given (by a rule test) stands; otherwise it is computed from the reports.
  for (const [name, spec] of compiled.derived) {
    if (facts[name] !== undefined) continue;
    const value = computeDerived(spec, input.reports, subject.code, input.day, subject.facts);
    // A look-back fact with no report to look back on is a missing report, counted as the rule says.
    if (value === null && !needsTodaysReport(spec.def)) return absent;
    facts[name] = value;
  }
  return { facts, rows };
}

/**
 * One rule for one subject on one day. `trace` receives the evaluated condition tree, for rule
 * tests that measure which conditions their cases exercised.
 */
export async function evaluateOne(
  compiled: CompiledRule,
  subject: Subject,
  input: Pick<DayInput, 'reports' | 'day'>,
  trace?: (conditions: EvaluatedCondition) => void,
): Promise<Finding> {
  const base = { rule: compiled.rule.id, subject: subject.code };
  try {
    const gathered = factsFor(compiled, subject, input);
    if ('status' in gathered) return { ...base, status: gathered.status };
    const { results, failureResults } = await compiled.engine.run(gathered.facts);
    const sources = gathered.rows.map((r) => `${r.file}:${r.line}`);
    const result = results[0] ?? failureResults[0];
    if (!result) throw new Error('json-rules-engine returned no result for the rule');
    trace?.(result.conditions as unknown as EvaluatedCondition);
    if (results.length > 0) return { ...base, status: 'pass' };
    const conditions = decidingConditions(result.conditions as never);
    return { ...base, status: 'fail', conditions, ...(sources.length > 0 ? { sources } : {}) };
  } catch (e) {
    return {
      ...base,
      status: 'error',
      message: `the rule could not be evaluated: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
