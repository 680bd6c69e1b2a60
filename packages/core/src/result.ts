import { z } from 'zod';
import { IsoDate } from './dates.js';
import { AREAS, OPERATORS, RuleSubjects, SEVERITIES } from './rule.js';
import { LocalizedText } from './text.js';

/**
 * The results of one day: the contract between engine and site. Bump RESULTS_SCHEMA on any
 * change that an older site could not read.
 */
export const RESULTS_SCHEMA = 1;

export const STATUSES = ['pass', 'fail', 'missing', 'not-applicable', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export const Counts = z.strictObject({
  pass: z.int().min(0),
  fail: z.int().min(0),
  missing: z.int().min(0),
  notApplicable: z.int().min(0),
  error: z.int().min(0),
});
export type Counts = z.infer<typeof Counts>;

const Score = z.number().min(0).max(100).nullable();
export const Summary = z.strictObject({
  /** 0–100, or null when nothing was checked. */
  score: Score,
  areas: z.strictObject(
    Object.fromEntries(AREAS.map((a) => [a, Score])) as Record<
      (typeof AREAS)[number],
      typeof Score
    >,
  ),
  counts: Counts,
});
export type Summary = z.infer<typeof Summary>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One condition that decided a failure: what was required and what was found. */
export const ConditionOutcome = z.strictObject({
  fact: z.string(),
  operator: z.string(),
  /** The required value, or `{ fact }` when compared against another fact. */
  required: z.union([
    Scalar,
    z.array(Scalar),
    z.strictObject({ fact: z.string(), value: Scalar.optional() }),
  ]),
  actual: z.union([Scalar, z.array(Scalar)]),
});
export type ConditionOutcome = z.infer<typeof ConditionOutcome>;

export const Finding = z.strictObject({
  rule: z.string(),
  subject: z.string(),
  status: z.enum(STATUSES),
  /** For a failure: the conditions that decided it. */
  conditions: z.array(ConditionOutcome).optional(),
  /** For an error: what went wrong, in plain words. */
  message: z.string().optional(),
  /** Where the values came from: report files and lines. */
  sources: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const RuleInfo = z.strictObject({
  id: z.string(),
  version: z.int(),
  area: z.enum(AREAS),
  severity: z.enum(SEVERITIES),
  title: LocalizedText,
  description: LocalizedText,
  remediation: LocalizedText,
  responsible: z.string(),
  appliesTo: RuleSubjects,
  source: z.strictObject({ document: LocalizedText, clause: z.string(), assumed: z.boolean() }),
  effective: z.strictObject({ from: IsoDate, to: IsoDate.optional() }),
});
export type RuleInfo = z.infer<typeof RuleInfo>;

export const FactInfo = z.strictObject({
  name: z.string(),
  label: LocalizedText,
  type: z.string(),
  unit: z.string().optional(),
});
export type FactInfo = z.infer<typeof FactInfo>;

const Stamp = {
  schema: z.literal(RESULTS_SCHEMA),
  day: IsoDate,
  /** sha256 over the rule files' content: which rules produced these results. */
  rulesHash: z.string(),
  registryVersion: z.string(),
  scoringVersion: z.string(),
};

export const UnitRef = z.strictObject({
  code: z.string(),
  level: z.string(),
  name: LocalizedText,
});

/** `data/results/<day>/index.json`: the city's day. */
export const CityResults = z.strictObject({
  ...Stamp,
  city: UnitRef,
  summary: Summary,
  districts: z.array(UnitRef.extend({ kind: z.string().optional(), summary: Summary })),
  rules: z.array(RuleInfo.extend({ counts: Counts })),
  facts: z.array(FactInfo),
  operators: z.array(z.enum(OPERATORS)),
  input: z.strictObject({
    reportFiles: z.int().min(0),
    rows: z.int().min(0),
    quarantinedFiles: z.int().min(0),
    quarantinedRows: z.int().min(0),
    lateRows: z.int().min(0),
  }),
});
export type CityResults = z.infer<typeof CityResults>;

/** `data/results/<day>/<district>.json`: one district's day, down to grids and failing places. */
export const DistrictResults = z.strictObject({
  ...Stamp,
  district: UnitRef.extend({ kind: z.string().optional() }),
  summary: Summary,
  /** Every unit below the district in force that day (streets, communities, grids). */
  units: z.array(UnitRef.extend({ parent: z.string(), summary: Summary })),
  /** Places with a finding that is not a pass. */
  places: z.array(
    z.strictObject({
      id: z.string(),
      grid: z.string(),
      type: z.string(),
      department: z.string(),
      name: LocalizedText,
      summary: Summary,
    }),
  ),
  rules: z.array(z.strictObject({ id: z.string(), counts: Counts })),
  /** Findings that are not passes; passes are counted, not listed. */
  findings: z.array(Finding),
});
export type DistrictResults = z.infer<typeof DistrictResults>;
