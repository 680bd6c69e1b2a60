import {
  type AttributeValue,
  addDays,
  cmp,
  daysBetween,
  type FieldValue,
  type Finding,
  LATE_FIELD,
  needsTodaysReport,
  type Registry,
  type ReportRow,
} from '@shoutu/core';
import { appliesTo, type CompiledRule, effectiveOn } from './compile.js';
import { type Coverage, derivedValue } from './derived.js';
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

/** What `factsFor` gathered: the facts, the rows they came from, and the look-backs' coverage. */
export interface GatheredFacts {
  facts: Record<string, unknown>;
  rows: ReportRow[];
  /** For look-back facts (`sum`, `count`): how many days of the window had a value. */
  coverage: Record<string, Coverage>;
  /** Facts that were blank today and carried from an earlier report (`missing.mode` "carry"). */
  carried: string[];
}

/** The status a rule gives without the facts it needs, and why. */
export interface NotGathered {
  status: 'missing' | 'not-applicable';
  /** The facts that were blank in the day's report (`<form>.<field>`), if that was why. */
  blank?: string[];
  /** Look-back facts whose window had fewer days than their `minDays`, with the days it had. */
  tooFewDays?: Record<string, Coverage>;
}

/**
 * The facts one rule needs for one subject on one day, from the accepted reports and the
 * registry; or the status the rule gives when a report or a value it needs is missing. A blank
 * cell is a missing value of that field only: a rule that needs it counts it by its `missing`
 * mode (carry looks back for the field's last value), other rules on the row are not touched.
 */
export function factsFor(
  compiled: CompiledRule,
  subject: Subject,
  input: Pick<DayInput, 'reports' | 'day'>,
): GatheredFacts | NotGathered {
  const { rule } = compiled;
  const status = rule.missing.mode === 'skip' ? ('not-applicable' as const) : ('missing' as const);
  const rows: ReportRow[] = [];
  for (const form of compiled.forms) {
    const row =
      rule.missing.mode === 'carry'
        ? input.reports.latest(form, subject.code, input.day, rule.missing.days)
        : input.reports.get(form, subject.code, input.day);
    if (!row) return { status };
    rows.push(row);
  }
  const blank = blankFacts(compiled, rows);
  const carried: string[] = [];
  if (blank.length > 0) {
    if (rule.missing.mode !== 'carry') return { status, blank };
    // Carry: each blank field takes the last value reported within the rule's days.
    const filled = new Map<string, ReportRow>();
    for (const fact of blank) {
      const dot = fact.indexOf('.');
      const form = fact.slice(0, dot);
      const field = fact.slice(dot + 1);
      const i = rows.findIndex((r) => r.form === form);
      const row = rows[i] as ReportRow;
      const earlier = input.reports.latestValue(
        form,
        subject.code,
        field,
        addDays(row.day, -1),
        rule.missing.days - daysBetween(row.day, input.day) - 1,
      );
      if (!earlier) return { status, blank };
      const patched = filled.get(form) ?? { ...row, values: { ...row.values } };
      patched.values[field] = earlier.values[field] as FieldValue;
      filled.set(form, patched);
      if (!rows.includes(earlier)) rows.push(earlier);
      carried.push(fact);
    }
    for (const [form, patched] of filled) {
      const i = rows.findIndex((r) => r.form === form);
      rows[i] = patched;
    }
  }
  const facts: Record<string, unknown> = { ...subject.facts };
  for (const row of rows) {
    if (facts[`${row.form}.${LATE_FIELD}`] !== undefined) continue; // an earlier row carried from
    for (const [field, value] of Object.entries(row.values)) facts[`${row.form}.${field}`] = value;
    facts[`${row.form}.${LATE_FIELD}`] = row.late;
  }
  const coverage: Record<string, Coverage> = {};
  const tooFewDays: Record<string, Coverage> = {};
  // A value already given (by a rule test) stands; otherwise it is computed from the reports.
  for (const [name, spec] of compiled.derived) {
    if (facts[name] !== undefined) continue;
    const today = rows.find((r) => r.form === spec.form && r.day === input.day);
    const derived = derivedValue(
      spec,
      input.reports,
      subject.code,
      input.day,
      subject.facts,
      today,
    );
    if (derived.coverage) coverage[name] = derived.coverage;
    if (derived.tooFewDays && derived.coverage) {
      tooFewDays[name] = derived.coverage;
      continue;
    }
    // A look-back fact with no report to look back on is a missing report, counted as the rule says.
    if (derived.value === null && !needsTodaysReport(spec.def)) return { status };
    facts[name] = derived.value;
  }
  if (Object.keys(tooFewDays).length > 0) return { status, tooFewDays };
  return { facts, rows, coverage, carried };
}

/**
 * The facts a rule reads that were blank in the rows it uses: fields it names, and fields a
 * ratio it names is computed from. Sorted, each once.
 */
function blankFacts(compiled: CompiledRule, rows: readonly ReportRow[]): string[] {
  const out = new Set<string>();
  for (const row of rows) {
    if (!row.blank || row.blank.length === 0) continue;
    const blank = new Set(row.blank);
    for (const fact of compiled.facts) {
      const dot = fact.indexOf('.');
      if (fact.slice(0, dot) !== row.form) continue;
      const field = fact.slice(dot + 1);
      if (blank.has(field)) out.add(fact);
      const ratio = compiled.derived.get(fact)?.def.ratio;
      if (ratio) {
        if (blank.has(ratio.of)) out.add(`${row.form}.${ratio.of}`);
        if (blank.has(ratio.to)) out.add(`${row.form}.${ratio.to}`);
      }
    }
  }
  return [...out].sort();
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
    if ('status' in gathered)
      return {
        ...base,
        status: gathered.status,
        ...(gathered.blank ? { blank: gathered.blank } : {}),
      };
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
