import { isValidDay } from '@shoutu/core';
import { sumInputStats } from '@shoutu/engine';
import type { z } from 'zod';
import { UserError } from '../files.js';
import { problemJson } from '../json/problem.js';
import type { ValidateJson } from '../json/validate.js';
import { checkReports, loadWaivers } from '../load.js';
import { planLog, printLog, quietOutput } from '../log.js';
import { countOf, EXIT, exitFor, type Gate, type Output, plural } from '../output.js';
import { loadProject } from '../project.js';
import { Snapshots } from '../snapshots.js';

export interface ValidateOptions {
  root: string;
  maxProblems: number;
  /** Whether unchanged report files may be answered from the validation ledger (default: yes). */
  cache?: boolean;
  /** List this report day's problems in full, and no other day's. */
  day?: string | undefined;
  /** `--strict` / `--max-warnings N`: how many warnings fail the run (default: none do). */
  gate?: Gate;
  /** Print one JSON object (`ValidateJson`) on stdout and nothing else. */
  json?: boolean;
}

/**
 * Checks registry, forms, rules, the scoring method, every report and every waiver. Exit 1 when the registry, forms, rules or scoring method have
 * errors (nothing may be published from them), or on more warnings than `--max-warnings` allows;
 * bad report rows and files are set aside, counted and printed, and do not fail validation; so
 * are bad waivers. Every report file is read; one unchanged since it was last checked is not
 * parsed again (`checkReports`). Problems of days already published are summarised, one line a
 * day (`log.ts`); the other days' are listed in full.
 */
export async function validate(out: Output, opts: ValidateOptions): Promise<number> {
  if (opts.day !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(opts.day) && isValidDay(opts.day)))
    throw new UserError(`--day ${opts.day}: expected a day of the calendar written as YYYY-MM-DD`);
  const o = opts.json ? quietOutput() : out;
  const gate = opts.gate ?? {};
  const snapshots = new Snapshots(opts.root);
  const logOptions = {
    limit: opts.maxProblems,
    published: (day: string) => snapshots.has(day),
    only: opts.day,
  };
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    const plan = planLog(problems, logOptions);
    const code = Math.max(exitFor(plan.problems, gate), EXIT.problems);
    if (opts.json) {
      out.out(
        JSON.stringify({
          command: 'validate',
          exitCode: code,
          problems: plan.problems.map(problemJson),
          days: [],
        } satisfies z.infer<typeof ValidateJson>),
      );
      return code;
    }
    printLog(o, plan);
    o.err(
      `validation failed: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method; nothing was evaluated or published`,
    );
    return code;
  }
  const reports = checkReports(opts.root, project, { cache: opts.cache !== false });
  const waivers = await loadWaivers(opts.root, project.registry, project.ruleSet.rules);
  const plan = planLog([...problems, ...reports.problems, ...waivers.problems], logOptions);
  const code = exitFor(plan.problems, gate);
  const total = sumInputStats(reports.stats.values());
  const { registry, forms, ruleSet } = project;
  if (opts.json) {
    out.out(
      JSON.stringify({
        command: 'validate',
        exitCode: code,
        problems: plan.problems.map(problemJson),
        counts: {
          registry: { units: registry.units.size, places: registry.places.size },
          forms: forms.size,
          rules: ruleSet.rules.length,
          reports: {
            files: total.reportFiles,
            rows: total.rows,
            blankCells: reports.blankCells,
            setAsideFiles: total.setAsideFiles,
            setAsideRows: total.setAsideRows,
            parsed: reports.parsed,
            unchanged: reports.unchanged,
          },
          waivers: {
            accepted: waivers.waivers.length,
            setAsideFiles: waivers.setAsideFiles,
            setAsideWaivers: waivers.setAsideWaivers,
          },
        },
        days: plan.days,
      } satisfies z.infer<typeof ValidateJson>),
    );
    return code;
  }
  printLog(o, plan);
  o.out(
    `registry: ${plural(registry.units.size, 'unit')}, ${plural(registry.places.size, 'place')}; ${plural(forms.size, 'form')}; ${plural(ruleSet.rules.length, 'rule')}`,
  );
  o.out(
    `reports: ${plural(total.reportFiles, 'file')}, ${plural(total.rows, 'row')} accepted${reports.blankCells > 0 ? ` (${plural(reports.blankCells, 'blank cell')}: missing values)` : ''}; set aside: ${plural(total.setAsideFiles, 'file')}, ${plural(total.setAsideRows, 'row')} (${reports.parsed} parsed, ${reports.unchanged} unchanged since they were last checked)`,
  );
  o.out(
    `waivers: ${plural(waivers.waivers.length, 'waiver')} accepted; set aside: ${plural(waivers.setAsideFiles, 'file')}, ${plural(waivers.setAsideWaivers, 'waiver')}`,
  );
  const warnings = countOf(plan.problems, 'warning');
  if (
    code !== EXIT.ok &&
    countOf(
      plan.problems.filter((p) => p.setAside === undefined),
      'error',
    ) === 0
  ) {
    const allowed = gate.strict ? 0 : (gate.maxWarnings ?? 0);
    o.err(
      `validation failed: ${plural(warnings, 'warning')}, ${gate.strict ? 'and --strict allows none' : `more than --max-warnings ${allowed} allows`}`,
    );
  }
  return code;
}
