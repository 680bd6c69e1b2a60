/** The search page of a language (kept apart from search.ts, which reads the results). */
import type { Locale } from '../i18n';
import { localeUrl } from './url';

export function searchUrl(locale: Locale): string {
  return localeUrl(locale, 'search/');
}
