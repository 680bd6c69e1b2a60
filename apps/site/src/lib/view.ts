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
 * One party that answers for a finding: the place or unit itself, a place's supervising department,
 * and the territorial chain above (grid → community → street → district). `primary` marks the one
 * the rule names as responsible (its `responsible`: unit, department or territorial).
 */
export type Party =
  | { role: 'place'; code: string; name: LocalizedText | undefined; primary: boolean }
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

/** Listed findings grouped by rule, in the section of their status. */
export interface FindingsView {
  failures: RuleGroup[];
  missing: RuleGroup[];
  waived: RuleGroup[];
  errors: RuleGroup[];
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
  return { code: district.district.code, level: 'district', name: district.district.name };
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
    parties.push({ role: 'place', code: subject.code, name: subject.name, primary: false });
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
  territory.push(districtLink(district));
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
interface Located {
  finding: Finding;
  district: DistrictDay;
}

function ruleOrdering(results: Results): (a: string, b: string) => number {
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

export interface StreakView {
  streak: CityResults['streaks'][number];
  rule: RuleEntry | undefined;
  subject: Subject;
  district: LocalizedText | undefined;
}

/** The `n` longest running failures of the city, and any tied with the last (the index lists them longest first). */
export function cityStreaks(results: Results, n: number): StreakView[] {
  const lookups = new Map<string, (code: string) => Subject>();
  const districtNames = new Map(results.city.districts.map((d) => [d.code, d.name]));
  // Ties with the last one shown are shown too: a cut inside a tie would be arbitrary.
  const all = results.city.streaks;
  const last = all[n - 1]?.streak;
  let shown = Math.min(n, all.length);
  while (last !== undefined && all[shown]?.streak === last) shown++;
  return all.slice(0, shown).map((streak) => {
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
        chain: [],
      },
      district: districtNames.get(streak.district),
    };
  });
}

/** A stable, readable fragment id for a rule section. */
export function anchor(prefix: string, ruleId: string): string {
  return `${prefix}-${ruleId.replace(/[^a-z0-9-]+/gi, '-')}`;
}

/** A unit of a district as the results list it. */
export type UnitEntry = DistrictDay['units'][number];
/** A place with a listed finding. */
export type PlaceEntry = DistrictDay['places'][number];

/** A child unit's row on a street or community page. */
export interface ChildRow extends UnitRow {
  rank: number;
  level: string;
}

/** A key place's row on a community page. */
export interface PlaceRow {
  id: string;
  name: LocalizedText;
  grid: UnitLink | undefined;
  department: { id: string; name: LocalizedText | undefined } | undefined;
  summary: Summary;
  lost: number;
}

export interface UnitView extends FindingsView {
  unit: UnitEntry;
  district: UnitLink;
  /** The units above it, the district first (for a community: district, street). */
  up: UnitLink[];
  /** Its streets' communities, or its community's grids, ranked by score. */
  children: ChildRow[];
  /** For a community: the key places in its grids that had a listed finding, ranked by score. */
  places: PlaceRow[];
  /** Waivers in force for it and anything inside it. */
  waivers: WaiverView[];
}

interface DistrictIndex {
  units: Map<string, UnitEntry>;
  children: Map<string, UnitEntry[]>;
  /** Places by grid. */
  places: Map<string, PlaceEntry[]>;
  /** Unit code → the listed findings on it or anything inside it. */
  findingsUnder: Map<string, Finding[]>;
}

const indexes = new WeakMap<DistrictDay, DistrictIndex>();

/** Built once per district and build: unit pages look up their findings without a scan. */
function districtIndex(district: DistrictDay): DistrictIndex {
  const known = indexes.get(district);
  if (known) return known;
  const units = new Map(district.units.map((u) => [u.code, u]));
  const children = new Map<string, UnitEntry[]>();
  for (const u of district.units) {
    const list = children.get(u.parent) ?? [];
    list.push(u);
    children.set(u.parent, list);
  }
  const places = new Map<string, PlaceEntry[]>();
  for (const p of district.places) {
    const list = places.get(p.grid) ?? [];
    list.push(p);
    places.set(p.grid, list);
  }
  const lookup = subjects(district);
  const findingsUnder = new Map<string, Finding[]>();
  for (const finding of district.findings) {
    const subject = lookup(finding.subject);
    const codes = subject.chain.map((u) => u.code);
    if (subject.level !== 'place' && subject.level !== '') codes.push(subject.code);
    for (const code of codes) {
      const list = findingsUnder.get(code) ?? [];
      list.push(finding);
      findingsUnder.set(code, list);
    }
  }
  const index = { units, children, places, findingsUnder };
  indexes.set(district, index);
  return index;
}

/** The streets and communities of a district: the units that get a page of their own. */
export function pagedUnits(district: DistrictDay): UnitEntry[] {
  return district.units.filter((u) => u.level === 'street' || u.level === 'community');
}

/** A street's or community's page: its findings, its children ranked and, for a community, places. */
export function unitView(results: Results, district: DistrictDay, code: string): UnitView {
  const index = districtIndex(district);
  const unit = index.units.get(code);
  if (!unit) throw new Error(`no unit ${code} in district ${district.district.code}`);
  const lookup = subjects(district);
  const self = lookup(code);
  const dLink = districtLink(district);
  const ruleOrder = ruleOrdering(results);

  const children = rankByScore(index.children.get(code) ?? [], (u) => u.code).map(
    ({ rank, item }) => ({
      rank,
      level: item.level,
      code: item.code,
      name: item.name,
      summary: item.summary,
      trend: item.trend,
      lost: item.lost,
    }),
  );

  const deptNames = new Map(results.city.departments.map((d) => [d.id, d.name]));
  const placeEntries =
    unit.level === 'community'
      ? (index.children.get(code) ?? []).flatMap((g) => index.places.get(g.code) ?? [])
      : [];
  const places = rankByScore(placeEntries, (p) => p.id).map(({ item }) => {
    const grid = index.units.get(item.grid);
    return {
      id: item.id,
      name: item.name,
      grid: grid ? { code: grid.code, level: grid.level, name: grid.name } : undefined,
      department: item.department
        ? { id: item.department, name: deptNames.get(item.department) }
        : undefined,
      summary: item.summary,
      lost: item.lost,
    };
  });

  const findings = index.findingsUnder.get(code) ?? [];
  const inside = (subject: string) => {
    const s = lookup(subject);
    return s.code === code || s.chain.some((u) => u.code === code);
  };

  return {
    ...findingsView(
      results,
      findings.map((finding) => ({ finding, district })),
    ),
    unit,
    district: dLink,
    up: [dLink, ...self.chain],
    children,
    places,
    waivers: district.waivers
      .filter((w) => inside(w.subject))
      .sort((a, b) => byCode({ code: a.subject }, { code: b.subject }) || ruleOrder(a.rule, b.rule))
      .map((waiver) => ({
        waiver,
        subject: lookup(waiver.subject),
        rule: results.rules.get(waiver.rule),
      })),
  };
}

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
  return {
    ...findingsView(results, departmentFindings(results, id)),
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
