/**
 * Internal links. The site may be served under a base path (GitHub Pages: `/<repository>/`), so
 * every internal link goes through here and starts from `import.meta.env.BASE_URL`.
 */
import type { Locale } from '../i18n';
import { defaultLanguage } from './locales';

const BASE = import.meta.env.BASE_URL.replace(/\/+$/, '');

/** `path` (no leading slash, e.g. `district/210202/`) under the base. */
export function url(path = ''): string {
  return `${BASE}/${path.replace(/^\/+/, '')}`;
}

/** A page path in a locale: the default locale has no prefix, English lives under `en/`. */
export function localeUrl(locale: Locale, path = ''): string {
  return url(locale === defaultLanguage() ? path : `${locale}/${path.replace(/^\/+/, '')}`);
}

export function cityUrl(locale: Locale): string {
  return localeUrl(locale, '');
}

export function districtUrl(locale: Locale, code: string): string {
  return localeUrl(locale, `district/${encodeURIComponent(code)}/`);
}
