import { isValidDay, RESULTS_SCHEMA, scoringVersion } from '@shoutu/core';
import {
  buildResults,
  type DayResults,
  emptyInputStats,
  evaluateDay,
  sumInputStats,
} from '@shoutu/engine';
import { UserError } from '../files.js';
import { loadReports, loadWaivers } from '../load.js';
import { countOf, type Output, plural, printProblems, progress } from '../output.js';
import { loadProject } from '../project.js';
import { Snapshots, serialize } from '../snapshots.js';

export interface EvaluateOptions {
  root: string;
  /** Evaluate this day only; a day without reports shows every report as missing. */
  date?: string | undefined;
  /** Evaluate days that already have a snapshot again, keeping the earlier snapshot. */
  recompute?: boolean;
  maxProblems: number;
}

function setRevision(r: DayResults, revision: number): void {
  r.city.revision = revision;
  for (const d of r.districts) d.revision = revision;
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

const score = (s: number | null) => (s === null ? 'none' : s.toFixed(1));

/**
 * Evaluates the days that have data but no snapshot (or the day given) and writes each as an
 * immutable snapshot in `data/results/<day>/`. A day that has one is left as published unless
 * `--recompute` is given; then an earlier snapshot that differs is kept under
 * `data/results/superseded/`.
 */
export async function evaluate(o: Output, opts: EvaluateOptions): Promise<number> {
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date))
    throw new UserError(`--date ${opts.date}: expected a date written as YYYY-MM-DD`);
  if (opts.date !== undefined && !isValidDay(opts.date))
    throw new UserError(`--date ${opts.date}: that day is not in the calendar`);
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `evaluation stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method; the published results were left as they were`,
    );
    return 1;
  }
  const { registry, ruleSet, scoring } = project;
  if (
    opts.date !== undefined &&
    registry.unitsInForce(opts.date, registry.districtLevel.id).length === 0
  ) {
    o.err(
      `error: --date ${opts.date}: no ${registry.districtLevel.id} of the registry is in force that day; nothing was evaluated`,
    );
    return 1;
  }
  const reports = await loadReports(opts.root, registry, project.forms);
  const waivers = await loadWaivers(
    opts.root,
    registry,
    new Set(ruleSet.rules.map((r) => r.rule.id)),
  );
  // `shoutu validate` lists report problems one by one; here a count is enough.
  printProblems(o, [...problems, ...waivers.problems], opts.maxProblems);
  const setAside = sumInputStats(reports.stats.values());
  if (setAside.quarantinedFiles + setAside.quarantinedRows > 0)
    o.err(
      `reports set aside: ${plural(setAside.quarantinedFiles, 'file')}, ${plural(setAside.quarantinedRows, 'row')} (run \`shoutu validate\` to see why)`,
    );
  if (waivers.quarantinedFiles + waivers.quarantinedWaivers > 0)
    o.err(
      `waivers set aside: ${plural(waivers.quarantinedFiles, 'file')}, ${plural(waivers.quarantinedWaivers, 'waiver')}; the findings they would cover count as usual`,
    );
  const days = opts.date !== undefined ? [opts.date] : reports.index.days();
  if (opts.date !== undefined && !reports.index.days().includes(opts.date))
    // The daily run evaluates the calendar day on purpose: reports that did not arrive show as missing.
    o.err(
      `warning: no reports for ${opts.date} were accepted: every report that day counts as missing`,
    );
  if (days.length === 0) {
    o.err(
      'no reports found in data/reports/: nothing to evaluate (give --date to evaluate a day without reports)',
    );
    return 1;
  }
  const snapshots = new Snapshots(opts.root);
  const todo = days.filter((d) => opts.recompute || !snapshots.has(d));
  const kept = days.length - todo.length;
  if (todo.length === 0) {
    o.out(
      `nothing to evaluate: ${days.length === 1 ? `${days[0]} already has a snapshot` : `all ${days.length} days with reports already have snapshots`} in data/results/, kept as published (give --recompute to evaluate again)`,
    );
    return 0;
  }
  for (const day of todo) {
    const stamp = snapshots.has(day) ? await snapshots.stamp(day) : undefined;
    if (stamp && stamp.schema !== undefined && stamp.schema !== RESULTS_SCHEMA)
      o.err(
        `note: the snapshot of ${day} is in results format ${String(stamp.schema)}; it is replaced by format ${RESULTS_SCHEMA} and kept under data/results/superseded/`,
      );
  }

  const bar = progress(o, 'evaluating');
  let checks = 0;
  const replaced: string[] = [];
  let unchanged = 0;
  for (const [i, day] of todo.entries()) {
    const findings = await evaluateDay({
      registry,
      rules: ruleSet.rules,
      reports: reports.index,
      day,
    });
    checks += findings.length;
    const earlier = snapshots.has(day) ? await snapshots.stamp(day) : undefined;
    const results = buildResults({
      day,
      registry,
      rules: ruleSet.rules,
      findings,
      facts: ruleSet.facts,
      rulesHash: ruleSet.hash,
      scoring: scoring.method,
      scoringHash: scoring.hash,
      waivers: waivers.waivers,
      waiversHash: waivers.hash,
      input: reports.stats.get(day) ?? emptyInputStats(),
      history: snapshots.history,
      revision: earlier?.revision ?? 1,
    });
    if (earlier) {
      const before = await snapshots.files(day);
      if (sameFiles(before, serialize(results))) {
        unchanged++;
        snapshots.remember(day, results);
        bar.tick(i + 1, todo.length);
        continue;
      }
      const where = await snapshots.supersede(day, earlier.revision);
      const old = safeScore(before['index.json']);
      setRevision(results, earlier.revision + 1);
      replaced.push(
        `${day}: city score ${old} → ${score(results.city.summary.score)} (revision ${earlier.revision + 1}; the earlier snapshot is kept in ${where}/)`,
      );
    }
    await snapshots.write(day, serialize(results), results);
    bar.tick(i + 1, todo.length);
  }
  bar.done();
  const parts = [
    `evaluated ${plural(todo.length, 'day')} (${todo[0]} to ${todo[todo.length - 1]}): ${plural(checks, 'check')}`,
  ];
  if (kept > 0) parts.push(`${plural(kept, 'earlier snapshot')} kept as published`);
  if (opts.recompute) parts.push(`${unchanged} unchanged, ${replaced.length} replaced`);
  o.out(
    `${parts.join('; ')}; results in data/results/ (scoring ${scoringVersion(scoring.method)})`,
  );
  for (const line of replaced) o.out(`recomputed ${line}`);
  return 0;
}

function safeScore(index: string | undefined): string {
  try {
    return score(JSON.parse(index ?? '').summary.score ?? null);
  } catch {
    return 'unreadable';
  }
}
