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
  type CompiledRule,
  decidingConditions,
  directPredicate,
  effectiveOn,
  emptyInputStats,
  evaluateDay,
  factsFor,
  type Subject,
  subjectsOn,
} from '@shoutu/engine';
import { loadReports, loadWaivers } from '../src/load.js';
import type { Project } from '../src/project.js';
import { Snapshots, serialize } from '../src/snapshots.js';

export interface Loaded {
  project: Project;
  reports: Awaited<ReturnType<typeof loadReports>>;
  waivers: Awaited<ReturnType<typeof loadWaivers>>;
}

/** What `shoutu evaluate --date <day>` loads before it evaluates: project, reports, waivers. */
export async function loadForDay(root: string, _day: string): Promise<Loaded> {
  const { project, problems } = await loadProject(root);
  if (!project)
    throw new Error(
      `the project at ${root} does not load: ${problems.map((p) => p.message).join('; ')}`,
    );
  // Seam: stream L's lazy mode reads only the days the look-backs of `_day` reach.
  const reports = await loadReports(root, project.registry, project.forms);
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
    input: l.reports.stats.get(day) ?? emptyInputStats(),
    history: snapshots.history,
    revision: 1,
    forms: l.project.forms.values(),
    languages: l.project.settings.languages,
  });
  let bytes = 0;
  // Seam: stream S's format 4 writes CSV files beside the JSON.
  for (const body of Object.values(serialize(results))) bytes += Buffer.byteLength(body);
  return bytes;
}

/** One check whose facts are gathered: what the engine and the plain closures both run on. */
export interface Ready {
  compiled: CompiledRule;
  facts: Record<string, unknown>;
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
      if (!('status' in g)) out.push({ compiled, facts: g.facts });
    }
  return out;
}

/**
 * The engine's evaluation of one check on facts already gathered: its outcome and, on failure,
 * its deciding conditions. Seam: today json-rules-engine; stream E's compiled closure tree.
 */
export async function evaluateReady(r: Ready): Promise<unknown> {
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
