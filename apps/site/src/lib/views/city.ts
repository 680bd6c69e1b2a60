/**
 * The city page's view model: the top unit's own findings, the longest running failures and the
 * tile map of the districts.
 */
import type { CityResults, LocalizedText, Summary } from '@shoutu/core';
import type { DistrictDay, Results, RuleEntry } from '../results';
import {
  byCode,
  type FindingsView,
  findingsView,
  rankByScore,
  type Subject,
  subjects,
} from './common';

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

/** A unit's tile on the map of its parent's children (1-based), from the registry. */
export interface Position {
  row: number;
  column: number;
}

/** Columns of the grid that holds the units without a position. */
const GRID_COLUMNS = 4;

export interface Tile<D> {
  district: D;
  col: number;
  row: number;
}

export interface TileMap<D> {
  columns: number;
  rows: number;
  /** Whether any tile took its place from a position (the map is drawn as a map). */
  positioned: boolean;
  /** In reading order: top to bottom, left to right; units without a position last. */
  tiles: Tile<D>[];
}

/**
 * Places the districts on the tile map. Those with a `position` take their place (the map trimmed
 * to the tiles used); the others follow in rows below, ranked by score (then code). Without any
 * position the map is a plain ranked grid.
 */
export function tileMap<D extends { code: string; summary: Summary; position?: Position }>(
  districts: readonly D[],
): TileMap<D> {
  const placed = districts.filter((d) => d.position !== undefined);
  const rest = rankByScore(
    districts.filter((d) => d.position === undefined),
    (d) => d.code,
  ).map(({ item }) => item);
  const minCol = Math.min(...placed.map((d) => d.position?.column ?? 1));
  const minRow = Math.min(...placed.map((d) => d.position?.row ?? 1));
  const tiles: Tile<D>[] = placed
    .map((d) => ({
      district: d,
      col: (d.position?.column ?? 1) - minCol + 1,
      row: (d.position?.row ?? 1) - minRow + 1,
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col || byCode(a.district, b.district));
  let columns = Math.max(0, ...tiles.map((t) => t.col));
  let rows = Math.max(0, ...tiles.map((t) => t.row));
  if (rest.length > 0) {
    const width = Math.max(columns, Math.min(GRID_COLUMNS, rest.length));
    const top = rows;
    rest.forEach((district, i) => {
      tiles.push({ district, col: (i % width) + 1, row: top + Math.floor(i / width) + 1 });
    });
    columns = width;
    rows = top + Math.ceil(rest.length / width);
  }
  return { columns, rows, positioned: placed.length > 0, tiles };
}

/**
 * The top unit's own findings (a city's or a country's duties), grouped as on a district's page;
 * undefined when it has none. The top unit stands in for the district of each finding.
 */
export function topView(results: Results): FindingsView | undefined {
  const { findings } = results.city;
  if (findings.length === 0) return undefined;
  const top = {
    day: results.city.day,
    district: results.city.city,
    units: [],
    places: [],
    waivers: [],
    findings,
  } as unknown as DistrictDay;
  return findingsView(
    results,
    findings.map((finding) => ({ finding, district: top })),
  );
}
