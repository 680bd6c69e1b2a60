import path from 'node:path';
import {
  addDays,
  canonicalJson,
  type Problem,
  problemAt,
  RESULTS_SCHEMA,
  type RuleInfo,
  ruleContentHash,
} from '@shoutu/core';
import { readCityDay, readStamp, SnapshotError, snapshotDays } from '@shoutu/core/snapshot';
import type { CompiledRule } from '@shoutu/engine';
import type { Project } from './project.js';
import { RESULTS_DIR } from './snapshots.js';

type Shared = Parameters<typeof ruleContentHash>[1];

/**
 * Rule versions with discipline (docs/design/authors.md §4): a rule whose version is in the
 * latest snapshot, but whose conditions, `appliesTo` or `missing` hash differently now
 * (`ruleContentHash`, stamped on the snapshot as `contentHash`), is an error (`SHOUTU-V001`) at
 * its `"version"`: published days and new ones would be judged by different rules under one
 * version. No snapshot: nothing to compare. A snapshot of an older results format, or one that
 * cannot be read: not compared, and `note` says so.
 */
export function ruleVersionProblems(
  root: string,
  project: Pick<Project, 'ruleSet'>,
  note: (line: string) => void = () => {},
): Problem[] {
  const dir = path.join(root, RESULTS_DIR);
  const latest = snapshotDays(dir).at(-1);
  if (latest === undefined) return [];
  const stamp = readStamp(dir, latest);
  if (stamp?.schema !== RESULTS_SCHEMA) {
    note(
      `note: the latest results (${RESULTS_DIR}/${latest}) are of results format ${String(stamp?.schema ?? 'unknown')}, not ${RESULTS_SCHEMA}: rule versions were not compared with them (shoutu evaluate --recompute rewrites them)`,
    );
    return [];
  }
  let published: readonly RuleInfo[];
  try {
    published = readCityDay(dir, latest).rules;
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    note(`note: rule versions were not compared with the latest results: ${e.message}`);
    return [];
  }
  const byKey = new Map(project.ruleSet.rules.map((r) => [`${r.rule.id}@${r.rule.version}`, r]));
  const newest = new Map<string, number>();
  for (const { rule } of project.ruleSet.rules)
    newest.set(rule.id, Math.max(newest.get(rule.id) ?? 0, rule.version));
  const problems: Problem[] = [];
  for (const before of published) {
    const key = `${before.id}@${before.version}`;
    const compiled = byKey.get(key);
    const source = project.ruleSet.sources.get(key);
    if (!compiled || !source) continue;
    const shared = compiled.shared as unknown as Shared;
    if (ruleContentHash(compiled.rule, shared) === before.contentHash) continue;
    problems.push({
      ...problemAt(
        source,
        hasVersion(source.value) ? ['version'] : ['id'],
        changedMessage(
          compiled,
          before,
          latest,
          source.file,
          newest.get(before.id) ?? 1,
          shared,
          hasVersion(source.value),
        ),
        hasVersion(source.value) ? 'version' : 'id',
      ),
      code: 'SHOUTU-V001',
    });
  }
  return problems;
}

function hasVersion(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'version' in value;
}

function changedMessage(
  compiled: CompiledRule,
  before: RuleInfo,
  day: string,
  file: string,
  newest: number,
  shared: Shared,
  written: boolean,
): string {
  const { rule } = compiled;
  const appliesTo = canonicalJson(rule.appliesTo) !== canonicalJson(before.appliesTo);
  const onlyAppliesTo =
    appliesTo &&
    ruleContentHash({ ...rule, appliesTo: before.appliesTo }, shared) === before.contentHash;
  const what = onlyAppliesTo
    ? '"appliesTo"'
    : `the conditions (with the shared conditions they name) or "missing"${appliesTo ? ', and "appliesTo",' : ''}`;
  const next = newest + 1;
  const stem = path.basename(file, '.json').replace(/-v\d+$/, '');
  const copy = path.posix.join(path.posix.dirname(file), `${stem}-v${next}.json`);
  return `${what} of "${rule.id}" changed since the results of ${day} were made, but "version" is still ${rule.version}${written ? '' : ' (not written, so 1)'}: published days and new ones would be judged by different rules under one version. Add a new version: end this one the day before the change ("effective": { "from": "${rule.effective.from}", "to": "${day}" } here), and put the changed rule in ${copy} with the same "id", "version": ${next} and "effective": { "from": "${addDays(day, 1)}" }. If instead the published results were wrong, recompute them (shoutu evaluate --recompute)`;
}
