/**
 * The command line's words for statuses, severities and the like, from the same dictionary per
 * language as the site's (`packages/core/translations/<lang>.json`), so one word is never
 * translated two ways. A language without a dictionary reads English.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const cache = new Map<string, Readonly<Record<string, string>>>();

function dictionary(lang: string): Readonly<Record<string, string>> {
  let dict = cache.get(lang);
  if (!dict) {
    try {
      dict = require(`@shoutu/core/translations/${lang}.json`) as Record<string, string>;
    } catch {
      dict = lang === 'en' ? {} : dictionary('en');
    }
    cache.set(lang, dict);
  }
  return dict;
}

/** The dictionary's word for a key in a language (a plain word, no placeholders), or the key. */
export function word(lang: string, key: string): string {
  return dictionary(lang)[key] ?? dictionary('en')[key] ?? key;
}
