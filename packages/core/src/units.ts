import type { Lang, LocalizedText } from './text.js';

/**
 * Words for the units forms declare, so that "212 household" reads "212 户" or "212 households".
 * A unit not listed here is shown as written.
 */
export const UNIT_WORDS: Readonly<Record<string, LocalizedText>> = {
  household: { zh: '户', en: 'households' },
  person: { zh: '人', en: 'people' },
  round: { zh: '次', en: 'times' },
  hour: { zh: '小时', en: 'hours' },
  minute: { zh: '分钟', en: 'minutes' },
  day: { zh: '天', en: 'days' },
  item: { zh: '项', en: 'items' },
  '%': { zh: '%', en: '%' },
  '℃': { zh: '℃', en: '℃' },
  'mg/L': { zh: 'mg/L', en: 'mg/L' },
  kg: { zh: '千克', en: 'kg' },
  'm²': { zh: '平方米', en: 'm²' },
};

/** English words for exactly one: "1 person", not "1 people". */
const ONE: Readonly<Record<string, string>> = {
  household: 'household',
  person: 'person',
  round: 'time',
  hour: 'hour',
  minute: 'minute',
  day: 'day',
  item: 'item',
};

const TIGHT = new Set(['%', '℃']);

/** A number with its unit in the reader's language: "480 户", "480 households", "4.5 %". */
export function formatQuantity(value: number, unit: string | undefined, lang: Lang): string {
  if (!unit) return String(value);
  const word =
    lang === 'en' && value === 1 && ONE[unit] ? ONE[unit] : (UNIT_WORDS[unit]?.[lang] ?? unit);
  return TIGHT.has(unit) ? `${value}${word}` : `${value} ${word}`;
}
