import path from 'node:path';
import {
  cmp,
  describeOutcome,
  describeValue,
  type FactInfo,
  formatProblem,
  hint,
  type JsonSource,
  type MeasurementUnit,
  misnamedTestFile,
  type Problem,
  parseJsonSource,
  problemAt,
  RulesConfig,
  RuleTestFile,
  type Status,
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
  type RuleCoverage,
  runCase,
} from '@shoutu/engine';
import type { z } from 'zod';
import { writeFileAtomic } from '../durable.js';
import { readTexts, walkEntries } from '../files.js';
import { problemJson } from '../json/problem.js';
import type { RulesTestJson } from '../json/rules-test.js';
import { countOf, EXIT, exitFor, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import type { RulesOptions } from './rules.js';

export interface RulesTestOptions extends RulesOptions {
  /** `-v`: every rule with its coverage, not only failures and rules below the minimum. */
  verbose?: boolean;
  /** `--junit <file>`: JUnit XML for CI, one testcase per case (an absolute path). */
  junit?: string | undefined;
}

type RunStatus = 'passed' | 'failed' | 'not-run';

/** One case of a test file, run or not, with where it is. */
interface CaseRun {
  name: string;
  file: string;
  line?: number | undefined;
  status: RunStatus;
  expected: string;
  /** The rule (and its version) the case ran against. */
  rule: string;
  version?: number | undefined;
  actual?: Status | undefined;
  /** For a failed case, the conditions that decided it; for one not run, why. */
  why?: string | undefined;
  /** The problem printed for it (a failure, or the mistake that kept it from running). */
  problem?: Problem | undefined;
}

/** A test file: its cases, or why none of them ran. */
interface TestFileRun {
  file: string;
  rule?: string | undefined;
  cases: CaseRun[];
  /** Where its "rule" is. */
  at?: { line?: number | undefined; column?: number | undefined } | undefined;
  /** For a file that could not be used: how many cases it holds (undefined: not known). */
  invalid?: { cases: number | undefined; why: string } | undefined;
}

/** A rule version with its coverage and the file it is written in. */
interface RuleRow {
  label: string;
  id: string;
  version: number;
  file: string;
  coverage: RuleCoverage;
  /** False when no test file tests the rule (a `SHOUTU-T001` error says which to create). */
  tested: boolean;
}

/**
 * `shoutu rules test`: runs the cases in `*.test.json` beside each rule. It prints the cases that
 * do not give the expected outcome, with the condition that decided it, the mistakes that kept
 * cases from running, rules without a test file and rules below the minimum coverage, then a
 * summary; `-v` lists every rule with its coverage. `--json` prints one object instead, and
 * `--junit <file>` writes a JUnit report. Exit 1 on any of these (docs/design/authors.md §4).
 */
export async function rulesTest(o: Output, opts: RulesTestOptions): Promise<number> {
  const { project, problems } = await loadProject(opts.root, opts.dir);
  if (!project) {
    const code = exitFor(problems) || EXIT.problems;
    if (opts.junit) await writeFileAtomic(opts.junit, junitNotLoaded(problems));
    if (opts.json) {
      o.out(
        JSON.stringify(
          jsonOf(code, [], [], problems, config0(), { run: 0, passed: 0, failed: 0 }),
          null,
          2,
        ),
      );
      return code;
    }
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `rules test stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method`,
    );
    return code;
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

  const runs: TestFileRun[] = [];
  // A file that could not be read at all (a link, too big) holds an unknown number of cases.
  for (const p of read.problems)
    runs.push({ file: p.file, cases: [], invalid: { cases: undefined, why: p.message } });
  const testedIds = new Set<string>();
  // A test file named `.tests.json`, `-test.json` … is not read as a rule (load.ts): one error
  // says to rename it, and stands for the missing test file of its rule.
  const misnamed = walkEntries(opts.root, opts.dir, {
    match: (f) => misnamedTestFile(f) !== undefined,
  }).files.map((f) => `${opts.dir}/${f}`);
  const renameTargets = new Set<string>();
  const misread = await readTexts(opts.root, misnamed);
  for (const p of misread.problems) problems.push(p);
  for (const text of misread.texts) {
    const target = misnamedTestFile(text.file) as string;
    renameTargets.add(target);
    const parsed = parseJsonSource(text.file, text.text);
    const value = parsed.source?.value;
    const rule =
      value !== null &&
      typeof value === 'object' &&
      'rule' in value &&
      typeof value.rule === 'string'
        ? value.rule
        : undefined;
    const at =
      parsed.source && rule !== undefined
        ? problemAt(parsed.source, ['rule'], '')
        : { line: 1, column: 1 };
    problems.push({
      severity: 'error',
      code: 'SHOUTU-T009',
      file: text.file,
      line: at.line,
      column: at.column,
      message: `a rule test file must be named <name>.test.json: rename ${text.file} to ${target}, so that its cases run (it was not read)`,
    });
    runs.push({
      file: text.file,
      rule,
      cases: [],
      invalid: { cases: casesIn(value), why: `misnamed: rename it to ${target}` },
    });
  }
  for (const text of read.texts) {
    const parsed = parseJsonSource(text.file, text.text);
    if (!parsed.source) {
      for (const p of parsed.problems) problems.push(p);
      runs.push({
        file: text.file,
        cases: [],
        invalid: { cases: undefined, why: 'not valid JSON' },
      });
      continue;
    }
    const source = parsed.source;
    const v = validateJson(source, RuleTestFile);
    if (!v.data) {
      for (const p of oneForEachMistypedKey(v.problems)) problems.push(p);
      runs.push({
        file: text.file,
        cases: [],
        invalid: { cases: casesIn(source.value), why: 'not the shape of a rule test file' },
      });
      continue;
    }
    const versions = byId.get(v.data.rule);
    if (!versions) {
      problems.push({
        ...problemAt(
          source,
          ['rule'],
          `unknown rule "${v.data.rule}"${hint(v.data.rule, byId.keys()) || (tailHint(v.data.rule, byId.keys()) ?? '')}: none of the ${plural(v.data.cases.length, 'case')} of this file ran`,
        ),
        code: 'SHOUTU-T002',
      });
      runs.push({
        file: text.file,
        rule: v.data.rule,
        cases: [],
        invalid: { cases: v.data.cases.length, why: `unknown rule "${v.data.rule}"` },
      });
      continue;
    }
    testedIds.add(v.data.rule);
    const ruleAt = problemAt(source, ['rule'], '');
    const run: TestFileRun = {
      file: text.file,
      rule: v.data.rule,
      cases: [],
      at: { line: ruleAt.line, column: ruleAt.column },
    };
    runs.push(run);
    for (const [i, testCase] of v.data.cases.entries()) {
      const at = problemAt(source, ['cases', i], '');
      const base = {
        name: testCase.name,
        file: text.file,
        line: at.line,
        expected: testCase.expect,
        rule: v.data.rule,
      };
      const mistakes: Problem[] = [];
      for (const [f, value] of Object.entries(testCase.facts)) {
        const unavailable = whyUnavailable(
          f,
          versions[0]!.rule.appliesTo,
          project.forms,
          project.registry.attributes,
        );
        const why =
          (unavailable === undefined ? undefined : { code: 'SHOUTU-T003', message: unavailable }) ??
          wrongType(facts.get(f), value) ??
          derivedBesideSource(facts.get(f), testCase.facts);
        if (why)
          mistakes.push({
            ...problemAt(source, ['cases', i, 'facts'], why.message, f),
            code: why.code,
          });
      }
      if (mistakes.length === 0 && testCase.date === undefined && versions.length > 1)
        mistakes.push({
          ...problemAt(
            source,
            ['cases', i],
            `"${v.data.rule}" has versions ${versions
              .map((r) => r.rule.version)
              .sort()
              .join(', ')}: give the case a "date" to say which one it tests`,
          ),
          code: 'SHOUTU-T004',
        });
      const compiled = mistakes.length === 0 ? versionFor(versions, testCase.date) : undefined;
      if (mistakes.length === 0 && !compiled)
        mistakes.push({
          ...problemAt(
            source,
            ['cases', i, 'date'],
            `no version of "${v.data.rule}" is in force on ${testCase.date}: ${inForceText(versions)}`,
          ),
          code: 'SHOUTU-T005',
        });
      if (!compiled || mistakes.length > 0) {
        problems.push(...mistakes);
        run.cases.push({
          ...base,
          status: 'not-run',
          why: mistakes.map((m) => m.message).join('; '),
        });
        continue;
      }
      const outcome = await runCase(
        compiled,
        testCase,
        coverage.get(label(compiled)) as RuleCoverage,
      );
      const version = versions.length > 1 ? compiled.rule.version : undefined;
      if (outcome.passed) {
        run.cases.push({ ...base, version, status: 'passed', actual: outcome.actual });
        continue;
      }
      const why = whyOf(outcome, facts, project.registry.measurementUnits);
      run.cases.push({
        ...base,
        version,
        status: 'failed',
        actual: outcome.actual,
        why,
        problem: {
          ...at,
          code: 'SHOUTU-T007',
          message: `case "${testCase.name}"${version !== undefined ? ` (version ${version})` : ''}: expected ${testCase.expect}, got ${outcome.actual}${why ? `: ${why}` : ''}`,
        },
      });
    }
  }

  // Every rule file has a test file beside it, or its rule is tested in another one (a later
  // version kept in a file of its own may be tested in the first version's test file).
  const testFiles = new Set(rels);
  const rows: RuleRow[] = [];
  for (const r of project.ruleSet.rules) {
    const file = project.ruleSet.sources.get(`${r.rule.id}@${r.rule.version}`)?.file ?? opts.dir;
    const beside = file.replace(/\.json$/, '.test.json');
    const tested = testedIds.has(r.rule.id) || testFiles.has(beside);
    // A misnamed test file beside the rule said so already.
    if (!tested && !renameTargets.has(beside))
      problems.push({
        ...at(project.ruleSet.sources.get(`${r.rule.id}@${r.rule.version}`), file),
        severity: 'error',
        code: 'SHOUTU-T001',
        message: `no test file for the rule "${r.rule.id}"${(byId.get(r.rule.id)?.length ?? 0) > 1 ? ` (version ${r.rule.version})` : ''}: create ${beside} beside it, { "rule": "${r.rule.id}", "cases": [ … ] } with a case that passes and one that fails (see docs/authors-guide.md)`,
      });
    rows.push({
      label: label(r),
      id: r.rule.id,
      version: r.rule.version,
      file,
      coverage: coverage.get(label(r)) as RuleCoverage,
      tested,
    });
  }
  rows.sort((a, b) => cmp(a.label, b.label));

  const minimum = config?.tests.minimumCoverage ?? 100;
  // A rule without tests is said once, by its missing test file; one whose test file is
  // invalid, or some of whose cases did not run, by the mistakes that kept them from running.
  const invalidFiles = new Set(runs.filter((r) => r.invalid).map((r) => r.file));
  const notAllRun = new Set(
    runs.filter((r) => r.invalid || r.cases.some((c) => c.status === 'not-run')).map((r) => r.rule),
  );
  const below = rows.filter(
    (r) =>
      r.tested &&
      !invalidFiles.has(r.file.replace(/\.json$/, '.test.json')) &&
      !notAllRun.has(r.id) &&
      coveragePercent(r.coverage) < minimum,
  );
  for (const r of below) {
    const run = runs.find((x) => x.rule === r.id && !x.invalid);
    problems.push({
      severity: 'error',
      code: 'SHOUTU-T008',
      file: run?.file ?? r.file,
      ...(run?.at ?? {}),
      message: `the tests of "${r.label}" cover ${coveragePercent(r.coverage)} %, below the minimum of ${minimum} % (set in ${opts.dir}/rules.config.json): ${coverageGaps(r.coverage).join('; ')}`,
    });
  }
  const cases = runs.flatMap((r) => r.cases);
  const failed = cases.filter((c) => c.status === 'failed');
  const tally = {
    run: cases.filter((c) => c.status !== 'not-run').length,
    passed: cases.filter((c) => c.status === 'passed').length,
    failed: failed.length,
  };
  const notRun = notRunOf(runs);
  const code = Math.max(
    exitFor(problems),
    failed.length > 0 || notRun.cases > 0 || notRun.unknown > 0 || below.length > 0
      ? EXIT.problems
      : EXIT.ok,
  );

  if (opts.junit) await writeFileAtomic(opts.junit, junitOf(runs, rows, below, minimum));
  if (opts.json) {
    o.out(
      JSON.stringify(
        jsonOf(code, rows, failed, problems, { minimum, below }, tally, notRun),
        null,
        2,
      ),
    );
    return code;
  }

  printProblems(o, [...problems, ...failed.map((c) => c.problem as Problem)], opts.maxProblems);
  if (opts.verbose)
    for (const r of rows) {
      const gaps = coverageGaps(r.coverage);
      o.out(
        `  ${String(coveragePercent(r.coverage)).padStart(5)} %  ${r.label}${!r.tested ? '  (no test file)' : gaps.length > 0 ? `  (${gaps.join('; ')})` : ''}`,
      );
    }
  const tested = rows.filter((r) => r.tested);
  const lowest =
    tested.length === 0 ? 100 : Math.min(...tested.map((r) => coveragePercent(r.coverage)));
  const known = tally.run + notRun.cases;
  o.out(
    `rule tests: ${tally.passed} of ${plural(known, 'case')} as expected${notRunText(notRun)}; lowest coverage ${lowest} % (minimum ${minimum} %, set in ${opts.dir}/rules.config.json)`,
  );
  return code;
}

interface NotRun {
  /** Cases known not to have run. */
  cases: number;
  /** Test files whose cases could not be counted (not JSON, not readable). */
  unknown: number;
  invalidFiles: number;
  /** Cases of usable files that did not run because of a mistake of their own. */
  badCases: number;
}

function notRunOf(runs: readonly TestFileRun[]): NotRun {
  let cases = 0;
  let unknown = 0;
  let invalidFiles = 0;
  let badCases = 0;
  for (const r of runs) {
    if (r.invalid) {
      invalidFiles++;
      if (r.invalid.cases === undefined) unknown++;
      else cases += r.invalid.cases;
      continue;
    }
    const bad = r.cases.filter((c) => c.status === 'not-run').length;
    cases += bad;
    badCases += bad;
  }
  return { cases, unknown, invalidFiles, badCases };
}

/** ", 8 not run (2 invalid test files)": nothing when every case ran. */
function notRunText(n: NotRun): string {
  if (n.cases === 0 && n.unknown === 0) return '';
  const why: string[] = [];
  if (n.invalidFiles > 0) why.push(plural(n.invalidFiles, 'invalid test file'));
  if (n.badCases > 0) why.push(`${plural(n.badCases, 'case')} with mistakes`);
  const count =
    n.unknown === 0
      ? `${n.cases}`
      : n.cases === 0
        ? 'an unknown number of cases'
        : `${n.cases} and an unknown number more`;
  const unknownWhy =
    n.unknown > 0
      ? `; ${n.unknown === 1 ? 'one file' : `${n.unknown} files`} could not be read as JSON, so ${n.unknown === 1 ? 'its' : 'their'} cases could not be counted`
      : '';
  return `, ${count} not run (${why.join(', ')}${unknownWhy})`;
}

/**
 * The number of cases of a file that parses but is not a valid test file, when it says: its
 * `"cases"`, or the one list it holds under another key (`"case": [ … ]`).
 */
function casesIn(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if ('cases' in value) return Array.isArray(value.cases) ? value.cases.length : undefined;
  const lists = Object.values(value).filter((v) => Array.isArray(v));
  return lists.length === 1 ? (lists[0] as unknown[]).length : undefined;
}

/**
 * A mistyped key ("case" for "cases", "expected" for "expect") is one mistake: the error at the
 * key that says what to write stands for the "missing" error of the key it was meant to be.
 */
function oneForEachMistypedKey(problems: readonly Problem[]): Problem[] {
  const meant = new Set<string>();
  for (const p of problems) {
    const m = /^unknown field "[^"]*"; did you mean "([^"]+)"\?.*?(?: \(at ([^)]*)\))?$/.exec(
      p.message,
    );
    if (m) meant.add(`${p.file}|${m[2] ? `${m[2]}.` : ''}${m[1]}`);
  }
  if (meant.size === 0) return [...problems];
  return problems.filter((p) => {
    const missing = /^missing required field|found nothing/.test(p.message);
    const at = / \(at ([^)]*)\)$/.exec(p.message)?.[1];
    return !missing || at === undefined || !meant.has(`${p.file}|${at}`);
  });
}

function versionFor(versions: CompiledRule[], date: string | undefined): CompiledRule | undefined {
  if (date === undefined) return versions[0];
  return versions.find((r) => effectiveOn(r.rule, date));
}

interface Mistake {
  code: string;
  message: string;
}

/** Where a rule is: its `"id"` key, so that a problem about the whole rule has a line. */
function at(
  source: JsonSource | undefined,
  file: string,
): Pick<Problem, 'file' | 'line' | 'column'> {
  if (!source) return { file };
  const p = problemAt(source, ['id'], '');
  return { file: p.file, line: p.line, column: p.column };
}

/** The part of a dotted name after its first dot: `prevention.grid-screening` → `grid-screening`. */
const tail = (name: string) => name.slice(name.indexOf('.') + 1).toLowerCase();

/**
 * `; did you mean "prevention.grid-screening"?` for a name written without its first part
 * ("grid-screening"), or with a wrong one: the names whose part after the dot is the same.
 * Undefined when none is.
 */
export function tailHint(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const found = [...candidates]
    .filter((c) => c.toLowerCase() !== w && (tail(c) === w || tail(c) === tail(w)))
    .sort(cmp);
  if (found.length === 0) return undefined;
  return `; did you mean ${found.map((c) => `"${c}"`).join(' or ')}?`;
}

/** "in force from 2020-01-25", "version 1 in force from 2020-01-25 to 2020-06-30, version 2 …". */
function inForceText(versions: readonly CompiledRule[]): string {
  const period = (r: CompiledRule) =>
    `in force from ${r.rule.effective.from}${r.rule.effective.to ? ` to ${r.rule.effective.to}` : ''}`;
  const sorted = [...versions].sort((a, b) => a.rule.version - b.rule.version);
  if (sorted.length === 1) return `it is ${period(sorted[0] as CompiledRule)}`;
  return sorted.map((r) => `version ${r.rule.version} ${period(r)}`).join(', ');
}

/** A test value of the wrong type would make a case pass or fail for the wrong reason. */
function wrongType(fact: FactInfo | undefined, value: unknown): Mistake | undefined {
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
  return {
    code: 'SHOUTU-T003',
    message: `"${fact.name}" is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} fact: expected ${want}, found ${describeValue(value)}`,
  };
}

/**
 * A derived fact given beside a fact it is computed from: one would override the other without
 * a word, so the case says neither clearly.
 */
function derivedBesideSource(
  fact: FactInfo | undefined,
  given: Readonly<Record<string, unknown>>,
): Mistake | undefined {
  if (!fact?.derivedFrom) return undefined;
  const both = fact.derivedFrom.filter((f) => f in given);
  if (both.length === 0) return undefined;
  return {
    code: 'SHOUTU-T006',
    message: `"${fact.name}" is derived from ${fact.derivedFrom.join(' and ')}, and this case gives ${both.join(' and ')} too: give either the derived fact alone (it is used as given) or the facts it is computed from, not both`,
  };
}

/** The conditions that decided an unexpected outcome, in words. */
function whyOf(
  outcome: CaseOutcome,
  facts: ReadonlyMap<string, FactInfo>,
  units: ReadonlyMap<string, MeasurementUnit>,
): string {
  return outcome.conditions && outcome.conditions.length > 0
    ? outcome.conditions.map((c) => describeOutcome(c, facts, 'en', units)).join('; ')
    : (outcome.message ?? '');
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

// --- --json -------------------------------------------------------------------------------

function config0() {
  return { minimum: 100, below: [] as RuleRow[] };
}

function jsonOf(
  exitCode: number,
  rows: readonly RuleRow[],
  failed: readonly CaseRun[],
  problems: readonly Problem[],
  { minimum, below }: { minimum: number; below: readonly RuleRow[] },
  tally: { run: number; passed: number; failed: number },
  notRun: NotRun = { cases: 0, unknown: 0, invalidFiles: 0, badCases: 0 },
): z.infer<typeof RulesTestJson> {
  const belowSet = new Set(below);
  return {
    command: 'rules test',
    exitCode,
    cases: { ...tally, notRun: notRun.cases, uncountedFiles: notRun.unknown },
    minimumCoverage: minimum,
    rules: rows.map((r) => ({
      id: r.id,
      version: r.version,
      coverage: coveragePercent(r.coverage),
      gaps: r.tested ? coverageGaps(r.coverage) : ['no test file'],
      file: r.file,
      tested: r.tested,
      belowMinimum: belowSet.has(r),
    })),
    failures: failed.map((c) => ({
      rule: c.rule,
      ...(c.version !== undefined ? { version: c.version } : {}),
      case: c.name,
      file: c.file,
      ...(c.line !== undefined ? { line: c.line } : {}),
      expected: c.expected as z.infer<typeof RulesTestJson>['failures'][number]['expected'],
      actual: c.actual as Status,
      why: c.why ?? '',
    })),
    problems: sortProblems([...problems]).map(problemJson),
  };
}

// --- --junit ------------------------------------------------------------------------------

/** Text for XML 1.0: markup escaped, characters XML cannot hold left out. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');

function testsuite(
  name: string,
  file: string,
  cases: readonly {
    name: string;
    classname: string;
    file: string;
    line?: number | undefined;
    failure?: { message: string; body: string } | undefined;
    error?: { message: string; body: string } | undefined;
  }[],
): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const lines = [
    `  <testsuite${attrs({ name, file, tests: cases.length, failures, errors, skipped: 0 })}>`,
  ];
  for (const c of cases) {
    const head = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file, line: c.line })}`;
    if (!c.failure && !c.error) {
      lines.push(`${head}/>`);
      continue;
    }
    lines.push(`${head}>`);
    if (c.failure)
      lines.push(
        `      <failure${attrs({ message: c.failure.message, type: 'failure' })}>${xmlText(c.failure.body)}</failure>`,
      );
    if (c.error)
      lines.push(
        `      <error${attrs({ message: c.error.message, type: 'not-run' })}>${xmlText(c.error.body)}</error>`,
      );
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>');
  return lines.join('\n');
}

function junitDocument(suites: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="shoutu rules test">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}

const where = (file: string, line?: number) => (line === undefined ? file : `${file}:${line}`);

/**
 * JUnit XML: a testsuite per test file (the tests of one rule), a testcase per case; a failed
 * case has a `<failure>`, a case that did not run an `<error>`, both with file:line and why. A
 * rule without a test file, and a rule below the minimum coverage, is a failed testcase too.
 */
function junitOf(
  runs: readonly TestFileRun[],
  rows: readonly RuleRow[],
  below: readonly RuleRow[],
  minimum: number,
): string {
  const suites: string[] = [];
  const belowById = new Map<string, RuleRow[]>();
  for (const r of below) belowById.set(r.id, [...(belowById.get(r.id) ?? []), r]);
  for (const run of [...runs].sort((a, b) => cmp(a.file, b.file))) {
    const classname = run.rule ?? path.basename(run.file, '.test.json');
    const cases = run.cases.map((c) => ({
      name: c.name,
      classname: c.version !== undefined ? `${c.rule} v${c.version}` : c.rule,
      file: c.file,
      line: c.line,
      ...(c.status === 'failed'
        ? {
            failure: {
              message: `expected ${c.expected}, got ${c.actual}`,
              body: `${where(c.file, c.line)}: expected ${c.expected}, got ${c.actual}${c.why ? `: ${c.why}` : ''}`,
            },
          }
        : {}),
      ...(c.status === 'not-run'
        ? { error: { message: 'not run', body: `${where(c.file, c.line)}: ${c.why ?? ''}` } }
        : {}),
    }));
    if (run.invalid)
      cases.push({
        name: `${run.invalid.cases ?? 'an unknown number of'} cases not run`,
        classname,
        file: run.file,
        line: undefined,
        error: {
          message: 'invalid test file',
          body: `${run.file}: ${run.invalid.why}: its cases did not run`,
        },
      });
    for (const r of (run.rule ? belowById.get(run.rule) : undefined) ?? [])
      cases.push({
        name: `coverage of ${r.label}`,
        classname,
        file: r.file,
        line: undefined,
        failure: {
          message: `coverage ${coveragePercent(r.coverage)} % is below ${minimum} %`,
          body: `${r.file}: coverage ${coveragePercent(r.coverage)} % is below ${minimum} %: ${coverageGaps(r.coverage).join('; ')}`,
        },
      });
    suites.push(testsuite(classname, run.file, cases));
  }
  for (const r of rows.filter((x) => !x.tested)) {
    const beside = r.file.replace(/\.json$/, '.test.json');
    suites.push(
      testsuite(r.label, r.file, [
        {
          name: 'has a test file',
          classname: r.label,
          file: r.file,
          failure: {
            message: `no test file: create ${beside}`,
            body: `${r.file}: no test file for the rule "${r.id}": create ${beside}`,
          },
        },
      ]),
    );
  }
  return junitDocument(suites);
}

/** The report when the rules could not be loaded: one error naming the problems. */
function junitNotLoaded(problems: readonly Problem[]): string {
  const body = sortProblems([...problems])
    .filter((p) => p.severity === 'error')
    .map(formatProblem)
    .join('\n');
  return junitDocument([
    testsuite('rules', 'rules', [
      {
        name: 'the rules load',
        classname: 'rules',
        file: 'rules',
        error: { message: 'the registry, forms, rules or scoring method have errors', body },
      },
    ]),
  ]);
}
