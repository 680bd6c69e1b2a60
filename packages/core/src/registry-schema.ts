import { z } from 'zod';
import { IsoDate } from './dates.js';
import { LocalizedText } from './text.js';

const Id = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
  error: 'expected an id of lower-case letters, digits and hyphens, e.g. "hazchem-enterprise"',
});

/** One level of the territorial chain, e.g. street (街道/乡镇) with 9-digit codes. */
export const Level = z.strictObject({
  id: Id,
  name: LocalizedText,
  codeLength: z.int().min(1).max(20),
  /** Who answers for this level's territory, by position (never by name). */
  lead: LocalizedText,
});
export type Level = z.infer<typeof Level>;

export const UNIT_KINDS = [
  'city',
  'district',
  'county',
  'county-level-city',
  'functional-zone',
  'street',
  'town',
  'township',
  'community',
  'village',
  'comprehensive-grid',
  'dedicated-grid',
] as const;

const Validity = {
  validFrom: IsoDate,
  validTo: IsoDate.optional(),
};

/** A territorial unit: city, district, street, community or grid, in force for a period. */
export const TerritoryUnit = z.strictObject({
  code: z.string().regex(/^\d+$/, { error: 'expected an administrative code made of digits only' }),
  level: Id,
  kind: z.enum(UNIT_KINDS).optional(),
  name: LocalizedText,
  /** The code of the unit above; only the top level has none. */
  parent: z.string().optional(),
  ...Validity,
  /** Units this one was formed from, when divisions merge. */
  predecessors: z.array(z.string()).optional(),
  households: z.int().min(0).optional(),
  residents: z.int().min(0).optional(),
  gridWorkers: z.int().min(0).optional(),
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
  staff: z.int().min(0).optional(),
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
  units: z.array(TerritoryUnit).optional(),
  places: z.array(Place).optional(),
});
export type RegistryFile = z.infer<typeof RegistryFile>;
