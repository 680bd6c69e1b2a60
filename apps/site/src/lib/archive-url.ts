/**
 * Links to the archive, the downloads and the report templates. Pages are per locale; data files
 * are language-neutral (both languages' text is inside) and live once, without a locale prefix.
 */
import type { Locale } from '../i18n';
import { localeUrl, url } from './url';

const seg = encodeURIComponent;

export function archiveUrl(locale: Locale): string {
  return localeUrl(locale, 'archive/');
}

export function archiveDayUrl(locale: Locale, day: string): string {
  return localeUrl(locale, `archive/${seg(day)}/`);
}

export function archiveDistrictUrl(locale: Locale, day: string, code: string): string {
  return localeUrl(locale, `archive/${seg(day)}/district/${seg(code)}/`);
}

/** The templates and downloads page. */
export function downloadsUrl(locale: Locale): string {
  return localeUrl(locale, 'downloads/');
}

export function templateUrl(form: string): string {
  return url(`downloads/templates/${seg(form)}.csv`);
}

/** The form's .xlsx template (labels, data validation, instructions): `shoutu templates` writes the same. */
export function templateXlsxUrl(form: string): string {
  return url(`downloads/templates/${seg(form)}.xlsx`);
}

/**
 * Where a day's data files are: `archive/<day>/` for a day of the archive, `downloads/latest/`
 * for the latest day (a link that does not change from day to day).
 */
export type DataScope = { day: string } | 'latest';

function dataBase(scope: DataScope): string {
  return scope === 'latest' ? 'downloads/latest/' : `archive/${seg(scope.day)}/`;
}

/** The city's day: districts with their scores. */
export function cityDataUrls(scope: DataScope): { csv: string; json: string } {
  const base = dataBase(scope);
  return { csv: url(`${base}city.csv`), json: url(`${base}city.json`) };
}

/**
 * A district's day: its units' scores and its findings as CSV (for a day of the archive, gzipped:
 * `units.csv.gz`, a seventh of the bytes, so that a year of days stays small); as JSON for the
 * latest day only.
 * The JSON holds the same tables as the two CSV files, and for every district and day it would
 * add about a quarter to the size of the published site (100 MB a year); programs that want the
 * history read the CSV files, or the snapshots themselves in data/results.
 */
export function districtDataUrls(
  scope: DataScope,
  code: string,
): { units: string; findings: string; json?: string } {
  const base = `${dataBase(scope)}district/${seg(code)}/`;
  const gz = scope === 'latest' ? '' : '.gz';
  return {
    units: url(`${base}units.csv${gz}`),
    findings: url(`${base}findings.csv${gz}`),
    ...(scope === 'latest' ? { json: url(`${base}district.json`) } : {}),
  };
}
