import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Form, Problem, Project as ProjectFile, Registry } from '@shoutu/core';
import { findRoot, UserError } from './files.js';
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
    ...unknownDataEntries(root),
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

/** Where a command runs: the folder it was run from, and the environment. */
export interface Invocation {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The folder the command was run from: paths given on the command line are taken from it.
 * `pnpm shoutu …` runs the command in the repository's folder; pnpm (like npm) says in
 * `INIT_CWD` where it was called, and `npm_lifecycle_event` that it ran this script.
 */
export function invocationDir({ cwd, env }: Invocation): string {
  return env.npm_lifecycle_event === 'shoutu' && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/**
 * The project's root: `--root`, else `SHOUTU_ROOT`, else the nearest folder with `rules/` and
 * `data/` at or above where the command was run. A root given is taken from where the command
 * was run and must itself hold `data/` and `rules/`.
 */
export function projectRoot(option: string | undefined, at: Invocation): string {
  const from = invocationDir(at);
  const [given, how] =
    option !== undefined
      ? [option, `--root ${option}`]
      : at.env.SHOUTU_ROOT
        ? [at.env.SHOUTU_ROOT, `SHOUTU_ROOT=${at.env.SHOUTU_ROOT}`]
        : [undefined, ''];
  if (given === undefined) return findRoot(from);
  const dir = path.resolve(from, given);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UserError(`${how}: no such folder (${dir})`);
  const lacking = ['data', 'rules'].filter((d) => !existsSync(path.join(dir, d)));
  if (lacking.length > 0)
    throw new UserError(
      `${how}: expected a project folder with ${lacking.map((d) => `"${d}/"`).join(' and ')} in ${dir}`,
    );
  return dir;
}

/** What `data/` holds: anything else in it is said, never passed over in silence. */
export const DATA_ENTRIES = ['forms', 'project.json', 'registry', 'reports', 'results', 'waivers'];

function unknownDataEntries(root: string): Problem[] {
  let names: string[];
  try {
    names = readdirSync(path.join(root, 'data'));
  } catch {
    return [];
  }
  return names
    .filter((n) => !DATA_ENTRIES.includes(n) && n !== '.gitkeep')
    .sort()
    .map((n) => ({
      severity: 'warning' as const,
      code: 'SHOUTU-P003',
      file: `data/${n}`,
      message: `not read: data/ holds only ${DATA_ENTRIES.join(', ')}; move it or remove it`,
    }));
}
