import type { Form, Problem, Registry } from '@shoutu/core';
import { loadForms, loadRegistry, loadRules, type RuleSet } from './load.js';

export interface Project {
  registry: Registry;
  forms: Map<string, Form>;
  ruleSet: RuleSet;
}

/**
 * Loads what evaluation stands on: registry, forms and rules. Returns the problems found; the
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
  const problems = [...registry.problems, ...forms.problems, ...rules.problems];
  if (problems.some((p) => p.severity === 'error') || !forms.value || !rules.value)
    return { problems };
  return {
    project: { registry: registry.value, forms: forms.value, ruleSet: rules.value },
    problems,
  };
}
