import { sumInputStats } from '@shoutu/engine';
import { checkReports, loadWaivers } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';

export interface ValidateOptions {
  root: string;
  maxProblems: number;
  /** Whether unchanged report files may be answered from the validation ledger (default: yes). */
  cache?: boolean;
}

/**
 * Checks registry, forms, rules, the scoring method, every report and every waiver. Exit 1 when the registry, forms, rules or scoring method have
 * errors (nothing may be published from them); bad report rows and files are set aside, counted
 * and printed, and do not fail validation; so are bad waivers. Every report file is read; one
 * unchanged since it was last checked is not parsed again (`checkReports`).
 */
export async function validate(o: Output, opts: ValidateOptions): Promise<number> {
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `validation failed: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method; nothing was evaluated or published`,
    );
    return 1;
  }
  const reports = checkReports(opts.root, project, { cache: opts.cache !== false });
  const waivers = await loadWaivers(opts.root, project.registry, project.ruleSet.rules);
  printProblems(o, [...problems, ...reports.problems, ...waivers.problems], opts.maxProblems);
  const total = sumInputStats(reports.stats.values());
  const { registry, forms, ruleSet } = project;
  o.out(
    `registry: ${plural(registry.units.size, 'unit')}, ${plural(registry.places.size, 'place')}; ${plural(forms.size, 'form')}; ${plural(ruleSet.rules.length, 'rule')}`,
  );
  o.out(
    `reports: ${plural(total.reportFiles, 'file')}, ${plural(total.rows, 'row')} accepted${reports.blankCells > 0 ? ` (${plural(reports.blankCells, 'blank cell')}: missing values)` : ''}; set aside: ${plural(total.setAsideFiles, 'file')}, ${plural(total.setAsideRows, 'row')} (${reports.parsed} parsed, ${reports.unchanged} unchanged since they were last checked)`,
  );
  o.out(
    `waivers: ${plural(waivers.waivers.length, 'waiver')} accepted; set aside: ${plural(waivers.setAsideFiles, 'file')}, ${plural(waivers.setAsideWaivers, 'waiver')}`,
  );
  return 0;
}
