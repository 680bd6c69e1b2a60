import { z } from 'zod';
import type { SharedLookup } from './conditions.js';
import { IsoDate } from './dates.js';
import { Form } from './form.js';
import { Department, Level, MeasurementUnit, PlaceType } from './registry-schema.js';
import { Deadline, OPERATORS, type Rule, RuleSubjects, SEVERITIES } from './rule.js';
import { ruleContentHash } from './rule-hash.js';
import { AreaDef, BANDS, ScoringMethodBody } from './scoring.js';
import { LocalizedText } from './text.js';

/**
 * The results of one day: the contract between engine and site. Bump RESULTS_SCHEMA on any
 * change that an older site could not read.
 *
 * Format 6 (issue 13) names set-aside input one way (`setAsideFiles`, `setAsideRows`, where format 5
 * said `quarantined…`) and stamps each rule with `contentHash` (`ruleContentHash`: what it
 * decides), which `rules check` compares to catch a rule changed without a new `version`.
 *
 * Format 5 (issue 12) adds deadlines: `due` and `overdueDays` on failures and missing reports,
 * `overdue` and `criticalChecks` in every summary, `overdue` on actions, a rule's `deadline`, and
 * `source.clause` in every language. Format 4 writes a day as `index.json` (the city, with the sha256 of every other file), and for
 * each district `<code>.json` (its summary, rule counts, departments, waivers and `actions`) and
 * three gzipped CSV files of one row per unit, listed place and finding (`UnitRow`, `PlaceRow`,
 * `Finding`): `results-csv.ts` documents their exact columns (`unitColumns`, `placeColumns`,
 * `FINDING_COLUMNS`) and the README's "The results of a day" shows them.
 */
export const RESULTS_SCHEMA = 6;

export const STATUSES = ['pass', 'fail', 'missing', 'waived', 'not-applicable', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export const Counts = z.strictObject({
  pass: z.int().min(0),
  fail: z.int().min(0),
  missing: z.int().min(0),
  /** Failures and missing reports under a waiver: shown, not scored. */
  waived: z.int().min(0),
  notApplicable: z.int().min(0),
  error: z.int().min(0),
});
export type Counts = z.infer<typeof Counts>;

const Score = z.number().min(0).max(100).nullable();
export const Summary = z.strictObject({
  /** 0–100, or null when nothing was checked. */
  score: Score,
  /** The score of each policy area, keyed by area id in the scoring method's order. */
  areas: z.record(z.string(), Score),
  /** The band of the score; null when nothing was scored. */
  band: z.enum(BANDS).nullable(),
  /** True when a critical failure lowered the band the score alone would give. */
  capped: z.boolean(),
  /**
   * Checks of critical rules that weigh as failures: failed, or a missing report or error the
   * scoring method counts as a failure (waived ones not included).
   */
  criticalFailures: z.int().min(0),
  /** Checks of critical rules counted in the score: the share `criticalFailures / criticalChecks` decides the cap. */
  criticalChecks: z.int().min(0),
  /**
   * Failures and missing reports (not waived) past their rule's deadline on the day: `overdueDays`
   * above 0. Rules without a deadline never count.
   */
  overdue: z.int().min(0),
  counts: Counts,
});
export type Summary = z.infer<typeof Summary>;

const Change = z.number().nullable();
/**
 * How the overall score moved: since the previous day, and the fitted change over the last 7
 * and 30 days (null without at least two scored days in the window).
 */
export const Trend = z.strictObject({ change: Change, week: Change, month: Change });
export type Trend = z.infer<typeof Trend>;

/**
 * Points of the parent's overall score lost inside this unit. The points lost in a unit's
 * children and on its own checks (`ownLost`) add up to 100 − its score, to rounding.
 */
const Lost = z.number().min(0);

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
  /** For a waived finding: what it would have been without the waiver. */
  outcome: z.enum(['fail', 'missing']).optional(),
  /** For a failure or missing report (waived or not): days in a row it has been so, today included. */
  streak: z.int().min(1).optional(),
  /**
   * For a failure or missing report of a rule with a deadline (waived or not): the day it must be
   * put right by, counted from the first day of the streak (`day - streak + 1` plus the deadline).
   */
  due: IsoDate.optional(),
  /** With `due`: whole days past it on the day evaluated (0 when not yet past). */
  overdueDays: z.int().min(0).optional(),
  /** For a failure: the conditions that decided it. */
  conditions: z.array(ConditionOutcome).optional(),
  /** For an error: what went wrong, in plain words. */
  message: z.string().optional(),
  /** Where the values came from: report files and lines. */
  sources: z.array(z.string()).optional(),
  /**
   * For a missing finding (or one that did not apply) caused by blank cells: the facts that
   * were blank in the day's report, e.g. "grid-daily.households_visited".
   */
  blank: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const RuleInfo = z.strictObject({
  id: z.string(),
  version: z.int(),
  area: z.string(),
  severity: z.enum(SEVERITIES),
  title: LocalizedText,
  description: LocalizedText,
  remediation: LocalizedText,
  responsible: z.string(),
  appliesTo: RuleSubjects,
  source: z.strictObject({ document: LocalizedText, clause: LocalizedText, assumed: z.boolean() }),
  effective: z.strictObject({ from: IsoDate, to: IsoDate.optional() }),
  deadline: Deadline.optional(),
  /** `ruleContentHash` of the rule as evaluated: its conditions, `appliesTo` and `missing`. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RuleInfo = z.infer<typeof RuleInfo>;

/** A rule as results describe it: what pages and downloads need of the rule file, no conditions. */
export function ruleInfoOf(r: Rule, shared: SharedLookup = new Map()): RuleInfo {
  return {
    id: r.id,
    version: r.version,
    area: r.area,
    severity: r.severity,
    title: r.title,
    description: r.description,
    remediation: r.remediation,
    responsible: r.responsible,
    appliesTo: r.appliesTo,
    source: { document: r.source.document, clause: r.source.clause, assumed: r.source.assumed },
    effective: r.effective,
    ...(r.deadline ? { deadline: r.deadline } : {}),
    contentHash: ruleContentHash(r, shared),
  };
}

export const FactInfo = z.strictObject({
  name: z.string(),
  label: LocalizedText,
  type: z.string(),
  /** The measurement unit (an id of `measurementUnits`), as the form field's `unit`. */
  unit: z.string().optional(),
  /**
   * For a derived fact (a form's `derived`): the facts it is computed from, e.g.
   * `["grid-daily.households_visited", "subject.households"]`; empty for one computed from the
   * days a form was reported (`count`, `daysSinceReport`). Absent for a fact that is reported.
   */
  derivedFrom: z.array(z.string()).optional(),
});
export type FactInfo = z.infer<typeof FactInfo>;

const Stamp = {
  schema: z.literal(RESULTS_SCHEMA),
  day: IsoDate,
  /** 1 for the first snapshot of the day; one more for each `--recompute` that changed it. */
  revision: z.int().min(1),
  /** sha256 over the rule files' content: which rules produced these results. */
  rulesHash: z.string(),
  registryVersion: z.string(),
  /** The scoring method's name and version, e.g. "weighted/1", and a hash of its file. */
  scoringVersion: z.string(),
  scoringHash: z.string(),
  /** sha256 over the waiver files' content. */
  waiversHash: z.string(),
};

/** A waiver in force that day. */
export const WaiverInfo = z.strictObject({
  subject: z.string(),
  rule: z.string(),
  reason: LocalizedText,
  approver: z.string(),
  start: IsoDate,
  expiry: IsoDate,
  source: z.string(),
});
export type WaiverInfo = z.infer<typeof WaiverInfo>;

/** A failure or missing report that has lasted (not waived): the longest in the city are listed. */
export const Streak = z.strictObject({
  rule: z.string(),
  subject: z.string(),
  district: z.string(),
  status: z.enum(['fail', 'missing']),
  streak: z.int().min(1),
});

export const UnitRef = z.strictObject({
  code: z.string(),
  level: z.string(),
  name: LocalizedText,
});

/** A unit's tile on the map of its parent's children (1-based), when the registry gives one. */
export const Position = z.strictObject({ row: z.int().min(1), column: z.int().min(1) });
export type Position = z.infer<typeof Position>;

/** A word for a unit of measure in the project's languages: the registry's own entry. */
export const MeasurementUnitInfo = MeasurementUnit;
export type MeasurementUnitInfo = z.infer<typeof MeasurementUnitInfo>;

/** A policy area: its id (a rule's `area`), its name and its weight in the overall score. */
export const AreaInfo = AreaDef;
export type AreaInfo = z.infer<typeof AreaInfo>;

/**
 * What the pages need to name the territory: the registry's own entries, as declared, so the site
 * never reads `data/registry` and never names a level, place type or area itself.
 */
export const Territory = z.strictObject({
  /** The project's languages; the first is the site's default. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  /** Every level, the top first. */
  levels: z.array(Level).min(1),
  placeTypes: z.array(PlaceType),
  departments: z.array(Department),
  measurementUnits: z.array(MeasurementUnitInfo),
  /** The policy areas in the declared order. */
  areas: z.array(AreaInfo).min(1),
});
export type Territory = z.infer<typeof Territory>;

/** A report form in force: who fills it in, its fields with their labels, types and units. */
export const FormInfo = Form;
export type FormInfo = z.infer<typeof FormInfo>;

/** `data/results/<day>/index.json`: the city's day. */
export const CityResults = z.strictObject({
  ...Stamp,
  city: UnitRef,
  summary: Summary,
  trend: Trend,
  /** Points of the city's score lost on checks of the city itself. */
  ownLost: Lost,
  districts: z.array(
    UnitRef.extend({
      kind: z.string().optional(),
      position: Position.optional(),
      summary: Summary,
      trend: Trend,
      lost: Lost,
    }),
  ),
  rules: z.array(RuleInfo.extend({ counts: Counts })),
  /** Findings on places, by the department that supervises them. */
  departments: z.array(
    z.strictObject({ id: z.string(), name: LocalizedText, lead: LocalizedText, summary: Summary }),
  ),
  /** The longest failures and missing reports still running, longest first (at most 20). */
  streaks: z.array(Streak),
  /** The scoring method the scores were computed with. */
  scoring: ScoringMethodBody,
  facts: z.array(FactInfo),
  operators: z.array(z.enum(OPERATORS)),
  /** Names of the territory's levels, place types, departments, units of measure and areas. */
  territory: Territory,
  /** The report forms in force, by id. */
  forms: z.array(FormInfo),
  /**
   * The top unit's own failures, missing reports, waived findings and errors (and those of
   * subjects in no district); a district's are in its own file.
   */
  findings: z.array(Finding),
  input: z.strictObject({
    reportFiles: z.int().min(0),
    rows: z.int().min(0),
    setAsideFiles: z.int().min(0),
    setAsideRows: z.int().min(0),
    lateRows: z.int().min(0),
  }),
  /**
   * Every other file of the day by name (`<district>.json`, `<district>.units.csv.gz`,
   * `<district>.places.csv.gz`, `<district>.findings.csv.gz`) with the sha256 of its bytes, in hex: a
   * day is read whole or refused. Filled in when the day is written (empty before).
   */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type CityResults = z.infer<typeof CityResults>;

/** A unit below a district in force that day: a row of `<district>.units.csv.gz`. */
export const UnitRow = UnitRef.extend({
  parent: z.string(),
  summary: Summary,
  trend: Trend,
  lost: Lost,
  /** Points of this unit's own score lost on checks of the unit itself (not its children). */
  ownLost: Lost,
});
export type UnitRow = z.infer<typeof UnitRow>;

/** A place with a listed finding: a row of `<district>.places.csv.gz`. */
export const PlaceRow = z.strictObject({
  id: z.string(),
  grid: z.string(),
  type: z.string(),
  department: z.string(),
  name: LocalizedText,
  summary: Summary,
  lost: Lost,
});
export type PlaceRow = z.infer<typeof PlaceRow>;

/**
 * What a district must act on first: for each rule and status (fail or missing) with listed
 * findings in the district, how many checks and the points of the district's overall score lost
 * to them (the same decomposition as `lost` and `ownLost`), most points first, then by rule id.
 */
export const DistrictAction = z.strictObject({
  rule: z.string(),
  status: z.enum(['fail', 'missing']),
  count: z.int().min(1),
  /** Of `count`, those past their deadline. */
  overdue: z.int().min(0),
  /** The most days any of them is past its deadline (0 when none is, or the rule has no deadline). */
  maxOverdueDays: z.int().min(0),
  lost: Lost,
});
export type DistrictAction = z.infer<typeof DistrictAction>;
export const DistrictActions = z.array(DistrictAction);
export type DistrictActions = z.infer<typeof DistrictActions>;

/**
 * `data/results/<day>/<district>.json`: one district's day. Its units, listed places and
 * findings are in `<district>.units.csv.gz`, `.places.csv.gz` and `.findings.csv.gz` (`DistrictDay`
 * holds all four together).
 */
export const DistrictResults = z.strictObject({
  ...Stamp,
  district: UnitRef.extend({ kind: z.string().optional() }),
  summary: Summary,
  trend: Trend,
  /** Points of the district's score lost on checks of the district itself. */
  ownLost: Lost,
  rules: z.array(z.strictObject({ id: z.string(), counts: Counts })),
  /** Findings on the district's places, by supervising department (names in the city index). */
  departments: z.array(z.strictObject({ id: z.string(), summary: Summary })),
  /** Waivers in force that day for subjects of the district. */
  waivers: z.array(WaiverInfo),
  actions: DistrictActions,
});
export type DistrictResults = z.infer<typeof DistrictResults>;

/** A district's whole day: its file and the rows of its three CSV files. */
export const DistrictDay = DistrictResults.extend({
  /** Every unit below the district in force that day, by code. */
  units: z.array(UnitRow),
  /** Places with a listed finding, by id. */
  places: z.array(PlaceRow),
  /**
   * Failures, missing reports, waived findings and errors, by rule then subject; passes and
   * checks that did not apply are counted, not listed.
   */
  findings: z.array(Finding),
});
export type DistrictDay = z.infer<typeof DistrictDay>;
