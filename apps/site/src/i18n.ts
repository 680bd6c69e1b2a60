/**
 * The site's one translation system. Every string of the interface is in one dictionary per
 * language, `packages/core/translations/<lang>.json` (shared with the command line's words): flat keys (`counts.fail`), ICU messages for
 * placeholders, plurals and choices (`{n, plural, one {…} other {…}}`), dates and numbers through
 * `Intl`. Text that comes from the data (names, rule titles, remediations) is already in the
 * project's languages and is picked with `t.lang`. A third language is one more JSON file.
 *
 * In the shape of Starlight's `createTranslationSystem` (`useTranslations(lang)` gives `t(key,
 * values)`), with intl-messageformat instead of i18next.
 */
import type { Lang } from '@shoutu/core';
import type reference from '@shoutu/core/translations/en.json';
import { IntlMessageFormat } from 'intl-messageformat';
import { languages } from './lib/locales';

/** A language of the site: one of the project's (`zh`, `en`, …). */
export type Locale = string;

/** A key of the dictionaries; en.json is the reference every dictionary must match. */
export type Key = keyof typeof reference;

/** The values an ICU message's placeholders take. */
export type Values = Record<string, string | number | Date>;

/** A band, or `none` when nothing was scored. */
export type BandKey = 'green' | 'yellow' | 'red' | 'none';

/** The lowest score of green and of yellow, from the scoring method. */
export interface Thresholds {
  green: number;
  yellow: number;
}

/** An error that explains itself: the build prints its message without a stack trace. */
export class TranslationError extends Error {
  override name = 'TranslationError';
}

export interface Translate {
  (key: Key, values?: Values): string;
  /** A message as a sentence or heading: its first letter capitalised where the language has case. */
  sentence(key: Key, values?: Values): string;
  /** A text with its first letter capitalised where the language has case (a heading, a column). */
  capital(text: string): string;
  /** Items as a list in the language: "a, b and c", "a、b和c"; or "a, b or c". */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  /** The text of a key made from data (e.g. `rules.responsibleKinds.<kind>`), or undefined if the dictionary has none. */
  maybe(key: string, values?: Values): string | undefined;
  /** The language, as a key of the data's texts. */
  lang: Lang;
  /** The language tag of the page (`<html lang>`, `hreflang`). */
  htmlLang: string;
  /** An ISO day (`2020-03-24`) as words: 2020年3月24日, 24 March 2020. */
  day(iso: string): string;
  /** A day's month: 2020年3月, March 2020. */
  month(iso: string): string;
  /** A short day for a chart's axis: 3/24, 24 Mar. */
  shortDay(iso: string): string;
  /** A score with one decimal, or an en dash when nothing was checked. */
  score(score: number | null): string;
  /** A change in points with its sign: `+2.2`, `−2.7` (a true minus sign), `0.0`. */
  change(change: number): string;
  /** Points lost, with two decimals (they are small at the city level). */
  lost(lost: number): string;
}

type Dictionary = Record<string, string>;

const FOLDER = 'packages/core/translations';

/** A day at noon local time: formatted in the same zone it was made in, on any machine. */
function dayDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 12);
}

/**
 * Checks every language has a dictionary with exactly the reference's keys and messages that
 * parse, and gives `useTranslations(lang)`. Problems name the file to add or fix.
 */
export function createTranslationSystem(
  dictionaries: Record<string, Dictionary>,
  langs: readonly string[],
  referenceLang = 'en',
): (lang: Locale) => Translate {
  const ref = dictionaries[referenceLang];
  if (!ref) throw new TranslationError(`${FOLDER}/${referenceLang}.json is missing.`);
  const systems = new Map<string, Translate>();
  for (const lang of langs) {
    const dict = dictionaries[lang];
    const file = `${FOLDER}/${lang}.json`;
    if (!dict)
      throw new TranslationError(
        `The project's language "${lang}" has no dictionary: add ${file}, a copy of ${FOLDER}/${referenceLang}.json with its values translated.`,
      );
    const missing = Object.keys(ref).filter((k) => !(k in dict));
    const extra = Object.keys(dict).filter((k) => !(k in ref));
    if (missing.length > 0 || extra.length > 0)
      throw new TranslationError(
        [
          `${file} does not match ${FOLDER}/${referenceLang}.json:`,
          ...(missing.length > 0 ? [`  lacks ${missing.join(', ')}`] : []),
          ...(extra.length > 0 ? [`  has unknown ${extra.join(', ')}`] : []),
        ].join('\n'),
      );
    systems.set(lang, translator(lang, dict, file));
  }
  return (lang) => {
    const system = systems.get(lang);
    if (!system)
      throw new TranslationError(
        `"${lang}" is not a language of the project (${langs.join(', ')}).`,
      );
    return system;
  };
}

function translator(lang: string, dict: Dictionary, file: string): Translate {
  const intlLocale = dict['meta.intlLocale'] ?? lang;
  const messages = new Map<string, IntlMessageFormat>();
  for (const [key, message] of Object.entries(dict)) {
    try {
      messages.set(key, new IntlMessageFormat(message, intlLocale, undefined, { ignoreTag: true }));
    } catch (error) {
      throw new TranslationError(
        `${file}: "${key}" is not a valid ICU message (${(error as Error).message}).`,
      );
    }
  }
  const fixed = (digits: number) =>
    new Intl.NumberFormat(intlLocale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
  const one = fixed(1);
  const two = fixed(2);
  const t = ((key: Key, values?: Values) => {
    const message = messages.get(key);
    if (!message) throw new TranslationError(`${file} has no "${key}".`);
    const text = message.format(values);
    if (typeof text !== 'string')
      throw new TranslationError(`${file}: "${key}" did not format to text.`);
    return text;
  }) as Translate;
  t.capital = (text) => text.charAt(0).toLocaleUpperCase(intlLocale) + text.slice(1);
  t.sentence = (key, values) => t.capital(t(key, values));
  const lists = {
    conjunction: new Intl.ListFormat(intlLocale, { type: 'conjunction' }),
    disjunction: new Intl.ListFormat(intlLocale, { type: 'disjunction' }),
  };
  t.list = (items, type = 'conjunction') => lists[type].format(items);
  t.maybe = (key, values) => (messages.has(key) ? t(key as Key, values) : undefined);
  // Until core's texts are keyed by the project's languages, a language is one of core's `Lang`.
  t.lang = lang as Lang;
  t.htmlLang = dict['meta.htmlLang'] ?? lang;
  t.day = (iso) => t('format.day', { day: dayDate(iso) });
  t.month = (iso) => t('format.month', { day: dayDate(iso) });
  t.shortDay = (iso) => t('format.shortDay', { day: dayDate(iso) });
  t.score = (score) => (score === null ? '–' : one.format(score));
  t.change = (change) => {
    const text = one.format(Math.abs(change));
    if (Number(text.replace(/[^\d]/g, '')) === 0) return text;
    return change > 0 ? `+${text}` : `\u2212${text}`;
  };
  t.lost = (lost) => two.format(lost);
  return t;
}

const dictionaries = Object.fromEntries(
  Object.entries(
    import.meta.glob<Dictionary>('../../../packages/core/translations/*.json', {
      eager: true,
      import: 'default',
    }),
  ).map(([file, dict]) => [file.replace(/^.*\/|\.json$/g, ''), dict]),
);

let system: ((lang: Locale) => Translate) | undefined;

/** The translation function of a language of the project. */
export function useTranslations(lang: Locale): Translate {
  system ??= createTranslationSystem(dictionaries, languages());
  return system(lang);
}
