import { type Form, type Problem, problemAt, sortProblems } from '@shoutu/core';
import { evaluateDay } from '@shoutu/engine';
import { walkEntries } from '../files.js';
import { problemJson } from '../json/problem.js';
import type { RulesCheckJson } from '../json/rules-check.js';
import { loadReports } from '../load.js';
import { countOf, exitFor, type Gate, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { todayOf } from '../report-cache.js';
import { ruleVersionProblems } from '../versions.js';

export interface RulesOptions {
  root: string;
  /** The rules folder, relative to the project root. */
  dir: string;
  maxProblems: number;
  json: boolean;
  /** How warnings count (`--strict`, `--max-warnings`): only `rules check` reads it. */
  gate?: Gate;
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
  if (project) all.push(...ruleVersionProblems(opts.root, project, (line) => o.err(line)));
  const errors = countOf(all, 'error');
  const warnings = countOf(all, 'warning');
  const exitCode = exitFor(all, opts.gate);
  if (opts.json) {
    const json: RulesCheckJson = {
      command: 'rules check',
      exitCode,
      rules: ruleCount,
      errors,
      warnings,
      problems: sortProblems(all).map(problemJson),
    };
    o.out(JSON.stringify(json, null, 2));
  } else {
    printProblems(o, all, opts.maxProblems);
    const allowed = opts.gate?.strict ? 0 : opts.gate?.maxWarnings;
    const gate =
      exitCode === 1 && errors === 0 && allowed !== undefined
        ? ` (more than ${plural(allowed, 'warning')} allowed${opts.gate?.strict ? ' under --strict' : ''})`
        : '';
    o.out(
      `rules check: ${plural(ruleCount, 'rule')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${gate}`,
    );
  }
  return exitCode;
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
        'SHOUTU-R020',
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
    // A share compared with a threshold of the other scale (0.9 for a percent, 90 for a ratio)
    // is the likeliest reason a rule never fires or never passes: say it, at the threshold.
    const slip = scaleSlip(rule.conditions, shares(forms));
    const warn = (code: `SHOUTU-${string}`, message: string) =>
      out.push(
        problemAt(
          code,
          source,
          slip ? ['conditions', ...slip.path] : ['conditions'],
          slip ? `${message}. ${slip.message}` : message,
          undefined,
          'warning',
        ),
      );
    // A rule may say that it is meant not to fire (or not to pass) on today's data.
    const meant = rule.expect?.fires;
    if (t.fail === 0 && meant !== 'never-fails')
      warn(
        'SHOUTU-R021',
        `never fails on the current data (${checks}, ${span}): is the threshold too lax? If that is meant, add "expect": { "fires": "never-fails", "reason": "…" }`,
      );
    else if (t.pass === 0 && t.fail > 0 && meant !== 'never-passes')
      warn(
        'SHOUTU-R022',
        `never passes on the current data (${checks}, ${span}): is the threshold reachable? If that is meant, add "expect": { "fires": "never-passes", "reason": "…" }`,
      );
  }
  return out;
}

/** Every ratio fact of the forms (`<form>.<id>`): true when it is in percent (0 to 100), false for 0 to 1. */
function shares(forms: ReadonlyMap<string, Form>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const form of forms.values())
    for (const d of form.derived ?? [])
      if (d.ratio) out.set(`${form.id}.${d.id}`, d.ratio.percent === true);
  return out;
}

/**
 * The first condition that compares a share with a number of the other scale: a fraction (0 to
 * 1) for a share in percent, or a number above 1 (up to 100) for a ratio of 0 to 1. Its path
 * below `conditions` and what to write instead.
 */
function scaleSlip(
  conditions: unknown,
  percentByFact: ReadonlyMap<string, boolean>,
): { path: (string | number)[]; message: string } | undefined {
  if (percentByFact.size === 0) return undefined;
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: conditions, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: (string | number)[] };
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: [...path, i] });
      continue;
    }
    const leaf = node as { fact?: unknown; value?: unknown };
    if (typeof leaf.fact === 'string' && typeof leaf.value === 'number') {
      const percent = percentByFact.get(leaf.fact);
      const v = leaf.value;
      const at = [...path, 'value'];
      const round = (n: number) => Number(n.toPrecision(12));
      if (percent === true && v > 0 && v <= 1)
        return {
          path: at,
          message: `"${leaf.fact}" is a share in percent (0 to 100), and ${v} looks like a fraction written for a percent: for ${round(v * 100)} % write ${round(v * 100)}`,
        };
      if (percent === false && v > 1 && v <= 100)
        return {
          path: at,
          message: `"${leaf.fact}" is a ratio between 0 and 1 (not in percent), and ${v} looks like a percent: for ${v} % write ${round(v / 100)}`,
        };
      continue;
    }
    for (const key of ['all', 'any', 'not'])
      if (key in node)
        stack.push({ node: (node as Record<string, unknown>)[key], path: [...path, key] });
  }
  return undefined;
}
