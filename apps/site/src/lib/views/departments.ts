/** The departments' pages: every supervising department ranked, and one department's findings. */
import type { LocalizedText, Summary } from '@shoutu/core';
import type { Results } from '../results';
import {
  type DepartmentView,
  districtLink,
  type FindingsView,
  findingsView,
  type Located,
  rankByScore,
  rankDepartments,
  type UnitLink,
} from './common';
import { type Rank, rankAmong } from './verdict';

/** A supervising department's row: its city-wide score. */
export interface DepartmentRow extends DepartmentView {
  lead: LocalizedText | undefined;
}

/** Every supervising department of the city index, ranked by score. */
export function departmentsView(results: Results): DepartmentRow[] {
  const leads = new Map(results.city.departments.map((d) => [d.id, d.lead]));
  return rankDepartments(results, results.city.departments).map((d) => ({
    ...d,
    lead: leads.get(d.id),
  }));
}

export interface DepartmentPageView extends FindingsView {
  id: string;
  name: LocalizedText | undefined;
  lead: LocalizedText | undefined;
  summary: Summary;
  /** The department's places by district, ranked by score. */
  districts: { rank: number; district: UnitLink; summary: Summary }[];
  /** Its rank among the departments of the city index. */
  rank: Rank | undefined;
  /** The findings on the places it supervises, as the act-now list takes them. */
  located: Located[];
}

/** Findings on places by supervising department, across districts: built once per build. */
const byDepartment = new WeakMap<Results, Map<string, Located[]>>();

function departmentFindings(results: Results, id: string): Located[] {
  let map = byDepartment.get(results);
  if (!map) {
    map = new Map();
    for (const district of results.districts.values()) {
      const places = new Map(district.places.map((p) => [p.id, p]));
      for (const finding of district.findings) {
        const dept = places.get(finding.subject)?.department;
        if (!dept) continue;
        const list = map.get(dept) ?? [];
        list.push({ finding, district });
        map.set(dept, list);
      }
    }
    byDepartment.set(results, map);
  }
  return map.get(id) ?? [];
}

/** One supervising department's page: its places' findings across districts, by rule. */
export function departmentView(results: Results, id: string): DepartmentPageView {
  const dept = results.city.departments.find((d) => d.id === id);
  if (!dept) throw new Error(`no department ${id} in the city index`);
  const perDistrict = [...results.districts.values()].flatMap((district) => {
    const entry = district.departments.find((d) => d.id === id);
    return entry ? [{ district: districtLink(district), summary: entry.summary }] : [];
  });
  const located = departmentFindings(results, id);
  return {
    ...findingsView(results, located),
    rank: rankAmong(results.city.departments, (d) => d.id, id),
    located,
    id,
    name: dept.name,
    lead: dept.lead,
    summary: dept.summary,
    districts: rankByScore(perDistrict, (d) => d.district.code).map(({ rank, item }) => ({
      rank,
      ...item,
    })),
  };
}
