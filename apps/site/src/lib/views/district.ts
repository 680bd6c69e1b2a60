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
  type WaiverView,
} from './common';

export interface StreetView extends UnitRow {
  rank: number;
  communities: UnitRow[];
}

export interface DistrictView extends FindingsView {
  streets: StreetView[];
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

  const streetUnits = district.units.filter(
    (u) => u.level === 'street' && u.parent === district.district.code,
  );
  const row = (u: UnitRow): UnitRow => ({
    code: u.code,
    name: u.name,
    summary: u.summary,
    trend: u.trend,
    lost: u.lost,
  });
  const streets = rankByScore(streetUnits, (u) => u.code).map(({ rank, item }) => ({
    rank,
    ...row(item),
    communities: district.units
      .filter((u) => u.level === 'community' && u.parent === item.code)
      .sort(byCode)
      .map(row),
  }));

  return {
    ...findingsView(
      results,
      district.findings.map((finding) => ({ finding, district })),
    ),
    streets,
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
