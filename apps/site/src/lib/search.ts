/**
 * What "find my unit" searches: one record per unit with a place on the site, in each of the
 * project's languages: every district, every unit below (its own page, or its row on the page of
 * the unit above that hosts it), and every supervising department. A record holds the unit's name
 * and code only (not whole pages): the index stays small and a match is always a unit.
 *
 * The build (scripts/build.mjs) reads these records from `search-records.json`, an endpoint of this
 * site, hands them to Pagefind's Node API (`addCustomRecord`), writes one index per language into
 * the output's `pagefind/` and deletes the JSON.
 */
import { useTranslations } from '../i18n';
import { languages } from './locales';
import { getDistrict, getResults } from './results';
import { recordContent } from './search-content';
import { siteTerritory } from './territory';
import { textIn } from './text';
import { departmentUrl, territoryUrl } from './unit-urls';
import { districtUrl, url } from './url';

/** The file the build reads the records from (and deletes). */
export const SEARCH_RECORDS = 'search-records.json';

/** Where the Pagefind bundle is, from the site's root. */
export const SEARCH_BUNDLE = 'pagefind/';

/** One record, as Pagefind's `addCustomRecord` takes it. */
export interface SearchRecord {
  url: string;
  content: string;
  /** The page's language (a key of the data's texts, e.g. `zh`): one index per language. */
  language: string;
  meta: { title: string; code: string; level: string; parent: string };
}

/** Every record, language by language, in the order of the results. */
export function searchRecords(): SearchRecord[] {
  const results = getResults();
  const { hasDepartments, names } = siteTerritory();
  const records: SearchRecord[] = [];
  for (const locale of languages()) {
    const t = useTranslations(locale);
    const lang = t.lang;
    const level = (id: string) => {
      const n = names.get(id);
      return n ? textIn(n.name, lang) : id;
    };
    const add = (
      href: string | undefined,
      name: string,
      code: string,
      lvl: string,
      parent: string,
    ) => {
      if (href === undefined) return;
      records.push({
        url: href,
        content: recordContent(name, code),
        language: locale,
        meta: { title: name || code, code, level: lvl, parent },
      });
    };
    const cityName = textIn(results.city.city.name, lang);
    for (const d of results.city.districts) {
      const districtName = textIn(d.name, lang);
      add(districtUrl(locale, d.code), districtName, d.code, level(d.level), cityName);
      const district = getDistrict(d.code);
      const nameOf = new Map(district.units.map((u) => [u.code, textIn(u.name, lang)]));
      nameOf.set(d.code, districtName);
      for (const u of district.units)
        add(
          territoryUrl(locale, u.level, u.code),
          textIn(u.name, lang),
          u.code,
          level(u.level),
          nameOf.get(u.parent) ?? u.parent,
        );
    }
    if (hasDepartments)
      for (const dept of results.city.departments)
        add(
          departmentUrl(locale, dept.id),
          textIn(dept.name, lang),
          dept.id,
          t('search.department'),
          cityName,
        );
  }
  return records;
}

/** The Pagefind bundle's script, under the base. */
export function searchScriptUrl(): string {
  return url(`${SEARCH_BUNDLE}pagefind.js`);
}
