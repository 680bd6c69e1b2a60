import type { Form, Problem, Project as ProjectFile, Registry } from '@shoutu/core';
import {
  loadForms,
  loadProjectFile,
  loadRegistry,
  loadRules,
  loadScoring,
  type RuleSet,
  type Scoring,
} from './load.js';

export interface Project {
  /** `data/project.json`: languages and time zone. */
  settings: ProjectFile;
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
  const settings = await loadProjectFile(root);
  if (!settings.value) return { problems: settings.problems };
  const registry = await loadRegistry(root);
  if (!registry.value) return { problems: registry.problems };
  const forms = await loadForms(root, registry.value);
  const scoring = await loadScoring(root, rulesDir);
  const rules = await loadRules(
    root,
    registry.value,
    forms.value ?? new Map(),
    forms.broken,
    rulesDir,
    scoring.value?.method.areas.map((a) => a.id),
  );
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
      settings: settings.value,
      registry: registry.value,
      forms: forms.value,
      ruleSet: rules.value,
      scoring: scoring.value,
    },
    problems,
  };
}
