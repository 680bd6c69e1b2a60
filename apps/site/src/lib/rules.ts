/**
 * Shapes the results for the rules area: the catalog of rules in force, one rule's findings across
 * the districts, the fact catalog and the city's tile map. Language-neutral: the pages pick the
 * language. Kept apart from the pages so that the catalog can become an interactive table later
 * on the same data.
 */

import {
  type Counts,
  type FactInfo,
  type Finding,
  type LocalizedText,
  SEVERITIES,
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

/** The rules of one area, most severe first. */
export interface CatalogArea {
  /** The area's id. */
  area: string;
  rules: { rule: RuleEntry; checks: number }[];
}

/** Rules ordered by area, then severity (critical first), then id. */
export function sortRules(rules: readonly RuleEntry[], order: readonly string[]): RuleEntry[] {
  const area = (r: RuleEntry) => order.indexOf(r.area);
  const severity = (r: RuleEntry) => SEVERITIES.indexOf(r.severity);
  return [...rules].sort(
    (a, b) => area(a) - area(b) || severity(a) - severity(b) || cmp(a.id, b.id),
  );
}

/** The rules in force on the day, grouped by area (areas without rules left out). */
export function ruleCatalog(results: Results): CatalogArea[] {
  const order = areasOf(results.city.scoring).map((a) => a.id);
  const sorted = sortRules(results.city.rules, order);
  return order
    .map((area) => ({
      area,
      rules: sorted
        .filter((r) => r.area === area)
        .map((rule) => ({ rule, checks: checks(rule.counts) })),
    }))
    .filter((g) => g.rules.length > 0);
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
  rule: RuleEntry;
  /** What one check of the rule weighs, from the scoring method. */
  weight: number;
  /** Districts with at least one listed finding, in the order of the city index. */
  districts: RuleDistrict[];
  /** Listed findings across all districts. */
  listed: number;
}

const NO_COUNTS: Counts = { pass: 0, fail: 0, missing: 0, waived: 0, notApplicable: 0, error: 0 };

/** One rule with its failures, missing reports, waivers and errors across the districts. */
export function ruleDetail(results: Results, rule: RuleEntry): RuleDetail {
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
