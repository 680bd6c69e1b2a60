/** A page below the district: its findings, its children ranked and its places. */
import type { Finding, LocalizedText, Summary } from '@shoutu/core';
import type { DistrictDay, Results } from '../results';
import {
  byCode,
  districtLink,
  type FindingsView,
  findingsView,
  type Located,
  pagedLevels,
  publication,
  rankByScore,
  ruleOrdering,
  subjects,
  type UnitLink,
  type UnitRow,
  type WaiverView,
} from './common';
import { type Rank, rankAmong } from './verdict';

/** A unit of a district as the results list it. */
export type UnitEntry = DistrictDay['units'][number];
/** A place with a listed finding. */
export type PlaceEntry = DistrictDay['places'][number];

/** A child unit's row on a unit's page. */
export interface ChildRow extends UnitRow {
  rank: number;
  level: string;
  /** Whether it has a page of its own; if not, its row is here, followed by `children`. */
  paged: boolean;
  /** For a child without a page: its own children, by code (rows under it here). */
  children: (UnitRow & { level: string })[];
}

/** A key place's row on the page of the unit its parent unit is in. */
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
  /** The units above it, the district first. */
  up: UnitLink[];
  /** Its children, ranked by score. */
  children: ChildRow[];
  /** The key places with a listed finding anywhere inside it, ranked by score. */
  places: PlaceRow[];
  /** Waivers in force for it and anything inside it. */
  waivers: WaiverView[];
  /** Its rank among the children of its parent (its peers); undefined without peers. */
  rank: Rank | undefined;
  /** Every listed finding on it or inside it, as the act-now list takes them. */
  located: Located[];
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

/**
 * The units of a district that get a page of their own: those of the paged levels (`pagedLevels`:
 * every level below the districts') with units two levels below them (`publicationOf`). The
 * others are rows, with an anchor, on the page above them, with their findings and places.
 */
export function pagedUnits(
  district: DistrictDay,
  levels: ReadonlySet<string> = pagedLevels([district]),
): UnitEntry[] {
  const { paged } = publication(district);
  return district.units.filter((u) => levels.has(u.level) && paged.has(u.code));
}

/** A unit's page: its findings, its children ranked, the places in it and its children. */
export function unitView(results: Results, district: DistrictDay, code: string): UnitView {
  const index = districtIndex(district);
  const unit = index.units.get(code);
  if (!unit) throw new Error(`no unit ${code} in district ${district.district.code}`);
  const lookup = subjects(district);
  const self = lookup(code);
  const dLink = districtLink(district);
  const ruleOrder = ruleOrdering(results);

  const { paged } = publication(district);
  const row = (item: UnitEntry) => ({
    level: item.level,
    code: item.code,
    name: item.name,
    summary: item.summary,
    trend: item.trend,
    lost: item.lost,
  });
  const children = rankByScore(index.children.get(code) ?? [], (u) => u.code).map(
    ({ rank, item }) => ({
      rank,
      ...row(item),
      paged: paged.has(item.code),
      children: paged.has(item.code)
        ? []
        : [...(index.children.get(item.code) ?? [])].sort(byCode).map(row),
    }),
  );

  const deptNames = new Map(results.city.departments.map((d) => [d.id, d.name]));
  // The places anywhere inside it: those inside a child with a page are on that page too.
  const placeEntries = district.places.filter(
    (p) => p.grid === code || lookup(p.grid).chain.some((u) => u.code === code),
  );
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

  const located = findings.map((finding) => ({ finding, district }));
  return {
    ...findingsView(results, located),
    rank: rankAmong(index.children.get(unit.parent) ?? [], (u) => u.code, code),
    located,
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
