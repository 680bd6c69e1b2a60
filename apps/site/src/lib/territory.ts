/**
 * What the pages need to know of the territory, from the results: its levels and their names,
 * the id of the districts' level (the second level, whose units own a results file and a page at
 * `/<level id>/<code>/`), the levels below it whose units get a page at `/unit/<code>/`, and
 * whether it has key places and supervising departments. No level, place type or area is named
 * here: they are the data's.
 */

import type { LocalizedText } from '@shoutu/core';
import type { Translate } from '../i18n';
import { getResults } from './results';
import { textIn } from './text';

/** A level as the results name it. */
export interface LevelInfo {
  id: string;
  name: LocalizedText;
  /** The name for many, for headings ("States ranked"); the name where absent. */
  plural?: LocalizedText | undefined;
}

interface SiteTerritory {
  /** Every level id, the top first. */
  levels: string[];
  /** Names by level id. */
  names: Map<string, LevelInfo>;
  /** The level id of the districts, e.g. `district` in the sample, `state` elsewhere. */
  districtLevel: string;
  /** The levels below it: their units with units below them have a page, the others a row. */
  paged: ReadonlySet<string>;
  /** Whether the territory has key places (a territory of units only lists none). */
  hasPlaces: boolean;
  /** Whether it has supervising departments: their pages, sections and link exist only then. */
  hasDepartments: boolean;
  /** Names of the place types. */
  placeTypes: Map<string, LocalizedText>;
}

let known: SiteTerritory | undefined;

export function siteTerritory(): SiteTerritory {
  if (known) return known;
  const results = getResults();
  const { territory } = results.city;
  const districtLevel = results.city.districts[0]?.level ?? territory.levels[1]?.id ?? '';
  const levels = territory.levels.map((l) => l.id);
  known = {
    levels,
    names: new Map(territory.levels.map((l) => [l.id, l])),
    districtLevel,
    // Every level below the districts': read from the index, not from every district's file.
    paged: new Set(levels.slice(levels.indexOf(districtLevel) + 1)),
    hasPlaces: territory.placeTypes.length > 0,
    hasDepartments: territory.departments.length > 0,
    placeTypes: new Map(territory.placeTypes.map((p) => [p.id, p.name])),
  };
  return known;
}

/** A level's name in the page's language; `many` for its plural ("streets", "states"). */
export function levelName(t: Translate, level: string, many = false): string {
  const info = siteTerritory().names.get(level);
  // A level the results do not name (none in format 3): its id, as written.
  return info ? textIn(many ? (info.plural ?? info.name) : info.name, t.lang) : level;
}

/** A place type's name in the page's language. */
export function placeTypeName(t: Translate, id: string): string {
  const name = siteTerritory().placeTypes.get(id);
  // A place type the results do not name (none in format 3): its id, as written.
  return name ? textIn(name, t.lang) : id;
}

/** The level right below `level`, if any. */
export function levelBelow(level: string): string | undefined {
  const { levels } = siteTerritory();
  const i = levels.indexOf(level);
  return i < 0 ? undefined : levels[i + 1];
}

/** Every level below `level`, nearest first. */
export function levelsBelow(level: string): string[] {
  const { levels } = siteTerritory();
  const i = levels.indexOf(level);
  return i < 0 ? [] : levels.slice(i + 1);
}

/**
 * What reports below a unit of `level`, for an introduction: the plurals of the levels below it
 * and, when the territory has them, the key places, as a list in the page's language ("streets,
 * communities, grids and key places").
 */
export function reportingBelow(t: Translate, level: string): string {
  const items = levelsBelow(level).map((l) => levelName(t, l, true));
  if (siteTerritory().hasPlaces) items.push(t('keyPlaces'));
  return t.list(items);
}

/**
 * The words most messages need, by role rather than by id: the top level (`top`), the districts'
 * (`district`, `districts`), the lowest (`lowest`, where places are), the territorial chain from
 * the lowest up to the districts (`chain`), and the levels scored from their checks (`scored`,
 * `scoredOr`: the districts' and those with pages).
 */
export function words(t: Translate) {
  const { levels, districtLevel, paged } = siteTerritory();
  const below = levelsBelow(districtLevel);
  const scored = [districtLevel, ...below.filter((l) => paged.has(l))].map((l) => levelName(t, l));
  return {
    top: levelName(t, levels[0] ?? ''),
    district: levelName(t, districtLevel),
    districts: levelName(t, districtLevel, true),
    lowest: levelName(t, levels.at(-1) ?? districtLevel),
    chain: t.list([districtLevel, ...below].reverse().map((l) => levelName(t, l))),
    scored: t.list(scored),
    scoredOr: t.list(scored, 'disjunction'),
  };
}
