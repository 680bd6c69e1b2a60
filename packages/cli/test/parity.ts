import { loadProject, loadReports } from '@shoutu/cli';
import { cmp, type Finding } from '@shoutu/core';
import {
  appliesTo,
  directPredicate,
  effectiveOn,
  evaluateDay,
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

/**
 * Checks that `evaluateDay` (compiled conditions over facts in slots) gives, on every check of
 * the project's days (all days with reports unless named), exactly the finding json-rules-engine
 * gives through `evaluateOne`: same order, same fields, same deciding conditions. Returns how
 * many findings were compared.
 */
export async function compareCompiled(root: string, days?: string[]): Promise<number> {
  const { project, problems } = await loadProject(root);
  if (!project)
    throw new Error(`the project at ${root} does not load: ${JSON.stringify(problems)}`);
  const reports = await loadReports(root, project.registry, project.forms);
  let compared = 0;
  for (const day of days ?? reports.index.days()) {
    const input = {
      registry: project.registry,
      rules: project.ruleSet.rules,
      reports: reports.index,
      day,
    };
    const compiled = await evaluateDay(input);
    const reference: Finding[] = [];
    const rules = project.ruleSet.rules
      .filter((r) => effectiveOn(r.rule, day))
      .sort((a, b) => cmp(a.rule.id, b.rule.id));
    for (const subject of subjectsOn(project.registry, day))
      for (const rule of rules)
        if (appliesTo(rule.rule, subject)) reference.push(await evaluateOne(rule, subject, input));
    expect(compiled.length, day).toBe(reference.length);
    for (const [i, f] of compiled.entries())
      expect(JSON.stringify(f), `${day} ${f.rule} ${f.subject}`).toBe(JSON.stringify(reference[i]));
    compared += compiled.length;
  }
  return compared;
}
