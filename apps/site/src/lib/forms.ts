/**
 * The report forms, for the templates page and the blank CSV templates: the forms in force on the
 * latest day and the names of the levels and place types that fill them in, all from the results
 * (the site never reads `data/forms` or `data/registry`). Runs at build time only.
 */
import { type FormInfo, type LocalizedText, SUBJECT_COLUMN, SUBMITTED_COLUMN } from '@shoutu/core';
import { getResults, type Results } from './results';

export interface FormEntry {
  form: FormInfo;
  /** Who fills it in: a level's name, or the names of the place types. */
  filledBy: { level: LocalizedText } | { placeTypes: LocalizedText[] };
  /** The CSV header a unit fills in: subject, submitted_at, then the fields in order. */
  columns: string[];
}

const same = (id: string): LocalizedText => ({ zh: id, en: id });

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

let cached: FormEntry[] | undefined;

/** Every form, by id. */
export function getForms(): FormEntry[] {
  cached ??= formsOf(getResults());
  return cached;
}
