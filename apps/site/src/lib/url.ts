/**
 * Internal links. The site may be served under a base path (GitHub Pages: `/<repository>/`), so
 * every internal link goes through here and starts from `import.meta.env.BASE_URL`.
 */
import { getRelativeLocaleUrl } from 'astro:i18n';
import type { Locale } from '../i18n';
import { ruleSlug } from './rules';
import { siteTerritory } from './territory';

const BASE = import.meta.env.BASE_URL.replace(/\/+$/, '');

/** `path` (no leading slash, e.g. `district/210202/`) under the base: for data files, in no language. */
export function url(path = ''): string {
  return `${BASE}/${path.replace(/^\/+/, '')}`;
}

/**
 * A page in a language (Astro's i18n routing): the project's first language unprefixed, the
 * others under `<lang>/`, all under the base.
 */
export function localeUrl(locale: Locale, path = ''): string {
  return getRelativeLocaleUrl(locale, path.replace(/^\/+/, ''));
}

export function cityUrl(locale: Locale): string {
  return localeUrl(locale, '');
}

/** A district's page: `/<level id>/<code>/`, the level being the districts' own. */
export function districtUrl(locale: Locale, code: string): string {
  const level = encodeURIComponent(siteTerritory().districtLevel);
  return localeUrl(locale, `${level}/${encodeURIComponent(code)}/`);
}

/** The catalog of rules in a locale. */
export function rulesUrl(locale: Locale): string {
  return localeUrl(locale, 'rules/');
}

/** A rule's page in a locale. */
export function ruleUrl(locale: Locale, id: string): string {
  return localeUrl(locale, `rules/${encodeURIComponent(ruleSlug(id))}/`);
}

export function factsUrl(locale: Locale): string {
  return localeUrl(locale, 'rules/facts/');
}

export function scoringUrl(locale: Locale): string {
  return localeUrl(locale, 'rules/scoring/');
}
