/**
 * The district page's view model: what it must act on first (its failures and missing reports by
 * rule, by points lost), its children ranked, its own findings, rules, departments, waivers. The
 * long tail (every finding below it) is on its children's pages and in the downloads.
 */
import type { Counts } from '@shoutu/core';
import type { DistrictAction, DistrictDay, Results, RuleEntry } from '../results';
import {
  byCode,
  type DepartmentView,
  type FindingsView,
  findingsView,
  publication,
  rankByScore,
  rankDepartments,
  ruleOrdering,
  subjects,
  type UnitRow,
  unitsByParent,
  type WaiverView,
} from './common';

/** A child of the district, ranked. */
export interface ChildGroup extends UnitRow {
  rank: number;
  /** The child's level id. */
  level: string;
  /** Whether it has a page of its own (`publicationOf`); if not, its row is here. */
  paged: boolean;
  /** For a child without a page: its own children, by code (rows under it here). */
  children: (UnitRow & { level: string })[];
}

/** One line of what to act on: a rule's failures or missing reports and the points they cost. */
export interface ActionView extends DistrictAction {
  entry: RuleEntry | undefined;
}

/** The district's own findings (on checks of the district itself) by status. */
export interface DistrictView extends FindingsView {
  /** What to act on first: the most points lost first. */
  actions: ActionView[];
  /** The district's children ranked: whatever their level is called. */
  children: ChildGroup[];
  /** The district's rules with their counts, in catalog order. */
  rules: { id: string; rule: RuleEntry | undefined; counts: Counts }[];
  /** Findings on the district's places by supervising department, highest score first. */
  departments: DepartmentView[];
  /** Waivers in force, by subject then rule. */
  waivers: WaiverView[];
}

export function districtView(
  results: Results,
  district: DistrictDay,
  actions: readonly DistrictAction[] = district.actions,
): DistrictView {
  const subject = subjects(district);
  const ruleOrder = ruleOrdering(results);
  const catalogOrder = new Map(results.city.rules.map((r, i) => [r.id, i]));

  const below = unitsByParent(district);
  const { paged } = publication(district);
  const row = (u: UnitRow & { level: string }) => ({
    code: u.code,
    level: u.level,
    name: u.name,
    summary: u.summary,
    trend: u.trend,
    lost: u.lost,
  });
  const children = rankByScore(below.get(district.district.code) ?? [], (u) => u.code).map(
    ({ rank, item }) => ({
      rank,
      ...row(item),
      paged: paged.has(item.code),
      children: paged.has(item.code) ? [] : [...(below.get(item.code) ?? [])].sort(byCode).map(row),
    }),
  );
  // Listed here: the findings with no unit page above them (the district's own, and those of
  // units without a page right below it); the others are on the pages of their units.
  const onPage = (code: string) => {
    const s = subject(code);
    return !paged.has(s.code) && !s.chain.some((u) => paged.has(u.code));
  };

  return {
    ...findingsView(
      results,
      district.findings.filter((f) => onPage(f.subject)).map((finding) => ({ finding, district })),
    ),
    actions: actions.map((a) => ({ ...a, entry: results.rules.get(a.rule) })),
    children,
    rules: [...district.rules]
      .sort((a, b) => (catalogOrder.get(a.id) ?? Infinity) - (catalogOrder.get(b.id) ?? Infinity))
      .map((r) => ({ id: r.id, rule: results.rules.get(r.id), counts: r.counts })),
    departments: rankDepartments(results, district.departments),
    waivers: [...district.waivers]
      .sort((a, b) => byCode({ code: a.subject }, { code: b.subject }) || ruleOrder(a.rule, b.rule))
      .map((waiver) => ({
        waiver,
        subject: subject(waiver.subject),
        rule: results.rules.get(waiver.rule),
      })),
  };
}
