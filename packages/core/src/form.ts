import { z } from 'zod';
import { ClockTime } from './dates.js';
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
    /** The unit of measure, e.g. "household", "℃", "mg/L", "minute". */
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
  })
  .superRefine((form, ctx) => {
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
