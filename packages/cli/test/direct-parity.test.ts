import { loadProject, loadReports } from '@shoutu/cli';
import {
  appliesTo,
  directPredicate,
  effectiveOn,
  evaluateOne,
  factsFor,
  subjectsOn,
} from '@shoutu/engine';
import { expect, test } from 'vitest';
import { REPO } from './helpers.js';

test('plain predicates (the benchmark’s limit) agree with json-rules-engine on every check of a sample day', async () => {
  const { project } = await loadProject(REPO);
  if (!project) throw new Error('the repository’s sample does not load');
  const reports = await loadReports(REPO, project.registry, project.forms);
  const day = '2020-03-24';
  const input = { reports: reports.index, day };
  let compared = 0;
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
        `${compiled.rule.id} ${subject.code}`,
      ).toBe(finding.status);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(5000);
}, 60_000);
