import type { MeasurementUnit } from './registry-schema.js';
import { type Lang, textIn } from './text.js';

const plurals = new Map<string, Intl.PluralRules>();

function pluralCategory(value: number, lang: Lang): Intl.LDMLPluralRule {
  let rules = plurals.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    plurals.set(lang, rules);
  }
  return rules.select(value);
}

/**
 * A number with its unit in the reader's language: "480 户", "480 households", "1 household",
 * "4.5%". The words come from the registry's `measurementUnits`; a unit not declared there is
 * shown as written.
 */
export function formatQuantity(
  value: number,
  unit: string | undefined,
  lang: Lang,
  units: ReadonlyMap<string, MeasurementUnit> | readonly MeasurementUnit[] = [],
): string {
  if (!unit) return String(value);
  const m = Array.isArray(units)
    ? (units as readonly MeasurementUnit[]).find((u) => u.id === unit)
    : (units as ReadonlyMap<string, MeasurementUnit>).get(unit);
  if (!m) return `${value} ${unit}`;
  const one = m.one?.[lang];
  const word =
    one !== undefined && pluralCategory(value, lang) === 'one' ? one : textIn(m.name, lang);
  return m.attached ? `${value}${word}` : `${value} ${word}`;
}
