import { type Problem, problemAt, sortProblems } from '@shoutu/core';
import { evaluateDay } from '@shoutu/engine';
import { walkEntries } from '../files.js';
import { loadReports } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { todayOf } from '../report-cache.js';
import { ruleVersionProblems } from '../versions.js';

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
  if (project) all.push(...ruleVersionProblems(opts.root, project, (line) => o.err(line)));
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
