import {
  cmp,
  describeOutcome,
  describeValue,
  type FactInfo,
  formatProblem,
  hint,
  type MeasurementUnit,
  type Problem,
  parseJsonSource,
  problemAt,
  RulesConfig,
  RuleTestFile,
  sortProblems,
  validateJson,
  whyUnavailable,
} from '@shoutu/core';
import {
  type CaseOutcome,
  type CompiledRule,
  coverageGaps,
  coveragePercent,
  effectiveOn,
  emptyCoverage,
  evaluateDay,
  type RuleCoverage,
  runCase,
} from '@shoutu/engine';
import { readTexts, walkEntries } from '../files.js';
import { loadReports } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { todayOf } from '../report-cache.js';

export interface RulesOptions {
  root: string;
  /** The rules folder, relative to the project root. */
  dir: string;
  maxProblems: number;
  json: boolean;
}

/** How many of the latest days with reports count as "the current data" for firing warnings. */
const CURRENT_DAYS = 7;

/**
 * `shoutu rules check`: every mistake an author can make in a rule, before anything runs; then
 * warnings for rules that never pass or never fail on the current data. Exit 1 on errors.
 */
export async function rulesCheck(o: Output, opts: RulesOptions): Promise<number> {
  const { project, problems } = await loadProject(opts.root, opts.dir);
  const all = [...problems];
  // Count the rule files even when some do not load: "0 rules" would read as "nothing found".
  // Entries set aside (links, hidden files) are said by `loadProject`.
  const ruleCount = walkEntries(opts.root, opts.dir, {
    match: (f) =>
      f.includes('/') &&
      f.endsWith('.json') &&
      !f.endsWith('.test.json') &&
      !f.startsWith('conditions/'),
  }).files.length;
  if (project)
    all.push(...deadlineWarnings(project), ...(await firingWarnings(opts.root, project)));
  const errors = countOf(all, 'error');
  const warnings = countOf(all, 'warning');
  if (opts.json) {
    o.out(
      JSON.stringify({ rules: ruleCount, errors, warnings, problems: sortProblems(all) }, null, 2),
    );
  } else {
    printProblems(o, all, opts.maxProblems);
    o.out(
      `rules check: ${plural(ruleCount, 'rule')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/**
 * A warning for each rule without a `deadline`: its failures can never be overdue, so the pages
 * cannot say by when they must be put right. Optional in the schema so that older projects load.
 */
function deadlineWarnings(
  project: NonNullable<Awaited<ReturnType<typeof loadProject>>['project']>,
): Problem[] {
  const out: Problem[] = [];
  for (const { rule } of project.ruleSet.rules) {
    if (rule.deadline) continue;
    const source = project.ruleSet.sources.get(`${rule.id}@${rule.version}`);
    if (!source) continue;
    out.push(
      problemAt(
        source,
        [],
        `no "deadline", so its failures are never overdue: expected e.g. "deadline": { "days": 0, "basis": "assumed" } (0 is the same day)`,
        undefined,
        'warning',
      ),
    );
  }
  return out;
}

async function firingWarnings(
  root: string,
  project: NonNullable<Awaited<ReturnType<typeof loadProject>>['project']>,
) {
  const { registry, forms, ruleSet } = project;
  // Days that have not begun are not the current data (their reports are set aside).
  const reports = await loadReports(root, registry, forms, { today: todayOf(project.settings) });
  const days = reports.index.days().slice(-CURRENT_DAYS);
  if (days.length === 0) return [];
  const tally = new Map<string, { pass: number; fail: number }>();
  for (const day of days)
    for (const f of await evaluateDay({
      registry,
      rules: ruleSet.rules,
      reports: reports.index,
      day,
    })) {
      const t = tally.get(f.rule) ?? { pass: 0, fail: 0 };
      if (f.status === 'pass') t.pass++;
      if (f.status === 'fail') t.fail++;
      tally.set(f.rule, t);
    }
  const span = days.length === 1 ? days[0] : `${days[0]} to ${days[days.length - 1]}`;
  const out: Problem[] = [];
  for (const { rule } of ruleSet.rules) {
    const t = tally.get(rule.id);
    const source = ruleSet.sources.get(`${rule.id}@${rule.version}`);
    if (!t || !source || t.pass + t.fail === 0) continue;
    const checks = plural(t.pass + t.fail, 'check');
    const warn = (message: string) =>
      out.push(problemAt(source, ['conditions'], message, undefined, 'warning'));
    if (t.fail === 0)
      warn(`never fails on the current data (${checks}, ${span}): is the threshold too lax?`);
    else if (t.pass === 0)
      warn(`never passes on the current data (${checks}, ${span}): is the threshold reachable?`);
  }
  return out;
}

/**
 * `shoutu rules test`: runs the cases in `*.test.json` beside each rule, prints each case that
 * does not give the expected outcome with the condition that decided it, and the coverage of
 * every rule. Exit 1 when a case fails or coverage is below `rules/rules.config.json`.
 */
export async function rulesTest(o: Output, opts: RulesOptions): Promise<number> {
  const { project, problems } = await loadProject(opts.root, opts.dir);
  if (!project) {
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `rules test stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method`,
    );
    return 1;
  }
  const facts = new Map(project.ruleSet.facts.map((f) => [f.name, f]));
  const config = await readConfig(opts.root, opts.dir, problems);
  // Entries set aside (a linked test file) were said by `loadProject`, which stopped on them.
  const rels = walkEntries(opts.root, opts.dir, {
    match: (f) => f.endsWith('.test.json'),
  }).files.map((f) => `${opts.dir}/${f}`);
  const read = await readTexts(opts.root, rels);
  for (const p of read.problems) problems.push(p);
  const byId = new Map<string, CompiledRule[]>();
  for (const r of project.ruleSet.rules) byId.set(r.rule.id, [...(byId.get(r.rule.id) ?? []), r]);
  // Coverage is kept per version: a version no case runs is a version nobody tested.
  const label = (r: CompiledRule) =>
    (byId.get(r.rule.id)?.length ?? 0) > 1 ? `${r.rule.id} v${r.rule.version}` : r.rule.id;
  const coverage = new Map<string, RuleCoverage>();
  for (const r of project.ruleSet.rules) coverage.set(label(r), emptyCoverage(r));
  const types = new Map(project.ruleSet.facts.map((f) => [f.name, f]));

  const failures: string[] = [];
  let cases = 0;
  for (const text of read.texts) {
    const parsed = parseJsonSource(text.file, text.text);
    if (!parsed.source) {
      for (const p of parsed.problems) problems.push(p);
      continue;
    }
    const source = parsed.source;
    const v = validateJson(source, RuleTestFile);
    if (!v.data) {
      for (const p of v.problems) problems.push(p);
      continue;
    }
    const versions = byId.get(v.data.rule);
    if (!versions) {
      problems.push(
        problemAt(
          source,
          ['rule'],
          `unknown rule "${v.data.rule}"${hint(v.data.rule, byId.keys())}`,
        ),
      );
      continue;
    }
    for (const [i, testCase] of v.data.cases.entries()) {
      let bad = false;
      for (const [f, value] of Object.entries(testCase.facts)) {
        const why =
          whyUnavailable(
            f,
            versions[0]!.rule.appliesTo,
            project.forms,
            project.registry.attributes,
          ) ?? wrongType(types.get(f), value);
        if (why) {
          problems.push(problemAt(source, ['cases', i, 'facts'], why, f));
          bad = true;
        }
      }
      if (bad) continue;
      if (testCase.date === undefined && versions.length > 1) {
        problems.push(
          problemAt(
            source,
            ['cases', i],
            `"${v.data.rule}" has versions ${versions
              .map((r) => r.rule.version)
              .sort()
              .join(', ')}: give the case a "date" to say which one it tests`,
          ),
        );
        continue;
      }
      const compiled = versionFor(versions, testCase.date);
      if (!compiled) {
        problems.push(
          problemAt(
            source,
            ['cases', i, 'date'],
            `no version of "${v.data.rule}" is in force on ${testCase.date}`,
          ),
        );
        continue;
      }
      cases++;
      const outcome = await runCase(
        compiled,
        testCase,
        coverage.get(label(compiled)) as RuleCoverage,
      );
      if (!outcome.passed)
        failures.push(
          caseFailure(
            problemAt(source, ['cases', i], ''),
            outcome,
            facts,
            project.registry.measurementUnits,
            versions.length > 1 ? compiled.rule.version : undefined,
          ),
        );
    }
  }

  const minimum = config?.tests.minimumCoverage ?? 100;
  const rows = [...coverage.entries()].sort(([a], [b]) => cmp(a, b));
  const below = rows.filter(([, c]) => coveragePercent(c) < minimum);
  printProblems(o, problems, opts.maxProblems);
  for (const f of failures) o.err(f);
  for (const [id, c] of rows)
    o.out(
      `  ${String(coveragePercent(c)).padStart(5)} %  ${id}${coverageGaps(c).length > 0 ? `  (${coverageGaps(c).join('; ')})` : ''}`,
    );
  const total = rows.length === 0 ? 100 : Math.min(...rows.map(([, c]) => coveragePercent(c)));
  o.out(
    `rule tests: ${cases - failures.length} of ${plural(cases, 'case')} as expected; lowest coverage ${total} % (minimum ${minimum} %, set in ${opts.dir}/rules.config.json)`,
  );
  if (below.length > 0)
    o.err(
      `coverage below ${minimum} % for ${plural(below.length, 'rule')}: ${below.map(([id]) => id).join(', ')}`,
    );
  return failures.length > 0 || below.length > 0 || countOf(problems, 'error') > 0 ? 1 : 0;
}

function versionFor(versions: CompiledRule[], date: string | undefined): CompiledRule | undefined {
  if (date === undefined) return versions[0];
  return versions.find((r) => effectiveOn(r.rule, date));
}

/** A test value of the wrong type would make a case pass or fail for the wrong reason. */
function wrongType(fact: FactInfo | undefined, value: unknown): string | undefined {
  if (!fact || value === null) return undefined;
  const numeric = fact.type === 'integer' || fact.type === 'number';
  const ok = numeric
    ? typeof value === 'number'
    : fact.type === 'boolean'
      ? typeof value === 'boolean'
      : typeof value === 'string';
  if (ok) return undefined;
  const want = numeric
    ? `a number${fact.unit ? ` (${fact.unit})` : ''}`
    : fact.type === 'boolean'
      ? 'true or false'
      : 'text';
  const kind = fact.type === 'boolean' ? 'yes/no' : fact.type;
  return `"${fact.name}" is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} fact: expected ${want}, found ${describeValue(value)}`;
}

function caseFailure(
  at: Problem,
  outcome: CaseOutcome,
  facts: ReadonlyMap<string, FactInfo>,
  units: ReadonlyMap<string, MeasurementUnit>,
  version?: number,
): string {
  const why =
    outcome.conditions && outcome.conditions.length > 0
      ? `: ${outcome.conditions.map((c) => describeOutcome(c, facts, 'en', units)).join('; ')}`
      : outcome.message
        ? `: ${outcome.message}`
        : '';
  return formatProblem({
    ...at,
    message: `case "${outcome.case.name}"${version !== undefined ? ` (version ${version})` : ''}: expected ${outcome.case.expect}, got ${outcome.actual}${why}`,
  });
}

async function readConfig(
  root: string,
  dir: string,
  problems: Problem[],
): Promise<RulesConfig | undefined> {
  const rel = `${dir}/rules.config.json`;
  const files = walkEntries(root, dir, {
    match: (f) => f === 'rules.config.json',
    maxDepth: 1,
  }).files;
  if (files.length === 0) return undefined;
  const read = await readTexts(root, [rel]);
  for (const p of read.problems) problems.push(p);
  const text = read.texts[0];
  if (!text) return undefined;
  const parsed = parseJsonSource(rel, text.text);
  if (!parsed.source) {
    for (const p of parsed.problems) problems.push(p);
    return undefined;
  }
  const v = validateJson(parsed.source, RulesConfig);
  for (const p of v.problems) problems.push(p);
  return v.data;
}
