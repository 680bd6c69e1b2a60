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
import { pagedLevels, unitsByParent } from './views/common';

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
  /** Names by level id, when the results carry them. */
  names: Map<string, LevelInfo>;
  /** The level id of the districts, e.g. `district` in the sample, `state` elsewhere. */
  districtLevel: string;
  /** The levels below it with pages of their own. */
  paged: ReadonlySet<string>;
  /** Whether the territory has key places (a territory of units only lists none). */
  hasPlaces: boolean;
  /** Whether it has supervising departments: their pages, sections and link exist only then. */
  hasDepartments: boolean;
  /** Names of the place types, when the results carry them. */
  placeTypes: Map<string, LocalizedText>;
}

let known: SiteTerritory | undefined;

/** The levels in the order of the tree: the top, the districts', then each level below. */
function levelsFromTree(top: string, district: string): string[] {
  const order = [top, district];
  for (const d of getResults().districts.values()) {
    const below = unitsByParent(d);
    let generation = below.get(d.district.code) ?? [];
    let depth = 2;
    while (generation.length > 0) {
      for (const u of generation) if (!order.includes(u.level)) order.splice(depth, 0, u.level);
      generation = generation.flatMap((u) => below.get(u.code) ?? []);
      depth++;
    }
  }
  return order;
}

export function siteTerritory(): SiteTerritory {
  if (known) return known;
  const results = getResults();
  const first = results.districts.values().next().value;
  const districtLevel = results.city.districts[0]?.level ?? first?.district.level ?? '';
  // TODO(merge h-contract): `territory` is in every index.json of results format 3.
  const territory = (
    results.city as {
      territory?: {
        levels?: LevelInfo[];
        placeTypes?: { id: string; name: LocalizedText }[];
        departments?: unknown[];
      };
    }
  ).territory;
  const declared = territory?.levels ?? [];
  known = {
    levels:
      declared.length > 0
        ? declared.map((l) => l.id)
        : levelsFromTree(results.city.city.level, districtLevel),
    names: new Map(declared.map((l) => [l.id, l])),
    districtLevel,
    paged: pagedLevels(results.districts.values()),
    hasPlaces: territory?.placeTypes
      ? territory.placeTypes.length > 0
      : results.city.departments.length > 0 ||
        [...results.districts.values()].some((d) => d.places.length > 0),
    hasDepartments: (territory?.departments ?? results.city.departments).length > 0,
    placeTypes: new Map((territory?.placeTypes ?? []).map((p) => [p.id, p.name])),
  };
  return known;
}

/** A level's name in the page's language; `many` for its plural ("streets", "states"). */
export function levelName(t: Translate, level: string, many = false): string {
  const info = siteTerritory().names.get(level);
  if (info) return textIn(many ? (info.plural ?? info.name) : info.name, t.lang);
  // TODO(merge h-contract): until the results name the levels, the sample's words.
  return t.maybe(`rules.levelNames.${level}`) ?? level;
}

/** A place type's name in the page's language. */
export function placeTypeName(t: Translate, id: string): string {
  const name = siteTerritory().placeTypes.get(id);
  if (name) return textIn(name, t.lang);
  // TODO(merge h-contract): until the results name the place types, the sample's words.
  return t.maybe(`rules.placeTypes.${id}`) ?? id;
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
