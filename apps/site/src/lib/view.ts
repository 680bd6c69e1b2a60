/**
 * Shapes the results for the pages: rankings, findings grouped by rule, units under their street.
 * Language-neutral: the pages pick the language.
 */
import {
  type CityResults,
  type Counts,
  type Finding,
  type LocalizedText,
  SEVERITIES,
  type Summary,
  type Trend,
  type WaiverInfo,
} from '@shoutu/core';
import type { DistrictDay, Results, RuleEntry } from './results';

/**
 * Every check that applied: all findings except "not applicable". Waived ones and, depending on
 * the scoring method, missing reports and errors are counted here but not scored.
 */
export function checks(counts: Counts): number {
  return counts.pass + counts.fail + counts.missing + counts.waived + counts.error;
}

export interface Ranked<T> {
  rank: number;
  item: T;
}

/** Highest score first, no data last, ties by code and sharing a rank (1, 2, 2, 4). */
export function rankByScore<T extends { summary: Summary }>(
  items: readonly T[],
  code: (item: T) => string,
): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => {
    const sa = a.summary.score ?? -1;
    const sb = b.summary.score ?? -1;
    const ca = code(a);
    const cb = code(b);
    return sb - sa || (ca < cb ? -1 : ca > cb ? 1 : 0);
  });
  const ranked: Ranked<T>[] = [];
  sorted.forEach((item, i) => {
    const prev = ranked[i - 1];
    const tie = prev !== undefined && prev.item.summary.score === item.summary.score;
    ranked.push({ rank: tie ? prev.rank : i + 1, item });
  });
  return ranked;
}

export interface Subject {
  code: string;
  name: LocalizedText | undefined;
  /** street, community, grid or place */
  level: string;
  /** The units above it inside the district, outermost first (street, community, grid). */
  within: LocalizedText[];
}

export interface FindingView {
  finding: Finding;
  subject: Subject;
  /** For a waived finding: the waiver in force for its subject and rule. */
  waiver?: WaiverInfo | undefined;
}

export interface RuleGroup {
  id: string;
  rule: RuleEntry | undefined;
  findings: FindingView[];
}

/** A unit's row: its score, its trend, and the points of its parent's score lost inside it. */
export interface UnitRow {
  code: string;
  name: LocalizedText;
  summary: Summary;
  trend: Trend;
  lost: number;
}

export interface StreetView extends UnitRow {
  rank: number;
  communities: UnitRow[];
}

export interface DepartmentView {
  rank: number;
  id: string;
  /** From the city index; undefined if it does not list the department. */
  name: LocalizedText | undefined;
  summary: Summary;
}

export interface WaiverView {
  waiver: WaiverInfo;
  subject: Subject;
  rule: RuleEntry | undefined;
}

export interface DistrictView {
  failures: RuleGroup[];
  missing: RuleGroup[];
  waived: RuleGroup[];
  errors: RuleGroup[];
  streets: StreetView[];
  /** The district's rules with their counts, in catalog order. */
  rules: { id: string; rule: RuleEntry | undefined; counts: Counts }[];
  /** Findings on the district's places by supervising department, highest score first. */
  departments: DepartmentView[];
  /** Waivers in force, by subject then rule. */
  waivers: WaiverView[];
}

const byCode = (a: { code: string }, b: { code: string }) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

const waiverKey = (subject: string, rule: string) => `${subject}\u0000${rule}`;

/** Departments ranked by score, named from the city index. */
export function rankDepartments(
  results: Results,
  departments: readonly { id: string; summary: Summary }[],
): DepartmentView[] {
  const names = new Map(results.city.departments.map((d) => [d.id, d.name]));
  return rankByScore(departments, (d) => d.id).map(({ rank, item }) => ({
    rank,
    id: item.id,
    name: names.get(item.id),
    summary: item.summary,
  }));
}

/** Looks up a unit code or place id of a district: its name, level and the units above it. */
export function subjects(district: DistrictDay): (code: string) => Subject {
  const units = new Map(district.units.map((u) => [u.code, u]));
  const places = new Map(district.places.map((p) => [p.id, p]));

  /** The chain of units from the street down to `code` (inclusive), stopping at the district. */
  const chain = (code: string | undefined): LocalizedText[] => {
    const names: LocalizedText[] = [];
    const seen = new Set<string>();
    let unit = code === undefined ? undefined : units.get(code);
    while (unit && !seen.has(unit.code)) {
      seen.add(unit.code);
      names.unshift(unit.name);
      unit = units.get(unit.parent);
    }
    return names;
  };

  return (code: string): Subject => {
    const unit = units.get(code);
    if (unit) return { code, name: unit.name, level: unit.level, within: chain(unit.parent) };
    const place = places.get(code);
    if (place) return { code, name: place.name, level: 'place', within: chain(place.grid) };
    return { code, name: undefined, level: '', within: [] };
  };
}

export function districtView(results: Results, district: DistrictDay): DistrictView {
  const subject = subjects(district);
  const waivers = new Map(district.waivers.map((w) => [waiverKey(w.subject, w.rule), w]));

  const severityRank = (id: string) => {
    const rule = results.rules.get(id);
    return rule ? SEVERITIES.indexOf(rule.severity) : SEVERITIES.length;
  };
  const catalogOrder = new Map(results.city.rules.map((r, i) => [r.id, i]));
  const ruleOrder = (a: string, b: string) =>
    severityRank(a) - severityRank(b) ||
    (catalogOrder.get(a) ?? Infinity) - (catalogOrder.get(b) ?? Infinity) ||
    (a < b ? -1 : 1);

  const group = (status: Finding['status']): RuleGroup[] => {
    const groups = new Map<string, FindingView[]>();
    for (const finding of district.findings) {
      if (finding.status !== status) continue;
      const list = groups.get(finding.rule) ?? [];
      list.push({
        finding,
        subject: subject(finding.subject),
        ...(status === 'waived'
          ? { waiver: waivers.get(waiverKey(finding.subject, finding.rule)) }
          : {}),
      });
      groups.set(finding.rule, list);
    }
    return [...groups.keys()].sort(ruleOrder).map((id) => ({
      id,
      rule: results.rules.get(id),
      findings: (groups.get(id) ?? []).sort((a, b) => byCode(a.subject, b.subject)),
    }));
  };

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
    failures: group('fail'),
    missing: group('missing'),
    waived: group('waived'),
    errors: group('error'),
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

export interface StreakView {
  streak: CityResults['streaks'][number];
  rule: RuleEntry | undefined;
  subject: Subject;
  district: LocalizedText | undefined;
}

/** The `n` longest running failures of the city (the index lists them longest first). */
export function cityStreaks(results: Results, n: number): StreakView[] {
  const lookups = new Map<string, (code: string) => Subject>();
  const districtNames = new Map(results.city.districts.map((d) => [d.code, d.name]));
  return results.city.streaks.slice(0, n).map((streak) => {
    let lookup = lookups.get(streak.district);
    const district = results.districts.get(streak.district);
    if (!lookup && district) {
      lookup = subjects(district);
      lookups.set(streak.district, lookup);
    }
    return {
      streak,
      rule: results.rules.get(streak.rule),
      subject: lookup?.(streak.subject) ?? {
        code: streak.subject,
        name: undefined,
        level: '',
        within: [],
      },
      district: districtNames.get(streak.district),
    };
  });
}

/** A stable, readable fragment id for a rule section. */
export function anchor(prefix: string, ruleId: string): string {
  return `${prefix}-${ruleId.replace(/[^a-z0-9-]+/gi, '-')}`;
}
