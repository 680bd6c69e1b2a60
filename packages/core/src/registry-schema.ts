import { z } from 'zod';
import { IsoDate } from './dates.js';
import { FIELD_TYPES } from './form.js';
import { LANG_ID, LocalizedText } from './text.js';

const Id = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
  error: 'expected an id of lower-case letters, digits and hyphens, e.g. "hazchem-enterprise"',
});

/** Level ids the site uses as routes of its own, so no level may take them. */
export const RESERVED_LEVEL_IDS = [
  'archive',
  'rules',
  'departments',
  'downloads',
  'unit',
  'search',
] as const;

/** A kind of unit within a level, e.g. a county-level city among districts. */
export const UnitKind = z.strictObject({ id: Id, name: LocalizedText });
export type UnitKind = z.infer<typeof UnitKind>;

/** One level of the territorial chain, e.g. street (街道/乡镇) with 9-digit codes. */
export const Level = z.strictObject({
  id: Id.refine((id) => !(RESERVED_LEVEL_IDS as readonly string[]).includes(id), {
    error: `this id is a route of the site: choose another than ${RESERVED_LEVEL_IDS.join(', ')}`,
  }),
  name: LocalizedText,
  /** The name for many, for headings ("States ranked"); the name is used where absent. */
  plural: LocalizedText.optional(),
  codeLength: z.int().min(1).max(20),
  /** Who answers for this level's territory, by position (never by name). */
  lead: LocalizedText,
  /** The kinds a unit of this level may be; a unit's `kind` must be one of them. */
  kinds: z.array(UnitKind).min(1).optional(),
});
export type Level = z.infer<typeof Level>;

/** A value of an attribute: typed like a form field. */
export const AttributeValue = z.union([z.number(), z.boolean(), z.string()]);
export type AttributeValue = z.infer<typeof AttributeValue>;

/** Values of a unit's or place's attributes, by attribute id. */
const Attributes = z.record(z.string(), AttributeValue);

/**
 * What a rule may read about a subject (the fact `subject.<id>`), typed like a form field: the
 * households of a grid, the staff of a canteen, the population of a state.
 */
export const Attribute = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, {
      error:
        'expected an attribute id of lower-case letters, digits and underscores, e.g. "grid_workers"',
    }),
    label: LocalizedText,
    type: z.enum(FIELD_TYPES),
    /** The unit of measure; one of `measurementUnits`. */
    unit: z.string().min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    options: z.array(z.string().min(1)).min(1).optional(),
    /** Which subjects have it: units of these levels, or places of these types. */
    appliesTo: z.union(
      [
        z.strictObject({ levels: z.array(Id).min(1) }),
        z.strictObject({ placeTypes: z.array(Id).min(1) }),
      ],
      { error: 'expected { "levels": [ … ] } or { "placeTypes": [ … ] }' },
    ),
  })
  .refine((a) => a.type !== 'enum' || a.options !== undefined, {
    error: 'an attribute of type "enum" needs "options": the list of allowed values',
    path: ['options'],
  })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
    error: '"min" is greater than "max"',
    path: ['min'],
  });
export type Attribute = z.infer<typeof Attribute>;

/** A unit of measure and its words: "household" is 户 in Chinese, "households" in English. */
export const MeasurementUnit = z.strictObject({
  id: z.string().min(1).max(20),
  name: LocalizedText,
  /** The word for a count of exactly one, where a language has such a form: { "en": "household" }. */
  one: z.record(z.string().regex(LANG_ID), z.string().min(1)).optional(),
  /** Written without a space after the number: 4.5%, 37.3℃. */
  attached: z.boolean().default(false),
});
export type MeasurementUnit = z.infer<typeof MeasurementUnit>;

const Validity = {
  validFrom: IsoDate,
  validTo: IsoDate.optional(),
};

/** A territorial unit: city, district, street, community or grid, in force for a period. */
export const TerritoryUnit = z.strictObject({
  code: z.string().regex(/^\d+$/, { error: 'expected an administrative code made of digits only' }),
  level: Id,
  /** One of its level's kinds. */
  kind: Id.optional(),
  name: LocalizedText,
  /** The code of the unit above; only the top level has none. */
  parent: z.string().optional(),
  ...Validity,
  /** Units this one was formed from, when divisions merge. */
  predecessors: z.array(z.string()).optional(),
  /** Values of the registry's attributes that apply to the unit's level. */
  attributes: Attributes.optional(),
  /** Its tile on the map of its parent's children (1-based). */
  position: z.strictObject({ row: z.int().min(1), column: z.int().min(1) }).optional(),
});
export type TerritoryUnit = z.infer<typeof TerritoryUnit>;

/** A regulator that answers for one industry (departmental responsibility). */
export const Department = z.strictObject({
  id: Id,
  name: LocalizedText,
  lead: LocalizedText,
});
export type Department = z.infer<typeof Department>;

/** A kind of key place, the department that supervises it, and who answers for it on site. */
export const PlaceType = z.strictObject({
  id: Id,
  name: LocalizedText,
  department: Id,
  firstResponsible: LocalizedText,
});
export type PlaceType = z.infer<typeof PlaceType>;

/** A key place inside a grid: a canteen, school, bus line, market, enterprise, … */
export const Place = z.strictObject({
  id: z.string().regex(/^\d+-\d+$/, {
    error:
      'expected a place id made of the grid code, a hyphen and a number, e.g. "210202001001001-01"',
  }),
  grid: z.string(),
  type: Id,
  name: LocalizedText,
  /** Overrides the place type's supervising department. */
  department: Id.optional(),
  ...Validity,
  /** Values of the registry's attributes that apply to the place's type. */
  attributes: Attributes.optional(),
});
export type Place = z.infer<typeof Place>;

/**
 * One file of the registry. The registry is every file under `data/registry/`, merged; each
 * section may come from any file, and `levels` must be given exactly once.
 */
export const RegistryFile = z.strictObject({
  $schema: z.string().optional(),
  levels: z.array(Level).min(1).optional(),
  departments: z.array(Department).optional(),
  placeTypes: z.array(PlaceType).optional(),
  attributes: z.array(Attribute).optional(),
  measurementUnits: z.array(MeasurementUnit).optional(),
  units: z.array(TerritoryUnit).optional(),
  places: z.array(Place).optional(),
});
export type RegistryFile = z.infer<typeof RegistryFile>;
