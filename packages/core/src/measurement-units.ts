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

/** The registry's measurement units (`measurementUnits`), as a list or by id. */
export type MeasurementUnits = ReadonlyMap<string, MeasurementUnit> | readonly MeasurementUnit[];

/**
 * A number with its measurement unit in the reader's language: "480 户", "480 households",
 * "1 household", "4.5%". The words come from the registry's `measurementUnits`; a measurement
 * unit not declared there is shown as written.
 */
export function formatQuantity(
  value: number,
  /** The id of the measurement unit (a field's `unit`), e.g. "household". */
  measurementUnit: string | undefined,
  lang: Lang,
  measurementUnits: MeasurementUnits = [],
): string {
  if (!measurementUnit) return String(value);
  const m = Array.isArray(measurementUnits)
    ? (measurementUnits as readonly MeasurementUnit[]).find((u) => u.id === measurementUnit)
    : (measurementUnits as ReadonlyMap<string, MeasurementUnit>).get(measurementUnit);
  if (!m) return `${value} ${measurementUnit}`;
  const one = m.one?.[lang];
  const word =
    one !== undefined && pluralCategory(value, lang) === 'one' ? one : textIn(m.name, lang);
  return m.attached ? `${value}${word}` : `${value} ${word}`;
}
