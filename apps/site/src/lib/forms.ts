/**
 * The report forms, for the templates page and the blank CSV templates: the forms in force on the
 * latest day and the names of the levels and place types that fill them in, all from the results
 * (the site never reads `data/forms` or `data/registry`). Runs at build time only.
 */
import {
  type FormInfo,
  type Lang,
  type LocalizedText,
  type MeasurementUnit,
  SUBJECT_COLUMN,
  SUBMITTED_COLUMN,
  textIn,
} from '@shoutu/core';
import { getResults, type Results } from './results';

export interface FormEntry {
  form: FormInfo;
  /** Who fills it in: a level's name, or the names of the place types. */
  filledBy: { level: LocalizedText } | { placeTypes: LocalizedText[] };
  /** The CSV header a unit fills in: subject, submitted_at, then the fields in order. */
  columns: string[];
}

/** A name for an id the results do not name: the id itself, in any language. */
const same = (id: string): LocalizedText => ({ und: id });

/** The forms of a day's results, with who fills each in. */
export function formsOf(results: Results): FormEntry[] {
  const { territory, forms } = results.city;
  const levels = new Map(territory.levels.map((l) => [l.id, l.name]));
  const placeTypes = new Map(territory.placeTypes.map((p) => [p.id, p.name]));
  return forms.map((form) => {
    const subjects = form.subjects;
    return {
      form,
      filledBy:
        subjects.kind === 'territory'
          ? { level: levels.get(subjects.level) ?? same(subjects.level) }
          : { placeTypes: subjects.placeTypes.map((p) => placeTypes.get(p) ?? same(p)) },
      columns: [SUBJECT_COLUMN, SUBMITTED_COLUMN, ...form.fields.map((x) => x.id)],
    };
  });
}

/** The registry's measurement units (from the results), for quantities in explanations. */
export function measurementUnits(): ReadonlyMap<string, MeasurementUnit> {
  unitsCache ??= new Map(getResults().city.territory.measurementUnits.map((u) => [u.id, u]));
  return unitsCache;
}
let unitsCache: Map<string, MeasurementUnit> | undefined;

/** The word for a unit of measure in a language. */
export function unitWord(unit: string, lang: Lang): string {
  const u = measurementUnits().get(unit);
  return u ? textIn(u.name, lang) : unit;
}

let cached: FormEntry[] | undefined;

/** Every form, by id. */
export function getForms(): FormEntry[] {
  cached ??= formsOf(getResults());
  return cached;
}
