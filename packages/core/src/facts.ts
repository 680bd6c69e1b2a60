import { type DerivedFact, type Form, needsTodaysReport } from './form.js';
import type { Attribute } from './registry-schema.js';
import type { FactInfo } from './result.js';

/** The fact a registry attribute becomes: `subject.<id>`. */
export const SUBJECT_PREFIX = 'subject.';

/** The facts of the registry's attributes: what a rule can read about its subject. */
export function attributeFacts(attributes: Iterable<Attribute>): FactInfo[] {
  return [...attributes].map((a) => ({
    name: `${SUBJECT_PREFIX}${a.id}`,
    label: a.label,
    type: a.type,
    ...(a.unit ? { unit: a.unit } : {}),
  }));
}

/** "Grid daily report submitted late", in each language of the form's title. */
const LATE_WORDS: Readonly<Record<string, (title: string) => string>> = {
  zh: (t) => `${t}迟报`,
  en: (t) => `${t} submitted late`,
};

/** Facts every form adds besides its fields. */
export const LATE_FIELD = 'late';

/**
 * The fact catalog: every fact a rule may use, with its type and measurement unit. Form fields become
 * `<form>.<field>`; personal fields are never facts.
 */
export function factCatalog(
  forms: Iterable<Form>,
  /** The registry's attributes, which become `subject.<id>`. */
  attributes: Iterable<Attribute> = [],
): FactInfo[] {
  const out: FactInfo[] = attributeFacts(attributes);
  for (const form of forms) {
    for (const f of form.fields) {
      if (f.personal) continue;
      out.push({
        name: `${form.id}.${f.id}`,
        label: f.label,
        type: f.type,
        ...(f.unit ? { unit: f.unit } : {}),
      });
    }
    for (const d of form.derived ?? []) {
      const measurementUnit = d.unit ?? derivedMeasurementUnit(form, d);
      out.push({
        name: `${form.id}.${d.id}`,
        label: d.label,
        type: d.ratio ? 'number' : 'integer',
        ...(measurementUnit ? { unit: measurementUnit } : {}),
        derivedFrom: derivedFrom(form.id, d),
      });
    }
    out.push({
      name: `${form.id}.${LATE_FIELD}`,
      label: Object.fromEntries(
        Object.entries(form.title).map(([lang, title]) => [
          lang,
          (LATE_WORDS[lang] ?? LATE_WORDS.en!)(title),
        ]),
      ),
      type: 'boolean',
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The form a fact comes from, or undefined for subject facts and names without a form. */
export function formOfFact(fact: string): string | undefined {
  const dot = fact.indexOf('.');
  return dot <= 0 || fact.startsWith(SUBJECT_PREFIX) ? undefined : fact.slice(0, dot);
}

/**
 * The facts a derived fact is computed from (stream B, issue 13): a ratio's two, the field a sum
 * or streak looks back over; none for `count` and `daysSinceReport`, which count reports.
 */
export function derivedFrom(formId: string, d: DerivedFact): string[] {
  const fact = (f: string) => (f.startsWith(SUBJECT_PREFIX) ? f : `${formId}.${f}`);
  if (d.ratio) return [fact(d.ratio.of), fact(d.ratio.to)];
  if (d.sum) return [fact(d.sum.field)];
  if (d.streak) return [fact(d.streak.field)];
  return [];
}

/** The measurement unit a derived fact has when its form does not say: its field's, %, or days. */
function derivedMeasurementUnit(form: Form, d: DerivedFact): string | undefined {
  if (d.ratio) return d.ratio.percent ? '%' : undefined;
  if (d.sum) return form.fields.find((f) => f.id === d.sum?.field)?.unit;
  return 'day';
}

/**
 * The forms whose report of the day a set of facts needs: a missing one makes the check
 * "missing". Derived facts that look back over earlier days need none.
 */
export function formsNeededToday(
  facts: readonly string[],
  forms: ReadonlyMap<string, Form>,
): string[] {
  const out = new Set<string>();
  for (const fact of facts) {
    const formId = formOfFact(fact);
    if (formId === undefined) continue;
    const derived = forms.get(formId)?.derived?.find((d) => `${formId}.${d.id}` === fact);
    if (!derived || needsTodaysReport(derived)) out.add(formId);
  }
  return [...out].sort();
}
