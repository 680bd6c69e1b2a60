import { ConditionOutcome, Finding, LocalizedText, RuleInfo, WaiverInfo } from '@shoutu/core';
import { z } from 'zod';
import { ProblemJson } from './problem.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Coverage = z.strictObject({ days: z.int().min(0), of: z.int().min(1) });

/** One fact the rule read: its value, and where it was read. */
export const ExplainValue = z.strictObject({
  /** `<form>.<field>`, `<form>.<derived>` or `subject.<attribute>`. */
  fact: z.string(),
  value: z.union([Scalar, z.array(Scalar)]),
  /**
   * A report fact: the report file, the row's line and the field. A registry fact: the registry
   * file, the line of the attribute's value (or of the unit's or place's entry when it gives
   * none) and `attributes.<id>`. Null when there is no row to point at.
   */
  source: z
    .strictObject({
      file: z.string(),
      line: z.int().min(1).optional(),
      field: z.string().optional(),
      cell: z.string().optional(),
    })
    .nullable(),
  /** Computed from the form's fields (a ratio, a sum or count over days), not reported as such. */
  derived: z.literal(true).optional(),
  /** For a look-back: how many days of its window had a value. */
  coverage: Coverage.optional(),
});
export type ExplainValue = z.infer<typeof ExplainValue>;

/** Who answers for the finding, in the words of docs/design/authors.md §1. */
const Responsible = z.strictObject({
  kind: z.enum(['subject', 'department', 'territorial']),
  /** The subject's code, the department's id, or the territorial unit's code. */
  code: z.string(),
  /** For a territorial party: the unit's level. */
  level: z.string().optional(),
  position: LocalizedText,
});

/** `explain --json` when the project could not be loaded: its problems, nothing explained. */
const ExplainStopped = z.strictObject({
  command: z.literal('explain'),
  exitCode: z.int(),
  problems: z.array(ProblemJson),
});

/** `explain --json` of one finding. */
const ExplainFinding = z.strictObject({
  command: z.literal('explain'),
  exitCode: z.int(),
  day: Day,
  /** False when `--date` was not given and the day is the latest with a snapshot (or reports). */
  dayGiven: z.boolean(),
  rule: RuleInfo,
  subject: z.strictObject({
    code: z.string(),
    name: LocalizedText.optional(),
    level: z.string().optional(),
    placeType: z.string().optional(),
    /** The units above it, nearest first. */
    within: z.array(z.string()),
  }),
  /** As published in the day's snapshot, or evaluated now when the snapshot does not list it. */
  finding: Finding,
  /** The status evaluated now, when it differs from the published one. */
  evaluatedNow: Finding.shape.status.optional(),
  /** The conditions that decided the finding: for a failure those that failed, for a pass those that held. */
  conditions: z.array(ConditionOutcome),
  /** Every fact the rule read, with its value and source (empty when the facts could not be gathered). */
  values: z.array(ExplainValue),
  /** Look-backs that covered fewer days than their window. */
  coverage: z.record(z.string(), Coverage).optional(),
  waiver: WaiverInfo.optional(),
  responsible: z.array(Responsible),
  /** The snapshot file the finding was read from, or null when evaluated now. */
  record: z.strictObject({ file: z.string(), revision: z.int().min(1) }).nullable(),
  /** What the record says and any difference from now, in the language asked for. */
  notes: z.array(z.string()),
  /** Warnings found while loading the project. */
  problems: z.array(ProblemJson),
});

/** What `shoutu explain --json` prints: one finding explained, or the problems that stopped it. */
export const ExplainJson = z.union([ExplainFinding, ExplainStopped]);
export type ExplainJson = z.infer<typeof ExplainJson>;
