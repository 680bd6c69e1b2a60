import { z } from 'zod';

/** A language id of the project, e.g. "zh", "en", "fr". */
export type Lang = string;

export const LANG_ID = /^[a-z]{2,3}$/;

/**
 * The languages every text must have, set by the project loader (`useLanguages`) from
 * `data/project.json`. Until then any one language is enough.
 */
let requiredLanguages: readonly string[] = [];

/** Requires every `LocalizedText` checked from now on to have these languages. */
export function useLanguages(languages: readonly string[]): void {
  requiredLanguages = [...languages];
}

/** The languages `LocalizedText` currently requires. */
export function languagesInUse(): readonly string[] {
  return requiredLanguages;
}

/**
 * Text shown to people: `{ "<lang>": "text" }`, with at least the project's languages (other
 * languages are allowed and ignored).
 */
export const LocalizedText = z
  .record(
    z.string().regex(LANG_ID, {
      error: 'expected a language id of two or three lower-case letters, e.g. "zh" or "en"',
    }),
    z.string().trim().min(1, 'expected text that is not empty'),
  )
  .check((ctx) => {
    const langs = Object.keys(ctx.value);
    if (langs.length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `expected text in at least one language, e.g. { "${requiredLanguages[0] ?? 'en'}": "…" }`,
      });
      return;
    }
    const absent = requiredLanguages.filter((l) => !(l in ctx.value));
    if (absent.length > 0)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `expected text in ${absent.map((l) => `"${l}"`).join(' and ')} too: the project's languages are ${requiredLanguages.join(', ')}`,
      });
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * The text in a language: that language, else the first of the project's languages it has, else
 * its first entry.
 */
export function textIn(text: LocalizedText, lang: Lang): string {
  const own = text[lang];
  if (own !== undefined) return own;
  for (const l of requiredLanguages) {
    const t = text[l];
    if (t !== undefined) return t;
  }
  return Object.values(text)[0] ?? '';
}
