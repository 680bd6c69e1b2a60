/**
 * Text from the data in a page's language, and the language it is actually in: a text without the
 * page's language falls back to another, and the element showing it must then say so (`lang`), or
 * a screen reader reads English with Chinese rules.
 */
import type { LocalizedText } from '@shoutu/core';

export interface LangText {
  text: string;
  /** The language of `text` when it is not the page's (a fallback); undefined when it is. */
  lang: string | undefined;
}

/** `text` in `lang`, else its first language with text (core's order: the project's languages first). */
export function langText(
  text: LocalizedText,
  lang: string,
  /** The project's languages, in order: the fallback's preference. */
  order: readonly string[] = [],
): LangText {
  const texts = text as Record<string, string | undefined>;
  const own = texts[lang];
  if (own !== undefined) return { text: own, lang: undefined };
  for (const l of [...order, ...Object.keys(texts)]) {
    const t = texts[l];
    if (t !== undefined) return { text: t, lang: l };
  }
  return { text: '', lang: undefined };
}
