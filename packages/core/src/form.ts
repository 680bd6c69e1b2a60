import { z } from 'zod';
import { ClockTime } from './dates.js';
import { didYouMean } from './problem.js';
import { LocalizedText } from './text.js';

const Id = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
  error: 'expected an id of lower-case letters, digits and hyphens, e.g. "grid-daily"',
});
const FieldId = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error:
    'expected a field id of lower-case letters, digits and underscores, e.g. "households_visited"',
});

export const FIELD_TYPES = [
  'integer',
  'number',
  'boolean',
  'text',
  'date',
  'time',
  'enum',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Reserved report columns that every form has. */
export const SUBJECT_COLUMN = 'subject';
export const SUBMITTED_COLUMN = 'submitted_at';
/** Field ids every form has already: its columns, and the `<form>.late` fact. */
const RESERVED_FIELDS: readonly string[] = [SUBJECT_COLUMN, SUBMITTED_COLUMN, 'late'];

export const FormField = z
  .strictObject({
    id: FieldId.refine((id) => !RESERVED_FIELDS.includes(id), {
      error: `"${SUBJECT_COLUMN}", "${SUBMITTED_COLUMN}" and "late" are columns or facts every report has: choose another id`,
    }),
    type: z.enum(FIELD_TYPES),
    label: LocalizedText,
    /**
     * The measurement unit, e.g. "household", "℃", "mg/L", "minute": an id of the registry's
     * `measurementUnits` (the key stays `unit` in form files; docs/design/authors.md §1).
     */
    unit: z.string().min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    options: z.array(z.string().min(1)).min(1).optional(),
    required: z.boolean().default(true),
    /**
     * Personal data of a resident or reporter (a name, phone number, ID). Checked on entry, then
     * dropped: it never reaches rules, results or pages.
     */
    personal: z.boolean().default(false),
  })
  .refine((f) => f.type !== 'enum' || f.options !== undefined, {
    error: 'a field of type "enum" needs "options": the list of allowed values',
    path: ['options'],
  })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
    error: '"min" is greater than "max"',
    path: ['min'],
  });
export type FormField = z.infer<typeof FormField>;

export const FormSubjects = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('territory'), level: Id }),
  z.strictObject({ kind: z.literal('place'), placeTypes: z.array(Id).min(1) }),
]);
export type FormSubjects = z.infer<typeof FormSubjects>;

const Days = z.int().min(1).max(60);

/**
 * A fact computed from a form's reports, so that authors need no code for ratios, windows,
 * reporting gaps or streaks. It becomes the fact `<form>.<id>`.
 */
export const DerivedFact = z.strictObject({
  id: FieldId,
  label: LocalizedText,
  /** The measurement unit (an id of the registry's `measurementUnits`); by default its field's, % or day. */
  unit: z.string().min(1).optional(),
  /** Exactly one way of computing it. */
  ratio: z
    .strictObject({
      /** A numeric field of the day's report. */
      of: FieldId,
      /** Another numeric field of the same report, or a registry fact such as "subject.households". */
      to: z.string().min(1),
      /** Times 100: a share in percent. */
      percent: z.boolean().default(false),
    })
    .optional(),
  /** The sum of a numeric field over the reports of the last `days` days, today included. */
  sum: z.strictObject({ field: FieldId, days: Days }).optional(),
  /** On how many of the last `days` days, today included, a report was accepted. */
  count: z.strictObject({ days: Days }).optional(),
  /** Days since the last accepted report: 0 when today's arrived; no value when none ever did. */
  daysSinceReport: z.strictObject({}).optional(),
  /** Consecutive days, ending today, on which a field had a value (e.g. true). */
  streak: z
    .strictObject({ field: FieldId, equals: z.union([z.boolean(), z.number(), z.string()]) })
    .optional(),
  /**
   * For `sum` and `count`: the fewest days of the window that must have a value. Below it the
   * fact has no value and the rule counts it by its `missing` mode. Without it, a sum over a
   * window with missing days is the sum of the days that have one.
   */
  minDays: Days.optional(),
});
export type DerivedFact = z.infer<typeof DerivedFact>;

export const DERIVATIONS = ['ratio', 'sum', 'count', 'daysSinceReport', 'streak'] as const;

/** Derived facts other than ratios look back over earlier days and do not need today's report. */
export function needsTodaysReport(d: DerivedFact): boolean {
  return d.ratio !== undefined;
}

/** A daily report form: who fills it in and which fields it has. Defined as data in `data/forms/`. */
export const Form = z
  .strictObject({
    $schema: z.string().optional(),
    id: Id,
    title: LocalizedText,
    description: LocalizedText.optional(),
    subjects: FormSubjects,
    /** The time of day by which the report is due; a report submitted later is late. */
    due: ClockTime.optional(),
    fields: z.array(FormField).min(1),
    derived: z.array(DerivedFact).optional(),
  })
  .superRefine((form, ctx) => {
    const byId = new Map(form.fields.map((f) => [f.id, f]));
    const numeric = (id: string) => ['integer', 'number'].includes(byId.get(id)?.type ?? '');
    (form.derived ?? []).forEach((d, i) => {
      const at = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', message, path: ['derived', i, ...path] });
      const ways = DERIVATIONS.filter((w) => d[w] !== undefined);
      if (ways.length !== 1)
        at(
          [],
          `a derived fact is computed in exactly one way: expected one of ${DERIVATIONS.join(', ')}${ways.length > 1 ? `, found ${ways.join(' and ')}` : ''}`,
        );
      if (byId.has(d.id) || RESERVED_FIELDS.includes(d.id))
        at(['id'], `"${d.id}" is already a field of the form: choose another id`);
      const field = (id: string, path: (string | number)[], needNumber: boolean) => {
        const f = byId.get(id);
        if (!f) at(path, `unknown field "${id}" of the form "${form.id}"`);
        else if (f.personal)
          at(path, `"${id}" is a personal field: personal data never reaches rules`);
        else if (needNumber && !numeric(id)) at(path, `"${id}" is not a number field`);
      };
      if (d.ratio) {
        field(d.ratio.of, ['ratio', 'of'], true);
        // A registry attribute ("subject.households") is checked where the registry is known.
        if (!d.ratio.to.startsWith('subject.')) field(d.ratio.to, ['ratio', 'to'], true);
      }
      if (d.sum) field(d.sum.field, ['sum', 'field'], true);
      if (d.minDays !== undefined) {
        const window = d.sum?.days ?? d.count?.days;
        if (window === undefined)
          at(
            ['minDays'],
            '"minDays" is for a look-back over days: expected it with "sum" or "count"',
          );
        else if (d.minDays > window)
          at(
            ['minDays'],
            `"minDays" is ${d.minDays} but the window has ${window} days: expected at most ${window}`,
          );
      }
      if (d.streak) field(d.streak.field, ['streak', 'field'], false);
    });
    const seen = new Set<string>();
    form.fields.forEach((f, i) => {
      if (seen.has(f.id))
        ctx.addIssue({
          code: 'custom',
          message: `the field "${f.id}" is listed twice`,
          path: ['fields', i, 'id'],
        });
      seen.add(f.id);
    });
  });
export type Form = z.infer<typeof Form>;

/** What a form's registry checks need to know: declared attributes and measurement units. */
interface RegistryTerms {
  attributes: ReadonlyMap<
    string,
    { type: string; appliesTo: { levels: string[] } | { placeTypes: string[] } }
  >;
  measurementUnits: ReadonlyMap<string, unknown>;
}

/**
 * Problems of a form that only the registry can tell: every measurement unit of a field or derived
 * fact (its `unit`) is declared in the registry, and a ratio `to: "subject.<id>"` names a number attribute that the
 * form's subjects have. Paths are inside the form file.
 */
export function formRegistryProblems(
  form: Form,
  registry: RegistryTerms,
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const declared = [...registry.measurementUnits.keys()];
  const measurementUnit = (u: string | undefined, path: (string | number)[]) => {
    if (u !== undefined && !registry.measurementUnits.has(u)) {
      const guess = didYouMean(u, declared);
      out.push({
        path,
        message: `unknown measurement unit "${u}"${guess ? `; did you mean "${guess}"?` : ''}: expected one declared in "measurementUnits" of the registry`,
      });
    }
  };
  form.fields.forEach((f, i) => {
    measurementUnit(f.unit, ['fields', i, 'unit']);
  });
  (form.derived ?? []).forEach((d, i) => {
    measurementUnit(d.unit, ['derived', i, 'unit']);
    const to = d.ratio?.to;
    if (to === undefined || !to.startsWith('subject.')) return;
    const id = to.slice('subject.'.length);
    const a = registry.attributes.get(id);
    const path = ['derived', i, 'ratio', 'to'];
    if (!a) {
      const guess = didYouMean(
        to,
        [...registry.attributes.keys()].map((k) => `subject.${k}`),
      );
      out.push({
        path,
        message: `unknown registry attribute "${to}"${guess ? `; did you mean "${guess}"?` : ''}: expected one declared in "attributes" of the registry`,
      });
    } else if (a.type !== 'integer' && a.type !== 'number')
      out.push({ path, message: `"${to}" is not a number attribute (it is ${a.type})` });
    else {
      const s = form.subjects;
      const has =
        s.kind === 'territory'
          ? 'levels' in a.appliesTo && a.appliesTo.levels.includes(s.level)
          : 'placeTypes' in a.appliesTo &&
            s.placeTypes.every((t) =>
              (a.appliesTo as { placeTypes: string[] }).placeTypes.includes(t),
            );
      if (!has)
        out.push({
          path,
          message: `the attribute "${to}" is not known for the subjects of this form (${s.kind === 'territory' ? `each ${s.level}` : `places of type ${s.placeTypes.join(', ')}`})`,
        });
    }
  });
  return out;
}
