/**
 * Shapes the results for the pages: rankings, findings grouped by rule, units under their street.
 * Language-neutral: the pages pick the language.
 */
import {
  type Counts,
  type Finding,
  type LocalizedText,
  SEVERITIES,
  type Summary,
} from '@shoutu/core';
import type { DistrictDay, Results, RuleEntry } from './results';

/** Everything that counts towards the score: all findings except "not applicable". */
export function checks(counts: Counts): number {
  return counts.pass + counts.fail + counts.missing + counts.error;
}

export interface Ranked<T> {
  rank: number;
  item: T;
}

/** Highest score first, no data last, ties by code and sharing a rank (1, 2, 2, 4). */
export function rankByScore<T extends { code: string; summary: Summary }>(
  items: readonly T[],
): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => {
    const sa = a.summary.score ?? -1;
    const sb = b.summary.score ?? -1;
    return sb - sa || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
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
}

export interface RuleGroup {
  id: string;
  rule: RuleEntry | undefined;
  findings: FindingView[];
}

export interface StreetView {
  rank: number;
  code: string;
  name: LocalizedText;
  summary: Summary;
  communities: { code: string; name: LocalizedText; summary: Summary }[];
}

export interface DistrictView {
  failures: RuleGroup[];
  missing: RuleGroup[];
  errors: RuleGroup[];
  streets: StreetView[];
  /** The district's rules with their counts, in catalog order. */
  rules: { id: string; rule: RuleEntry | undefined; counts: Counts }[];
}

const byCode = (a: { code: string }, b: { code: string }) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

export function districtView(results: Results, district: DistrictDay): DistrictView {
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

  const subject = (code: string): Subject => {
    const unit = units.get(code);
    if (unit) return { code, name: unit.name, level: unit.level, within: chain(unit.parent) };
    const place = places.get(code);
    if (place) return { code, name: place.name, level: 'place', within: chain(place.grid) };
    return { code, name: undefined, level: '', within: [] };
  };

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
      list.push({ finding, subject: subject(finding.subject) });
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
  const streets = rankByScore(streetUnits).map(({ rank, item }) => ({
    rank,
    code: item.code,
    name: item.name,
    summary: item.summary,
    communities: district.units
      .filter((u) => u.level === 'community' && u.parent === item.code)
      .sort(byCode),
  }));

  return {
    failures: group('fail'),
    missing: group('missing'),
    errors: group('error'),
    streets,
    rules: [...district.rules]
      .sort((a, b) => (catalogOrder.get(a.id) ?? Infinity) - (catalogOrder.get(b.id) ?? Infinity))
      .map((r) => ({ id: r.id, rule: results.rules.get(r.id), counts: r.counts })),
  };
}

/** A stable, readable fragment id for a rule section. */
export function anchor(prefix: string, ruleId: string): string {
  return `${prefix}-${ruleId.replace(/[^a-z0-9-]+/gi, '-')}`;
}
