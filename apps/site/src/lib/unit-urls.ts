/**
 * Links to the pages below the district and to the department pages (kept apart from url.ts so
 * that work on other pages does not collide with it).
 */
import type { Locale } from '../i18n';
import { siteTerritory } from './territory';
import { districtUrl, localeUrl } from './url';

/** The page of a unit below the district. */
export function unitUrl(locale: Locale, code: string): string {
  return localeUrl(locale, `unit/${encodeURIComponent(code)}/`);
}

/** The list of supervising departments. */
export function departmentsUrl(locale: Locale): string {
  return localeUrl(locale, 'departments/');
}

/** One supervising department's page. */
export function departmentUrl(locale: Locale, id: string): string {
  return localeUrl(locale, `departments/${encodeURIComponent(id)}/`);
}

/** The page of a unit of the territory, if it has one: a district's, or a unit's of a paged level. */
export function territoryUrl(locale: Locale, level: string, code: string): string | undefined {
  const territory = siteTerritory();
  if (level === territory.districtLevel) return districtUrl(locale, code);
  if (territory.paged.has(level)) return unitUrl(locale, code);
  return undefined;
}
