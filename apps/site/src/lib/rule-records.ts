/**
 * Reads the rules area's rules at build time: the project's rule files through the command line's
 * own loader (`loadProject` of @shoutu/cli: the same parsing, checks and shared conditions as
 * `shoutu evaluate`), the latest day's rule list with its counts, and the rule lists of past
 * snapshots (rules no longer in any file keep their page). Read once per build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '@shoutu/cli';
import { type FactInfo, formatProblem, type RuleInfo, type TopLevelCondition } from '@shoutu/core';
import { readCityDay } from '@shoutu/core/snapshot';
import { type Results, ResultsError, reading, resultDays, resultsDir } from './results';
import { type RuleFile, type RuleRecord, ruleRecords } from './rules';

/** The project whose results the site shows (astro.config.mjs). */
export function projectRoot(): string {
  return import.meta.env.SHOUTU_PROJECT_ROOT;
}

export interface ProjectRules {
  files: RuleFile[];
  /** The shared conditions of the rules folder, by name. */
  shared: ReadonlyMap<string, TopLevelCondition>;
  /** The facts the rules can read (forms and registry), for the words of conditions. */
  facts: FactInfo[];
}

/**
 * The rule files of the project, or none when the results were copied without their project (no
 * `data/project.json` or `rules/` beside them): then only snapshots describe the rules. Rules that
 * do not load stop the build with the loader's own located problems.
 */
export async function readProjectRules(root: string = projectRoot()): Promise<ProjectRules> {
  if (!existsSync(join(root, 'data/project.json')) || !existsSync(join(root, 'rules')))
    return { files: [], shared: new Map(), facts: [] };
  const { project, problems } = await loadProject(root);
  if (!project) {
    const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw new ResultsError(
      `the rules area reads the rule files of ${root}, and they do not load:\n${errors.join('\n')}\nRun \`shoutu rules check\` there and fix them.`,
    );
  }
  const files: RuleFile[] = [];
  const shared = new Map<string, TopLevelCondition>();
  for (const compiled of project.ruleSet.rules) {
    const source = project.ruleSet.sources.get(`${compiled.rule.id}@${compiled.rule.version}`);
    files.push({ rule: compiled.rule, file: source?.file ?? '', shared: compiled.shared });
    for (const [name, condition] of compiled.shared) shared.set(name, condition);
  }
  return { files, shared, facts: project.ruleSet.facts };
}

/** The rule lists of every day with results but the latest, oldest first. */
function pastRuleLists(latest: string): RuleInfo[][] {
  return resultDays()
    .filter((day) => day !== latest)
    .map((day) => reading(() => readCityDay(resultsDir(), day)).rules);
}

export interface RulesArea {
  records: RuleRecord[];
  shared: ReadonlyMap<string, TopLevelCondition>;
  /** The facts by name: the rule files' (a new fact included), else the results'. */
  facts: ReadonlyMap<string, FactInfo>;
}

let cached: Promise<RulesArea> | undefined;

/** Every rule of the rules area on the results' latest day (see `ruleRecords`), read once. */
export function getRuleRecords(results: Results): Promise<RulesArea> {
  cached ??= readProjectRules().then(({ files, shared, facts }) => ({
    records: ruleRecords(results.day, files, results.city.rules, pastRuleLists(results.day)),
    shared,
    facts: new Map([...results.facts, ...facts.map((f) => [f.name, f] as const)]),
  }));
  return cached;
}
