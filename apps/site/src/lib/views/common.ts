/**
 * What the pages' view models share: rankings, subjects and their chains, responsible parties and
 * findings grouped by rule. Language-neutral: the pages pick the language. Each page's view model
 * is in its own module beside this one.
 */
import {
  type Counts,
  type Finding,
  type LocalizedText,
  SEVERITIES,
  type Summary,
  type Trend,
  type WaiverInfo,
} from '@shoutu/core';
import { type Publication, publicationOf } from '../publication';
import type { DistrictDay, Results, RuleEntry } from '../results';

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
  /** The same units with their codes and levels, outermost first. */
  chain: UnitLink[];
  /** For a place: the id of its supervising department ('' if none). */
  department?: string;
}

/** A unit as a link target: enough to name it and link to its page. */
export interface UnitLink {
  code: string;
  /** district, street, community or grid */
  level: string;
  name: LocalizedText;
}

/**
 * One party that answers for a finding: the subject itself (a place), its supervising department,
 * and the territorial units above, up to the district. `primary` marks the one the rule names as
 * responsible; the roles are the words of its `responsible`: subject, department or territorial.
 */
export type Party =
  | { role: 'subject'; code: string; name: LocalizedText | undefined; primary: boolean }
  | {
      role: 'department';
      id: string;
      name: LocalizedText | undefined;
      lead: LocalizedText | undefined;
      primary: boolean;
    }
  | {
      role: 'territorial';
      code: string;
      level: string;
      name: LocalizedText | undefined;
      primary: boolean;
    };

export interface FindingView {
  finding: Finding;
  subject: Subject;
  /** The district the finding belongs to. */
  district: UnitLink;
  /** Who answers for it, the subject first, then up the territory. */
  parties: Party[];
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

/** Listed findings grouped by rule, in the section of their status. */
export interface FindingsView {
  failures: RuleGroup[];
  missing: RuleGroup[];
  waived: RuleGroup[];
  errors: RuleGroup[];
}

export const byCode = (a: { code: string }, b: { code: string }) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

export const waiverKey = (subject: string, rule: string) => `${subject}\u0000${rule}`;

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

const byParent = new WeakMap<DistrictDay, Map<string, DistrictDay['units']>>();

/** A district's units by the code of their parent, in the order of the results. */
export function unitsByParent(district: DistrictDay): Map<string, DistrictDay['units']> {
  const known = byParent.get(district);
  if (known) return known;
  const map = new Map<string, DistrictDay['units']>();
  for (const u of district.units) {
    const list = map.get(u.parent) ?? [];
    list.push(u);
    map.set(u.parent, list);
  }
  byParent.set(district, map);
  return map;
}

/**
 * The levels whose units get a page of their own: every level below the districts' (the units of
 * the districts' results files).
 */
export function pagedLevels(districts: Iterable<DistrictDay>): Set<string> {
  const levels = new Set<string>();
  for (const district of districts) for (const u of district.units) levels.add(u.level);
  return levels;
}

export { type Publication, publicationOf };

const publications = new WeakMap<DistrictDay, Publication>();

/** `publicationOf` a district's units, once per district. */
export function publication(district: DistrictDay): Publication {
  let known = publications.get(district);
  if (!known) {
    known = publicationOf(district.units);
    publications.set(district, known);
  }
  return known;
}

const lookups = new WeakMap<DistrictDay, (code: string) => Subject>();

/** Looks up a unit code or place id of a district: its name, level and the units above it. */
export function subjects(district: DistrictDay): (code: string) => Subject {
  const known = lookups.get(district);
  if (known) return known;
  const units = new Map(district.units.map((u) => [u.code, u]));
  const places = new Map(district.places.map((p) => [p.id, p]));
  const chains = new Map<string, UnitLink[]>();

  /** The chain of units from the street down to `code` (inclusive), stopping at the district. */
  const chain = (code: string | undefined): UnitLink[] => {
    if (code === undefined) return [];
    const hit = chains.get(code);
    if (hit) return hit;
    const links: UnitLink[] = [];
    const seen = new Set<string>();
    let unit = units.get(code);
    while (unit && !seen.has(unit.code)) {
      seen.add(unit.code);
      links.unshift({ code: unit.code, level: unit.level, name: unit.name });
      unit = units.get(unit.parent);
    }
    chains.set(code, links);
    return links;
  };
  const names = (links: UnitLink[]) => links.map((l) => l.name);

  const lookup = (code: string): Subject => {
    // A check of the district itself (its reserves, its daily report).
    if (code === district.district.code)
      return {
        code,
        name: district.district.name,
        level: district.district.level,
        within: [],
        chain: [],
      };
    const unit = units.get(code);
    if (unit) {
      const above = chain(unit.parent);
      return { code, name: unit.name, level: unit.level, within: names(above), chain: above };
    }
    const place = places.get(code);
    if (place) {
      const above = chain(place.grid);
      return {
        code,
        name: place.name,
        level: 'place',
        within: names(above),
        chain: above,
        department: place.department,
      };
    }
    return { code, name: undefined, level: '', within: [], chain: [] };
  };
  lookups.set(district, lookup);
  return lookup;
}

/** The district as a link target. */
export function districtLink(district: DistrictDay): UnitLink {
  return {
    code: district.district.code,
    level: district.district.level,
    name: district.district.name,
  };
}

/**
 * Who answers for a finding on `subject` (四方责任 without the individual): a place and its
 * supervising department, then every territorial level from the nearest up to the district.
 */
export function responsibleParties(
  results: Results,
  district: DistrictDay,
  subject: Subject,
  rule: RuleEntry | undefined,
): Party[] {
  const parties: Party[] = [];
  const duty = rule?.responsible;
  const territory = [...subject.chain].reverse();
  if (subject.level === 'place') {
    parties.push({ role: 'subject', code: subject.code, name: subject.name, primary: false });
    if (subject.department) {
      const dept = results.city.departments.find((d) => d.id === subject.department);
      parties.push({
        role: 'department',
        id: subject.department,
        name: dept?.name,
        lead: dept?.lead,
        primary: duty === 'department',
      });
    }
  } else if (subject.level !== '') {
    territory.unshift({ code: subject.code, level: subject.level, name: subject.name ?? NO_NAME });
  }
  // The district closes the chain, once: a district's own finding already starts with it.
  if (territory.at(-1)?.code !== district.district.code) territory.push(districtLink(district));
  for (const u of territory)
    parties.push({
      role: 'territorial',
      code: u.code,
      level: u.level,
      name: u.name,
      primary: false,
    });
  // The rule's responsible party; a territorial duty falls on the nearest unit.
  const primary =
    duty === 'department'
      ? parties.find((p) => p.role === 'department')
      : duty === 'territorial'
        ? parties.find((p) => p.role === 'territorial')
        : parties[0];
  if (primary) primary.primary = true;
  return parties;
}

const NO_NAME: LocalizedText = { zh: '', en: '' };

/** A finding with its subject, district, waiver and responsible parties. */
export interface Located {
  finding: Finding;
  district: DistrictDay;
}

export function ruleOrdering(results: Results): (a: string, b: string) => number {
  const severityRank = (id: string) => {
    const rule = results.rules.get(id);
    return rule ? SEVERITIES.indexOf(rule.severity) : SEVERITIES.length;
  };
  const catalogOrder = new Map(results.city.rules.map((r, i) => [r.id, i]));
  return (a: string, b: string) =>
    severityRank(a) - severityRank(b) ||
    (catalogOrder.get(a) ?? Infinity) - (catalogOrder.get(b) ?? Infinity) ||
    (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Findings grouped by rule for each status: rules by severity then catalog order, findings by
 * district then subject code.
 */
export function findingsView(results: Results, located: readonly Located[]): FindingsView {
  const ruleOrder = ruleOrdering(results);
  const waiverMaps = new WeakMap<DistrictDay, Map<string, WaiverInfo>>();
  const waiverOf = (district: DistrictDay, finding: Finding) => {
    let map = waiverMaps.get(district);
    if (!map) {
      map = new Map(district.waivers.map((w) => [waiverKey(w.subject, w.rule), w]));
      waiverMaps.set(district, map);
    }
    return map.get(waiverKey(finding.subject, finding.rule));
  };

  const group = (status: Finding['status']): RuleGroup[] => {
    const groups = new Map<string, FindingView[]>();
    for (const { finding, district } of located) {
      if (finding.status !== status) continue;
      const list = groups.get(finding.rule) ?? [];
      const subject = subjects(district)(finding.subject);
      list.push({
        finding,
        subject,
        district: districtLink(district),
        parties: responsibleParties(results, district, subject, results.rules.get(finding.rule)),
        ...(status === 'waived' ? { waiver: waiverOf(district, finding) } : {}),
      });
      groups.set(finding.rule, list);
    }
    return [...groups.keys()].sort(ruleOrder).map((id) => ({
      id,
      rule: results.rules.get(id),
      findings: (groups.get(id) ?? []).sort(
        (a, b) => byCode(a.district, b.district) || byCode(a.subject, b.subject),
      ),
    }));
  };

  return {
    failures: group('fail'),
    missing: group('missing'),
    waived: group('waived'),
    errors: group('error'),
  };
}

/** A stable, readable fragment id for a rule section. */
export function anchor(prefix: string, ruleId: string): string {
  return `${prefix}-${ruleId.replace(/[^a-z0-9-]+/gi, '-')}`;
}
