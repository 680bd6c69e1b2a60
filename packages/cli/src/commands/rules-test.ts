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
  type RuleCoverage,
  runCase,
} from '@shoutu/engine';
import { readTexts, walkEntries } from '../files.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import type { RulesOptions } from './rules.js';

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
          'SHOUTU-R024',
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
          problems.push(problemAt('SHOUTU-R024', source, ['cases', i, 'facts'], why, f));
          bad = true;
        }
      }
      if (bad) continue;
      if (testCase.date === undefined && versions.length > 1) {
        problems.push(
          problemAt(
            'SHOUTU-R024',
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
            'SHOUTU-R024',
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
            problemAt('SHOUTU-R025', source, ['cases', i], ''),
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
