/**
 * The only places where the benchmark reaches past the command line into the packages' inner
 * workings. Everything else runs `main()` (the `shoutu` command), `loadProject` or the site's
 * build script. The streams of issue 10 change what is below (lazy report loading, compiled
 * checks, results format 4); when they do, these functions are what to adapt, and nothing else.
 */
import { loadProject } from '@shoutu/cli';
import type { Finding } from '@shoutu/core';
import {
  appliesTo,
  buildResults,
  type CompiledConditions,
  type CompiledRule,
  compileConditions,
  decidingConditions,
  directPredicate,
  effectiveOn,
  evaluateDay,
  factsFor,
  type Subject,
  subjectsOn,
} from '@shoutu/engine';
import { type LazyReports, loadWaivers, openReports } from '../src/load.js';
import type { Project } from '../src/project.js';
import { Snapshots, serialize } from '../src/snapshots.js';

export interface Loaded {
  project: Project;
  reports: LazyReports;
  waivers: Awaited<ReturnType<typeof loadWaivers>>;
}

/** What `shoutu evaluate --date <day>` loads before it evaluates: project, reports, waivers. */
export async function loadForDay(root: string, _day: string): Promise<Loaded> {
  const { project, problems } = await loadProject(root);
  if (!project)
    throw new Error(
      `the project at ${root} does not load: ${problems.map((p) => p.message).join('; ')}`,
    );
  // As `shoutu evaluate` does: the days the look-backs of the day reach, through the parse cache.
  const reports = openReports(root, project);
  const waivers = await loadWaivers(root, project.registry, project.ruleSet.rules);
  return { project, reports, waivers };
}

/** Every check of the day, as `shoutu evaluate` runs them. */
export async function evaluateFor(l: Loaded, day: string): Promise<Finding[]> {
  return evaluateDay({
    registry: l.project.registry,
    rules: l.project.ruleSet.rules,
    reports: l.reports.index,
    day,
  });
}

/**
 * The day's results from its findings, with the earlier snapshots as history (trends, streaks),
 * serialised as they would be written; returns their bytes (nothing is written).
 */
export function resultsFor(root: string, l: Loaded, day: string, findings: Finding[]): number {
  const { registry, ruleSet, scoring } = l.project;
  const snapshots = new Snapshots(root);
  const results = buildResults({
    day,
    registry,
    rules: ruleSet.rules,
    findings,
    facts: ruleSet.facts,
    rulesHash: ruleSet.hash,
    scoring: scoring.method,
    scoringHash: scoring.hash,
    waivers: l.waivers.waivers,
    waiversHash: l.waivers.hash,
    input: l.reports.source.statsOf(day),
    history: snapshots.history,
    revision: 1,
    forms: l.project.forms.values(),
    languages: l.project.settings.languages,
  });
  let bytes = 0;
  for (const body of Object.values(serialize(results))) bytes += Buffer.byteLength(body);
  return bytes;
}

/** One check whose facts are gathered: what the engine and the plain closures both run on. */
export interface Ready {
  compiled: CompiledRule;
  facts: Record<string, unknown>;
  /** The same facts by position, as the engine's compiled checks read them. */
  slots: unknown[];
  /** The rule's conditions compiled as `evaluateDay` compiles them, over `slots`. */
  checks: CompiledConditions;
}

/** The subjects of the day and the rules in force, in the order `evaluateDay` takes them. */
export function checksOf(l: Loaded, day: string): { subjects: Subject[]; rules: CompiledRule[] } {
  const rules = l.project.ruleSet.rules
    .filter((r) => effectiveOn(r.rule, day))
    .sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  return { subjects: subjectsOn(l.project.registry, day), rules };
}

/**
 * Gathers the facts of every check of these subjects that has them (the others are missing or
 * not applicable before any condition runs). Seam: stream E gathers facts once per subject into
 * a layout its compiled checks read by position.
 */
export function gather(
  l: Loaded,
  day: string,
  subjects: readonly Subject[],
  rules: readonly CompiledRule[],
): Ready[] {
  const input = { reports: l.reports.index, day };
  const out: Ready[] = [];
  for (const subject of subjects)
    for (const compiled of rules) {
      if (!appliesTo(compiled.rule, subject)) continue;
      const g = factsFor(compiled, subject, input);
      if ('status' in g) continue;
      const { checks, names } = compiledOf(compiled);
      out.push({ compiled, facts: g.facts, slots: names.map((n) => g.facts[n]), checks });
    }
  return out;
}

const compiledRules = new Map<CompiledRule, { checks: CompiledConditions; names: string[] }>();

/** A rule's conditions compiled once, as `evaluateDay` compiles them, with a slot per fact. */
function compiledOf(rule: CompiledRule): { checks: CompiledConditions; names: string[] } {
  let c = compiledRules.get(rule);
  if (!c) {
    const names = [...rule.facts];
    const checks = compileConditions(rule.rule.conditions, rule.shared, (fact) => {
      const at = names.indexOf(fact);
      return at >= 0 ? at : names.push(fact) - 1;
    });
    c = { checks, names };
    compiledRules.set(rule, c);
  }
  return c;
}

/**
 * The engine's evaluation of one check on facts already gathered, as `evaluateDay` runs it: the
 * compiled conditions' outcome and, on failure, the deciding conditions from the traced tree.
 */
export function evaluateReady(r: Ready): unknown {
  if (r.checks.test(r.slots)) return true;
  return decidingConditions(r.checks.trace(r.slots));
}

/** The same check through json-rules-engine (the reference `rules test` and `explain` run). */
export async function evaluateReference(r: Ready): Promise<unknown> {
  const { results, failureResults } = await r.compiled.engine.run(r.facts);
  if (results.length > 0) return true;
  const failed = failureResults[0];
  if (!failed) throw new Error('json-rules-engine returned no result for the rule');
  return decidingConditions(failed.conditions as never);
}

/** The limit: the same conditions as plain closures (`directPredicate`), built once per rule. */
export function closuresOf(
  rules: readonly CompiledRule[],
): Map<CompiledRule, (facts: Record<string, unknown>) => boolean> {
  return new Map(rules.map((r) => [r, directPredicate(r.rule.conditions, r.shared)]));
}
