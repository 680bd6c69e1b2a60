import { loadProject, loadReports } from '@shoutu/cli';
import {
  appliesTo,
  directPredicate,
  effectiveOn,
  evaluateOne,
  factsFor,
  subjectsOn,
} from '@shoutu/engine';
import { expect } from 'vitest';

/**
 * Checks that plain predicates (the benchmark's limit) agree with json-rules-engine on every
 * check of the project's days (all days with reports unless named); returns how many checks were
 * compared.
 */
export async function comparePredicates(root: string, days?: string[]): Promise<number> {
  const { project, problems } = await loadProject(root);
  if (!project)
    throw new Error(`the project at ${root} does not load: ${JSON.stringify(problems)}`);
  const reports = await loadReports(root, project.registry, project.forms);
  let compared = 0;
  for (const day of days ?? reports.index.days()) {
    const input = { reports: reports.index, day };
    for (const compiled of project.ruleSet.rules.filter((r) => effectiveOn(r.rule, day))) {
      const predicate = directPredicate(compiled.rule.conditions, compiled.shared);
      for (const subject of subjectsOn(project.registry, day).filter((s) =>
        appliesTo(compiled.rule, s),
      )) {
        const gathered = factsFor(compiled, subject, input);
        if ('status' in gathered) continue;
        const finding = await evaluateOne(compiled, subject, input);
        expect(
          predicate(gathered.facts) ? 'pass' : 'fail',
          `${day} ${compiled.rule.id} ${subject.code}`,
        ).toBe(finding.status);
        compared++;
      }
    }
  }
  return compared;
}
