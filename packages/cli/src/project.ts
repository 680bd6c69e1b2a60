import type { Form, Problem, Registry } from '@shoutu/core';
import {
  loadForms,
  loadRegistry,
  loadRules,
  loadScoring,
  type RuleSet,
  type Scoring,
} from './load.js';

export interface Project {
  registry: Registry;
  forms: Map<string, Form>;
  ruleSet: RuleSet;
  scoring: Scoring;
}

/**
 * Loads what evaluation stands on: registry, forms, rules and the scoring method. Returns the problems found; the
 * project only when none of them is an error, since wrong rules or territory must never publish.
 */
export async function loadProject(
  root: string,
  /** The rules folder, relative to the project. */
  rulesDir = 'rules',
): Promise<{ project?: Project; problems: Problem[] }> {
  const registry = await loadRegistry(root);
  if (!registry.value) return { problems: registry.problems };
  const forms = await loadForms(root, registry.value);
  const rules = await loadRules(
    root,
    registry.value,
    forms.value ?? new Map(),
    forms.broken,
    rulesDir,
  );
  const scoring = await loadScoring(root, rulesDir);
  const problems = [
    ...registry.problems,
    ...forms.problems,
    ...rules.problems,
    ...scoring.problems,
  ];
  if (
    problems.some((p) => p.severity === 'error') ||
    !forms.value ||
    !rules.value ||
    !scoring.value
  )
    return { problems };
  return {
    project: {
      registry: registry.value,
      forms: forms.value,
      ruleSet: rules.value,
      scoring: scoring.value,
    },
    problems,
  };
}
