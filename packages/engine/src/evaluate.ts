import {
  type AttributeValue,
  addDays,
  cmp,
  daysBetween,
  type FieldValue,
  type Finding,
  formOfFact,
  LATE_FIELD,
  needsTodaysReport,
  type Registry,
  type ReportRow,
} from '@shoutu/core';
import { appliesTo, type CompiledRule, effectiveOn, hasDefaultOperators } from './compile.js';
import { type Coverage, type DerivedSpec, type DerivedValue, derivedValue } from './derived.js';
import { type CompiledConditions, compileConditions } from './direct.js';
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
 * Every pair yields exactly one finding, the same as `evaluateOne` (json-rules-engine) gives:
 * facts are gathered once per subject into slots, derived facts computed once per subject, and
 * each rule's conditions compiled once for the day (`compileConditions`). A check the compiled
 * path cannot decide (an evaluation that throws) is asked of json-rules-engine.
 */
export async function evaluateDay(
  input: DayInput,
  onSubject?: (done: number, total: number) => void,
): Promise<Finding[]> {
  const rules = input.rules
    .filter((r) => effectiveOn(r.rule, input.day))
    .sort((a, b) => cmp(a.rule.id, b.rule.id));
  const subjects = subjectsOn(input.registry, input.day);
  const plan = planDay(rules, input);
  const findings: Finding[] = [];
  let done = 0;
  for (const subject of subjects) {
    const kind = plan.kindOf(subject);
    const facts = plan.gather(subject, kind);
    for (const check of kind.checks) {
      let finding: Finding | undefined;
      try {
        finding = check.run(facts, subject, input);
      } catch {
        finding = undefined;
      }
      findings.push(finding ?? (await evaluateOne(check.compiled, subject, input)));
    }
    onSubject?.(++done, subjects.length);
  }
  return findings;
}

/** One subject's facts on a day, by slot, with its rows and derived facts read once. */
interface SubjectFacts {
  /** Reused from subject to subject: every slot a subject's checks read is written first. */
  slots: unknown[];
  /** The day's row of each form of the layout, by form index. */
  rows: (ReportRow | undefined)[];
  /** Derived facts computed for this subject, by slot (valid where `derivedFor` is `stamp`). */
  derived: (DerivedValue | undefined)[];
  derivedFor: Int32Array;
  stamp: number;
  subject: Subject;
}

interface DayCheck {
  compiled: CompiledRule;
  /** The finding, or undefined where json-rules-engine must decide. */
  run(
    facts: SubjectFacts,
    subject: Subject,
    input: Pick<DayInput, 'reports' | 'day'>,
  ): Finding | undefined;
}

/** What subjects of one level or place type need: their checks and the facts those read. */
interface SubjectKind {
  checks: DayCheck[];
  /** Form indexes whose day's row the checks read. */
  forms: number[];
  fields: { slot: number; form: number; field: string }[];
  subjectFacts: { slot: number; name: string }[];
}

/** The layout of a day's facts, each rule's compiled check, and what each kind of subject needs. */
function planDay(rules: readonly CompiledRule[], input: Pick<DayInput, 'reports' | 'day'>) {
  const slot = new Map<string, number>();
  const names: string[] = [];
  const slotOf = (fact: string) => {
    let i = slot.get(fact);
    if (i === undefined) {
      i = names.length;
      slot.set(fact, i);
      names.push(fact);
    }
    return i;
  };
  const derivedSpecs = new Map<number, DerivedSpec>();
  for (const r of rules) {
    for (const f of r.facts) slotOf(f);
    for (const [name, spec] of r.derived) derivedSpecs.set(slotOf(name), spec);
  }
  const formIndex = new Map<string, number>();
  const formOf = (form: string) => {
    let i = formIndex.get(form);
    if (i === undefined) {
      i = formIndex.size;
      formIndex.set(form, i);
    }
    return i;
  };
  /** How a slot is filled: from the subject, from a form's row of the day, or derived. */
  const fill = names.map((name, i) => {
    if (derivedSpecs.has(i)) return undefined;
    const form = formOfFact(name);
    return form === undefined
      ? ({ slot: i, name } as const)
      : ({ slot: i, form: formOf(form), field: name.slice(form.length + 1) } as const);
  });
  for (const r of rules) for (const f of r.forms) formOf(f);
  // The day's rows of each form, by subject: one lookup per form and subject.
  const rowsByForm = [...formIndex.keys()].map((f) => input.reports.rowsOn(f, input.day));

  const derivedOf = (facts: SubjectFacts, i: number): DerivedValue => {
    if (facts.derivedFor[i] === facts.stamp) return facts.derived[i] as DerivedValue;
    const spec = derivedSpecs.get(i) as DerivedSpec;
    const d = derivedValue(
      spec,
      input.reports,
      facts.subject.code,
      input.day,
      facts.subject.facts,
      facts.rows[formIndex.get(spec.form) ?? -1],
    );
    facts.derived[i] = d;
    facts.derivedFor[i] = facts.stamp;
    facts.slots[i] = d.value;
    return d;
  };

  const checks: DayCheck[] = rules.map((compiled) => {
    let conditions: CompiledConditions | undefined;
    try {
      conditions = compileConditions(compiled.rule.conditions, compiled.shared, slotOf);
    } catch {
      conditions = undefined;
    }
    const id = compiled.rule.id;
    const { rule } = compiled;
    const status =
      rule.missing.mode === 'skip' ? ('not-applicable' as const) : ('missing' as const);
    const ruleForms = compiled.forms.map(formOf);
    const ruleDerived = [...compiled.derived].map(([name, spec]) => ({
      slot: slot.get(name) as number,
      lookBack: !needsTodaysReport(spec.def),
    }));
    const ruleSlots = compiled.facts.map((f) => slot.get(f) as number);
    const outcome = (
      c: CompiledConditions,
      slots: readonly unknown[],
      subject: Subject,
      rows: readonly ReportRow[],
    ): Finding => {
      if (c.test(slots)) return { rule: id, subject: subject.code, status: 'pass' };
      const conditions = decidingConditions(c.trace(slots));
      const sources = rows.map((r) => `${r.file}:${r.line}`);
      return {
        rule: id,
        subject: subject.code,
        status: 'fail',
        conditions,
        ...(sources.length > 0 ? { sources } : {}),
      };
    };
    // A rule whose engine has other operators than json-rules-engine's own is left to it.
    if (!conditions || !hasDefaultOperators(compiled.engine))
      return { compiled, run: () => undefined };
    const c = conditions;
    if (rule.missing.mode === 'carry')
      // Carried values differ by rule: gathered as json-rules-engine's path gathers them.
      return {
        compiled,
        run: (_facts, subject, input) => {
          const gathered = factsFor(compiled, subject, input);
          if ('status' in gathered)
            return {
              rule: id,
              subject: subject.code,
              status: gathered.status,
              ...(gathered.blank ? { blank: gathered.blank } : {}),
            };
          const slots: unknown[] = [];
          for (const [k, f] of compiled.facts.entries())
            slots[ruleSlots[k] as number] = gathered.facts[f];
          return outcome(c, slots, subject, gathered.rows);
        },
      };
    return {
      compiled,
      run: (facts, subject) => {
        const rows: ReportRow[] = [];
        let blank = false;
        for (const f of ruleForms) {
          const row = facts.rows[f];
          if (!row) return { rule: id, subject: subject.code, status };
          if (row.blank && row.blank.length > 0) blank = true;
          rows.push(row);
        }
        if (blank) {
          const b = blankFacts(compiled, rows);
          if (b.length > 0) return { rule: id, subject: subject.code, status, blank: b };
        }
        let tooFewDays = false;
        for (const d of ruleDerived) {
          const v = derivedOf(facts, d.slot);
          if (v.tooFewDays && v.coverage) {
            tooFewDays = true;
            continue;
          }
          if (v.value === null && d.lookBack) return { rule: id, subject: subject.code, status };
        }
        if (tooFewDays) return { rule: id, subject: subject.code, status };
        return outcome(c, facts.slots, subject, rows);
      },
    };
  });

  const kinds = new Map<string, SubjectKind>();
  const kindOf = (subject: Subject): SubjectKind => {
    const key =
      subject.level !== undefined ? `l\u0000${subject.level}` : `p\u0000${subject.placeType}`;
    let kind = kinds.get(key);
    if (!kind) {
      const mine = checks.filter((c) => appliesTo(c.compiled.rule, subject));
      const read = new Set<number>();
      const forms = new Set<number>();
      for (const c of mine) {
        for (const f of c.compiled.facts) read.add(slot.get(f) as number);
        for (const f of c.compiled.forms) forms.add(formOf(f));
      }
      const fields: SubjectKind['fields'] = [];
      const subjectFacts: SubjectKind['subjectFacts'] = [];
      for (const i of [...read].sort((a, b) => a - b)) {
        const how = fill[i];
        if (!how) continue;
        if (how.form === undefined) subjectFacts.push(how);
        else {
          fields.push(how);
          forms.add(how.form);
        }
      }
      kind = { checks: mine, forms: [...forms], fields, subjectFacts };
      kinds.set(key, kind);
    }
    return kind;
  };

  const facts: SubjectFacts = {
    slots: new Array(names.length).fill(undefined),
    rows: new Array(formIndex.size).fill(undefined),
    derived: new Array(names.length).fill(undefined),
    derivedFor: new Int32Array(names.length),
    stamp: 0,
    subject: { code: '', facts: {} },
  };
  const gather = (subject: Subject, kind: SubjectKind): SubjectFacts => {
    facts.stamp++;
    facts.subject = subject;
    const { rows, slots } = facts;
    for (const f of kind.forms) rows[f] = rowsByForm[f]?.get(subject.code);
    for (const { slot, name } of kind.subjectFacts) slots[slot] = subject.facts[name];
    for (const { slot, form, field } of kind.fields) {
      const row = rows[form];
      slots[slot] =
        row === undefined ? undefined : field === LATE_FIELD ? row.late : row.values[field];
    }
    return facts;
  };

  return { kindOf, gather };
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
