/**
 * Links to the pages below the district and to the department pages (kept apart from url.ts so
 * that work on other pages does not collide with it).
 */
import type { Locale } from '../i18n';
import { getDistrict, getResults, hostOf } from './results';
import { siteTerritory } from './territory';
import { districtUrl, localeUrl } from './url';
import { anchor, publication, subjects } from './views/common';

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

/** The id of a unit's row in its parent's table of children. */
export function unitAnchor(level: string, code: string): string {
  return `${level}-${code}`.replace(/[^a-z0-9_-]+/gi, '-');
}

/**
 * Where a unit of the territory is published: a district's page; a unit with units two levels
 * below it, its own page; any other (most units of a real city), its row on the page of the
 * nearest unit above with one (`publicationOf`).
 */
export function territoryUrl(locale: Locale, level: string, code: string): string | undefined {
  const territory = siteTerritory();
  if (level === territory.districtLevel) return districtUrl(locale, code);
  if (!territory.paged.has(level)) return undefined;
  const host = hostOf(code);
  if (host === undefined) return unitUrl(locale, code);
  const page = getResults().districts.has(host) ? districtUrl(locale, host) : unitUrl(locale, host);
  return `${page}#${unitAnchor(level, code)}`;
}

/**
 * The page that lists a finding, at its rule's section of its status: the page of its subject, or
 * of the nearest unit above it with a page (the district's for its own checks). A unit's page lists
 * every finding inside it; a district's lists only its own (the others are summed in its actions,
 * whose rows carry the same `#fail-<rule>` and `#missing-<rule>` anchors).
 */
export function findingUrl(
  locale: Locale,
  district: string,
  finding: { subject: string; rule: string; status: string },
): string {
  const data = getDistrict(district);
  const { paged } = publication(data);
  const subject = subjects(data)(finding.subject);
  const units = [
    ...(subject.level !== '' && subject.code !== district ? [subject.code] : []),
    ...subject.chain.map((u) => u.code).reverse(),
  ];
  const page = units.find((code) => paged.has(code));
  const base = page === undefined ? districtUrl(locale, district) : unitUrl(locale, page);
  return `${base}#${anchor(finding.status, finding.rule)}`;
}
