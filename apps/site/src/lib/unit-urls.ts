/**
 * Links to the pages below the district and to the department pages (kept apart from url.ts so
 * that work on other pages does not collide with it).
 */
import type { Locale } from '../i18n';
import { districtUrl, localeUrl } from './url';

/** A street's or community's page. */
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

/** The page of a unit of the territory, if it has one: a district, street or community. */
export function territoryUrl(locale: Locale, level: string, code: string): string | undefined {
  if (level === 'district') return districtUrl(locale, code);
  if (level === 'street' || level === 'community') return unitUrl(locale, code);
  return undefined;
}
