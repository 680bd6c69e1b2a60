/**
 * What the links need to know of the territory, from the results: the id of the districts' level
 * (the second level, whose units own a results file and a page at `/<level id>/<code>/`) and the
 * levels below it whose units get a page at `/unit/<code>/`.
 */
import { getResults } from './results';
import { pagedLevels } from './views/common';

interface SiteTerritory {
  /** The level id of the districts, e.g. `district` in the sample, `state` elsewhere. */
  districtLevel: string;
  /** The levels below it with pages of their own. */
  paged: ReadonlySet<string>;
  /** Whether the territory has key places (a territory of units only lists none). */
  hasPlaces: boolean;
  /** Whether it has supervising departments: their pages, sections and link exist only then. */
  hasDepartments: boolean;
}

let known: SiteTerritory | undefined;

export function siteTerritory(): SiteTerritory {
  if (known) return known;
  const results = getResults();
  const first = results.districts.values().next().value;
  known = {
    districtLevel: results.city.districts[0]?.level ?? first?.district.level ?? '',
    paged: pagedLevels(results.districts.values()),
    // TODO(merge h-contract): `territory.placeTypes.length > 0` from the results.
    hasPlaces:
      results.city.departments.length > 0 ||
      [...results.districts.values()].some((d) => d.places.length > 0),
    // TODO(merge h-contract): `territory.departments.length > 0` from the results.
    hasDepartments: results.city.departments.length > 0,
  };
  return known;
}
