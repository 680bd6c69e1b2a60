import path from 'node:path';
import { isValidDay } from '@shoutu/core';
import { buildResults, emptyInputStats, evaluateDay, sumInputStats } from '@shoutu/engine';
import { replaceDir, UserError } from '../files.js';
import { loadReports } from '../load.js';
import { countOf, type Output, plural, printProblems, progress } from '../output.js';
import { loadProject } from '../project.js';

export interface EvaluateOptions {
  root: string;
  /** Evaluate this day only; a day without reports shows every report as missing. */
  date?: string | undefined;
  maxProblems: number;
}

/** Evaluates days and writes their results to `data/results/<day>/`. */
export async function evaluate(o: Output, opts: EvaluateOptions): Promise<number> {
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date))
    throw new UserError(`--date ${opts.date}: expected a date written as YYYY-MM-DD`);
  if (opts.date !== undefined && !isValidDay(opts.date))
    throw new UserError(`--date ${opts.date}: that day is not in the calendar`);
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `evaluation stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms or rules; the previous results were left as they were`,
    );
    return 1;
  }
  const { registry, ruleSet } = project;
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
  printProblems(o, problems, opts.maxProblems);
  // `shoutu validate` lists report problems one by one; here a count is enough.
  const setAside = sumInputStats(reports.stats.values());
  if (setAside.quarantinedFiles + setAside.quarantinedRows > 0)
    o.err(
      `reports set aside: ${plural(setAside.quarantinedFiles, 'file')}, ${plural(setAside.quarantinedRows, 'row')} (run \`shoutu validate\` to see why)`,
    );
  const days = opts.date !== undefined ? [opts.date] : reports.index.days();
  if (opts.date !== undefined) {
    // The daily run evaluates the calendar day on purpose: reports that did not arrive show as missing.
    if (!reports.index.days().includes(opts.date))
      o.err(
        `warning: no reports for ${opts.date} were accepted: every report that day counts as missing`,
      );
  }
  if (days.length === 0) {
    o.err(
      'no reports found in data/reports/: nothing to evaluate (give --date to evaluate a day without reports)',
    );
    return 1;
  }
  const bar = progress(o, 'evaluating');
  let findings = 0;
  for (const [i, day] of days.entries()) {
    const dayFindings = await evaluateDay({
      registry,
      rules: ruleSet.rules,
      reports: reports.index,
      day,
    });
    findings += dayFindings.length;
    const stats = reports.stats.get(day) ?? emptyInputStats();
    const results = buildResults({
      day,
      registry,
      rules: ruleSet.rules,
      findings: dayFindings,
      facts: ruleSet.facts,
      rulesHash: ruleSet.hash,
      input: stats,
    });
    const files: Record<string, string> = { 'index.json': `${JSON.stringify(results.city)}\n` };
    for (const d of results.districts) files[`${d.district.code}.json`] = `${JSON.stringify(d)}\n`;
    await replaceDir(path.join(opts.root, 'data', 'results', day), files);
    bar.tick(i + 1, days.length);
  }
  bar.done();
  o.out(
    `evaluated ${plural(days.length, 'day')} (${days[0]} to ${days[days.length - 1]}): ${plural(findings, 'check')}; results in data/results/`,
  );
  return 0;
}
