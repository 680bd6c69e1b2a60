/**
 * Text from the data in a page's language. The results' texts are in the project's languages;
 * pages never index them directly.
 */
import type { LocalizedText } from '@shoutu/core';

/** The text in a language, else its first entry (core's `textIn`, until the site uses core's). */
export function textIn(text: LocalizedText, lang: string): string {
  const texts = text as Record<string, string | undefined>;
  return texts[lang] ?? Object.values(texts).find((v) => v !== undefined) ?? '';
}
