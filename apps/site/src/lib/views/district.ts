/** The district page's view model: its streets and their communities, findings, rules, departments, waivers. */
import type { Counts } from '@shoutu/core';
import type { DistrictDay, Results, RuleEntry } from '../results';
import {
  byCode,
  type DepartmentView,
  type FindingsView,
  findingsView,
  rankByScore,
  rankDepartments,
  ruleOrdering,
  subjects,
  type UnitRow,
  unitsByParent,
  type WaiverView,
} from './common';

/** A child of the district, ranked, with its own children by code (none at the lowest level). */
export interface ChildGroup extends UnitRow {
  rank: number;
  /** The child's level id. */
  level: string;
  children: (UnitRow & { level: string })[];
}

export interface DistrictView extends FindingsView {
  /** The district's children ranked, each with its children: whatever the levels are called. */
  children: ChildGroup[];
  /** The district's rules with their counts, in catalog order. */
  rules: { id: string; rule: RuleEntry | undefined; counts: Counts }[];
  /** Findings on the district's places by supervising department, highest score first. */
  departments: DepartmentView[];
  /** Waivers in force, by subject then rule. */
  waivers: WaiverView[];
}

export function districtView(results: Results, district: DistrictDay): DistrictView {
  const subject = subjects(district);
  const ruleOrder = ruleOrdering(results);
  const catalogOrder = new Map(results.city.rules.map((r, i) => [r.id, i]));

  const below = unitsByParent(district);
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
      children: [...(below.get(item.code) ?? [])].sort(byCode).map(row),
    }),
  );

  return {
    ...findingsView(
      results,
      district.findings.map((finding) => ({ finding, district })),
    ),
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
