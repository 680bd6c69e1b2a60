import {
  type ConditionOutcome,
  conditionPathText,
  formOfFact,
  LATE_FIELD,
  type NestedCondition,
  type ReportRow,
  type RuleTestCase,
  type Status,
  walkConditions,
} from '@shoutu/core';
import type { CompiledRule } from './compile.js';
import { evaluateOne, type Subject } from './evaluate.js';
import type { EvaluatedCondition } from './explain.js';
import { ReportIndex } from './report-index.js';

export interface CaseOutcome {
  case: RuleTestCase;
  actual: Status;
  passed: boolean;
  /** For an unexpected failure: the conditions that decided it. */
  conditions?: ConditionOutcome[] | undefined;
  message?: string | undefined;
}

export interface RuleCoverage {
  /** Leaf conditions by their place in the rule, e.g. `all[0]`, each with the outcomes seen. */
  leaves: Map<string, Set<boolean>>;
  passCase: boolean;
  failCase: boolean;
}

/** Share of what a rule's tests should exercise that they did: 0–100. */
export function coveragePercent(c: RuleCoverage): number {
  let seen = (c.passCase ? 1 : 0) + (c.failCase ? 1 : 0);
  for (const outcomes of c.leaves.values()) seen += outcomes.size;
  const total = 2 + 2 * c.leaves.size;
  return Math.floor((seen / total) * 1000) / 10;
}

/** What a rule's tests missed, in words: "no failing case", "all[1] never false". */
export function coverageGaps(c: RuleCoverage): string[] {
  const gaps: string[] = [];
  if (!c.passCase) gaps.push('no passing case');
  if (!c.failCase) gaps.push('no failing case');
  for (const [path, outcomes] of c.leaves) {
    if (!outcomes.has(true)) gaps.push(`condition ${path} never true`);
    if (!outcomes.has(false)) gaps.push(`condition ${path} never false`);
  }
  return gaps;
}

export function emptyCoverage(compiled: CompiledRule): RuleCoverage {
  const leaves = new Map<string, Set<boolean>>();
  walk(compiled.rule.conditions, (path) => leaves.set(path, new Set()), compiled.shared);
  return { leaves, passCase: false, failCase: false };
}

/**
 * Visits the leaves of a condition tree (as written, or as json-rules-engine evaluated it) by
 * their place in it. A shared condition stands where it is named, as json-rules-engine puts it
 * there when it evaluates.
 */
function walk(
  c: NestedCondition | EvaluatedCondition,
  leaf: (path: string, node: EvaluatedCondition) => void,
  shared: ReadonlyMap<string, NestedCondition> = new Map(),
): void {
  walkConditions(
    c as NestedCondition,
    { leaf: (node, path) => leaf(conditionPathText(path), node as EvaluatedCondition) },
    shared,
  );
}

/**
 * Runs one case: its facts become a report row for a test subject on the case's day, evaluated
 * exactly as `shoutu evaluate` would. Coverage records each condition's outcome.
 */
export async function runCase(
  compiled: CompiledRule,
  testCase: RuleTestCase,
  coverage: RuleCoverage,
): Promise<CaseOutcome> {
  const { rule } = compiled;
  const day = testCase.date ?? rule.effective.from;
  const code = 'test-subject';
  const subject: Subject =
    rule.appliesTo.kind === 'territory'
      ? { code, level: rule.appliesTo.level, facts: {} }
      : { code, placeType: rule.appliesTo.placeTypes[0], facts: {} };
  const rows = new Map<string, ReportRow>();
  const rowOf = (form: string): ReportRow => {
    let row = rows.get(form);
    if (!row) {
      row = {
        form,
        subject: code,
        day,
        submittedAt: null,
        late: false,
        values: {},
        file: 'test',
        line: 0,
      };
      rows.set(form, row);
    }
    return row;
  };
  for (const [name, value] of Object.entries(testCase.facts)) {
    const form = formOfFact(name);
    // Registry facts, and derived facts given outright, belong to the subject rather than a row.
    if (form === undefined || compiled.derived.has(name)) {
      subject.facts[name] = typeof value === 'number' ? value : undefined;
      // A derived fact given alone is used as given: the day's report it would be computed
      // from counts as sent, so that the rule does not read it as missing.
      if (form !== undefined && compiled.forms.includes(form)) rowOf(form);
      continue;
    }
    const row = rowOf(form);
    const field = name.slice(form.length + 1);
    if (field === LATE_FIELD) row.late = value === true;
    else row.values[field] = value;
  }
  const reports = new ReportIndex(rows.values());
  const finding = await evaluateOne(compiled, subject, { reports, day }, (tree) =>
    walk(tree, (path, node) => {
      if (node.result !== undefined) coverage.leaves.get(path)?.add(node.result);
    }),
  );
  if (finding.status === 'pass') coverage.passCase = true;
  if (finding.status === 'fail') coverage.failCase = true;
  return {
    case: testCase,
    actual: finding.status,
    passed: finding.status === testCase.expect,
    conditions: finding.conditions,
    message: finding.message,
  };
}
