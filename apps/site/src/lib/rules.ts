/**
 * Shapes the rules area: the catalog (built from the rule files, as the command line loads them,
 * so a new rule shows before a day is evaluated), the rules no longer in force (from the rule
 * files' ended versions and the rule lists of past snapshots), one rule's findings across the
 * districts, and the fact catalog. Language-neutral: the pages pick the language.
 */

import {
  type Counts,
  type FactInfo,
  type Finding,
  type LocalizedText,
  type Rule,
  type RuleInfo,
  ruleInfoOf,
  SEVERITIES,
  type SharedLookup,
  type TopLevelCondition,
  type WaiverInfo,
} from '@shoutu/core';
import { areasOf } from './areas';
import type { Results, RuleEntry } from './results';
import { checks, type Subject, subjects } from './views/common';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rule pages live at `rules/<id>/`; the area's own pages at `rules/facts/` and `rules/scoring/`.
 * A rule id is lower-case letters, digits, dots and hyphens starting with a letter, so a rule that
 * happens to be called "facts" or "scoring" moves to `rules/_<id>/`, a path no other id can take.
 */
const RESERVED = new Set(['facts', 'scoring']);
export function ruleSlug(id: string): string {
  return RESERVED.has(id) ? `_${id}` : id;
}

/** A rule as a rule file states it (one version), with the file it was read from. */
export interface RuleFile {
  rule: Rule;
  file: string;
  /** The shared conditions the rule names, so its `contentHash` is the engine's. */
  shared?: SharedLookup | undefined;
}

/** Whether a rule is in force on the day, ended before it, or starts after it. */
export type RuleState = 'in-force' | 'ended' | 'upcoming';

/** One rule of the rules area: every version known of it, and the one its page shows. */
export interface RuleRecord {
  id: string;
  /** The version shown: the one in force on the day, else the latest to start. */
  rule: RuleInfo;
  state: RuleState;
  /** Its conditions, from its rule file; undefined when only a snapshot knows the rule. */
  conditions?: TopLevelCondition | undefined;
  /** The rule file of the version shown, relative to the project. */
  file?: string | undefined;
  /** Its counts on the day, when the day's results checked it. */
  counts?: Counts | undefined;
  /** Every version known (rule files and past snapshots), oldest first, each once. */
  versions: RuleInfo[];
}

/** A rule file's rule as results describe it. */
export const infoOf = (r: Rule, shared?: SharedLookup): RuleInfo => ruleInfoOf(r, shared);

/** Whether a version is in force on `day`, ended before it or starts after it. */
export function stateOn(effective: RuleInfo['effective'], day: string): RuleState {
  if (effective.from > day) return 'upcoming';
  if (effective.to !== undefined && effective.to < day) return 'ended';
  return 'in-force';
}

/**
 * Every rule of the rules area on `day`: those of the rule files (every version), those the day's
 * results checked, and those past snapshots checked that no file has any more. A rule file's
 * version wins over a snapshot's record of the same version (the file is what the rule says now);
 * the day's counts come from the day's results.
 */
export function ruleRecords(
  day: string,
  files: readonly RuleFile[],
  latest: readonly RuleEntry[],
  /** The rule lists of past snapshots, any order. */
  past: readonly (readonly RuleInfo[])[] = [],
): RuleRecord[] {
  const versions = new Map<string, Map<number, { info: RuleInfo; file?: RuleFile }>>();
  const add = (info: RuleInfo, file?: RuleFile) => {
    const byVersion = versions.get(info.id) ?? new Map();
    const known = byVersion.get(info.version);
    if (!known || (file && !known.file)) byVersion.set(info.version, { info, file });
    versions.set(info.id, byVersion);
  };
  for (const list of past) for (const r of list) add(stripCounts(r));
  for (const r of latest) add(stripCounts(r));
  for (const f of files) add(infoOf(f.rule, f.shared), f);
  const counts = new Map(latest.map((r) => [`${r.id}@${r.version}`, r.counts]));
  const records: RuleRecord[] = [];
  for (const [id, byVersion] of versions) {
    const all = [...byVersion.values()].sort(
      (a, b) =>
        cmp(a.info.effective.from, b.info.effective.from) || a.info.version - b.info.version,
    );
    const shown =
      all.find((v) => stateOn(v.info.effective, day) === 'in-force') ??
      [...all].reverse().find((v) => stateOn(v.info.effective, day) === 'upcoming') ??
      all[all.length - 1];
    if (!shown) continue;
    records.push({
      id,
      rule: shown.info,
      state: stateOn(shown.info.effective, day),
      conditions: shown.file?.rule.conditions,
      file: shown.file?.file,
      counts: counts.get(`${id}@${shown.info.version}`),
      versions: all.map((v) => v.info),
    });
  }
  return records.sort((a, b) => cmp(a.id, b.id));
}

/** A snapshot's rule entry without its counts. */
function stripCounts(r: RuleInfo | RuleEntry): RuleInfo {
  const { counts: _counts, ...info } = r as RuleEntry;
  return info;
}

/** The rules of one area, most severe first. */
export interface CatalogArea {
  /** The area's id. */
  area: string;
  rules: { rule: RuleInfo; record: RuleRecord; checks: number | undefined }[];
}

/** Rules ordered by area, then severity (critical first), then id. */
export function sortRules<R extends Pick<RuleInfo, 'area' | 'severity' | 'id'>>(
  rules: readonly R[],
  order: readonly string[],
): R[] {
  const area = (r: R) => {
    const i = order.indexOf(r.area);
    return i < 0 ? order.length : i;
  };
  const severity = (r: R) => SEVERITIES.indexOf(r.severity);
  return [...rules].sort(
    (a, b) => area(a) - area(b) || severity(a) - severity(b) || cmp(a.id, b.id),
  );
}

/**
 * The catalog: rules in force on the day or to come (`state` 'current'), or the rules no longer
 * in force ('ended'), grouped by area in the scoring method's order (areas without rules left
 * out; a rule of an area the method no longer has goes last, under its own id).
 */
export function ruleCatalog(
  records: readonly RuleRecord[],
  areaOrder: readonly string[],
  state: 'current' | 'ended' = 'current',
): CatalogArea[] {
  const wanted = records.filter((r) => (state === 'ended') === (r.state === 'ended'));
  const sorted = sortRules(
    wanted.map((record) => ({ ...record.rule, record })),
    areaOrder,
  );
  const areas = [...areaOrder, ...new Set(sorted.map((r) => r.area))].filter(
    (a, i, all) => all.indexOf(a) === i,
  );
  return areas
    .map((area) => ({
      area,
      rules: sorted
        .filter((r) => r.area === area)
        .map(({ record, ...rule }) => ({
          rule,
          record,
          checks: record.counts ? checks(record.counts) : undefined,
        })),
    }))
    .filter((g) => g.rules.length > 0);
}

/** The areas of the results' scoring method, in order. */
export function areaOrder(results: Results): string[] {
  return areasOf(results.city.scoring).map((a) => a.id);
}

/** The statuses listed on a rule page, in the order they are listed. */
export const LISTED = ['fail', 'missing', 'waived', 'error'] as const;
export type ListedStatus = (typeof LISTED)[number];

export interface RuleFinding {
  finding: Finding;
  subject: Subject;
  /** For a waived finding: the waiver in force for its subject and rule. */
  waiver?: WaiverInfo | undefined;
}

export interface RuleDistrict {
  code: string;
  name: LocalizedText;
  /** The rule's counts in the district; zero counts if the district has no check of it. */
  counts: Counts;
  /** Failures, missing reports, waived findings and errors: by status, then subject code. */
  findings: RuleFinding[];
  /** The statuses that occur among the findings, in listing order. */
  statuses: ListedStatus[];
}

export interface RuleDetail {
  rule: RuleInfo;
  /** What one check of the rule weighs, from the scoring method. */
  weight: number;
  /** Districts with at least one listed finding, in the order of the city index. */
  districts: RuleDistrict[];
  /** Listed findings across all districts. */
  listed: number;
}

const NO_COUNTS: Counts = { pass: 0, fail: 0, missing: 0, waived: 0, notApplicable: 0, error: 0 };

/** One rule with its failures, missing reports, waivers and errors across the districts. */
export function ruleDetail(results: Results, rule: RuleInfo): RuleDetail {
  const districts: RuleDistrict[] = [];
  for (const ref of results.city.districts) {
    const district = results.districts.get(ref.code);
    if (!district) continue;
    const mine = district.findings.filter(
      (f) => f.rule === rule.id && (LISTED as readonly string[]).includes(f.status),
    );
    if (mine.length === 0) continue;
    const subject = subjects(district);
    const waivers = new Map(
      district.waivers.filter((w) => w.rule === rule.id).map((w) => [w.subject, w]),
    );
    const rank = (f: Finding) => LISTED.indexOf(f.status as ListedStatus);
    const findings = mine
      .sort((a, b) => rank(a) - rank(b) || cmp(a.subject, b.subject))
      .map((finding) => ({
        finding,
        subject: subject(finding.subject),
        ...(finding.status === 'waived' ? { waiver: waivers.get(finding.subject) } : {}),
      }));
    districts.push({
      code: ref.code,
      name: district.district.name,
      counts: district.rules.find((r) => r.id === rule.id)?.counts ?? NO_COUNTS,
      findings,
      statuses: LISTED.filter((s) => mine.some((f) => f.status === s)),
    });
  }
  return {
    rule,
    weight: results.city.scoring.severityWeights[rule.severity],
    districts,
    listed: districts.reduce((n, d) => n + d.findings.length, 0),
  };
}

/** Facts of one form (or of the subject), by name. */
export interface FactGroup {
  /** The form id, or `subject` for what the registry holds about the subject. */
  group: string;
  facts: FactInfo[];
}

/** The fact catalog grouped by form, forms by id, the subject's facts last. */
export function factCatalog(facts: readonly FactInfo[]): FactGroup[] {
  const groups = new Map<string, FactInfo[]>();
  for (const fact of facts) {
    const dot = fact.name.indexOf('.');
    const group = dot > 0 ? fact.name.slice(0, dot) : fact.name;
    groups.set(group, [...(groups.get(group) ?? []), fact]);
  }
  const last = (g: string) => (g === 'subject' ? 1 : 0);
  return [...groups.keys()]
    .sort((a, b) => last(a) - last(b) || cmp(a, b))
    .map((group) => ({
      group,
      facts: (groups.get(group) ?? []).sort((a, b) => cmp(a.name, b.name)),
    }));
}
