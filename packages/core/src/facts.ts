import { type DerivedFact, type Form, needsTodaysReport } from './form.js';
import type { FactInfo } from './result.js';

/** Registry attributes a rule can read about its subject. */
export const SUBJECT_FACTS: readonly (FactInfo & { kind: 'territory' | 'place' })[] = [
  {
    name: 'subject.households',
    label: { zh: '登记户数', en: 'registered households' },
    kind: 'territory',
    type: 'integer',
    unit: 'household',
  },
  {
    name: 'subject.residents',
    label: { zh: '登记常住人口', en: 'registered residents' },
    kind: 'territory',
    type: 'integer',
    unit: 'person',
  },
  {
    name: 'subject.grid_workers',
    label: { zh: '网格员人数', en: 'grid workers' },
    kind: 'territory',
    type: 'integer',
    unit: 'person',
  },
  {
    name: 'subject.staff',
    label: { zh: '从业人员', en: 'staff' },
    kind: 'place',
    type: 'integer',
    unit: 'person',
  },
];

/** Facts every form adds besides its fields. */
export const LATE_FIELD = 'late';

/**
 * The fact catalog: every fact a rule may use, with its type and unit. Form fields become
 * `<form>.<field>`; personal fields are never facts.
 */
export function factCatalog(forms: Iterable<Form>): FactInfo[] {
  const out: FactInfo[] = SUBJECT_FACTS.map(({ kind: _, ...f }) => f);
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
      const unit = d.unit ?? derivedUnit(form, d);
      out.push({
        name: `${form.id}.${d.id}`,
        label: d.label,
        type: d.ratio ? 'number' : 'integer',
        ...(unit ? { unit } : {}),
      });
    }
    out.push({
      name: `${form.id}.${LATE_FIELD}`,
      label: { zh: `${form.title.zh}迟报`, en: `${form.title.en} submitted late` },
      type: 'boolean',
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The form a fact comes from, or undefined for subject facts and names without a form. */
export function formOfFact(fact: string): string | undefined {
  const dot = fact.indexOf('.');
  return dot <= 0 || fact.startsWith('subject.') ? undefined : fact.slice(0, dot);
}

function derivedUnit(form: Form, d: DerivedFact): string | undefined {
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
