import { z } from 'zod';
import { IsoDate } from './dates.js';
import { LocalizedText } from './text.js';

/** A policy area's id, declared in `rules/scoring.json`. */
export type Area = string;
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];
/**
 * Who answers for a finding (docs/design/authors.md §1): the subject checked, its supervising
 * department, or the territorial units above it.
 */
export const RESPONSIBLE = ['subject', 'department', 'territorial'] as const;
export type Responsible = (typeof RESPONSIBLE)[number];
/** The words `responsible` once had, and the word each is now: still read, with a warning (SHOUTU-N001). */
export const RENAMED_RESPONSIBLE: Readonly<Record<string, Responsible>> = { unit: 'subject' };

/**
 * A rule's `responsible`: one of RESPONSIBLE, or a renamed word read as its new one (the warning
 * comes from `renamedWordProblems`). Editor schemas offer only the new words.
 */
export const ResponsibleWord = z.preprocess(
  (v) =>
    typeof v === 'string' && Object.hasOwn(RENAMED_RESPONSIBLE, v) ? RENAMED_RESPONSIBLE[v] : v,
  z.enum(RESPONSIBLE),
);

/** json-rules-engine's built-in operators. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
/** json-rules-engine's operator decorators, written before the operator: `not:equal`, `everyFact:greaterThan`. */
export const DECORATORS = [
  'someFact',
  'someValue',
  'everyFact',
  'everyValue',
  'swap',
  'not',
] as const;
const OPERATOR = new RegExp(`^(?:(?:${DECORATORS.join('|')}):)*(?:${OPERATORS.join('|')})$`);

export const Operator = z
  .string()
  .regex(OPERATOR, {
    error: (issue) => {
      const parts = typeof issue.input === 'string' ? issue.input.split(':') : [];
      const base = parts[parts.length - 1] as string;
      const unknown = parts
        .slice(0, -1)
        .find((d) => !(DECORATORS as readonly string[]).includes(d));
      // A known operator behind a decorator json-rules-engine does not have: name the decorator.
      if (
        parts.length > 1 &&
        (OPERATORS as readonly string[]).includes(base) &&
        unknown !== undefined
      )
        return `unknown operator decorator "${unknown}": expected one of ${DECORATORS.join(', ')}, each followed by a colon before the operator, e.g. "not:in"`;
      return `expected an operator of json-rules-engine: ${OPERATORS.join(', ')} (optionally decorated, e.g. "not:in")`;
    },
  })
  // Editors offer `examples` as completions.
  .meta({ examples: [...OPERATORS] });

const FactName = z
  .string()
  .min(1, 'expected the name of a fact, e.g. "grid-daily.households_visited"');

/**
 * A plain path into an object fact: `$.company`, `$.items[0].price`. JSONPath expressions with
 * filters or scripts are refused: json-rules-engine would hand them to jsonpath-plus, which has
 * had remote-code-execution flaws. Shoutu resolves plain paths itself.
 */
export const PLAIN_PATH = /^\$?(?:\.[A-Za-z_$][\w$-]*|\[\d+\])+$/;
const PlainPath = z.string().regex(PLAIN_PATH, {
  error:
    'expected a plain path such as "$.company" or "$.items[0].price" (JSONPath filters and scripts are not allowed: they can run code)',
});

const Params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** A value compared against: a constant, a list, or another fact. */
export const ConditionValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  z.strictObject({ fact: FactName, path: PlainPath.optional(), params: Params.optional() }),
]);

const Meta = { name: z.string().min(1).optional(), priority: z.int().min(1).optional() };

export const LeafCondition = z.strictObject({
  fact: FactName,
  operator: Operator,
  value: ConditionValue,
  /**
   * The measurement unit the author had in mind for the value (Shoutu's addition, ignored by
   * json-rules-engine): checked against the fact's, so "30" minutes is not read as hours.
   */
  unit: z.string().min(1).optional(),
  path: PlainPath.optional(),
  params: Params.optional(),
  ...Meta,
});
export type LeafCondition = z.infer<typeof LeafCondition>;

/** A named shared condition used in place (json-rules-engine's `engine.setCondition`). */
export const ConditionReference = z.strictObject({ condition: z.string().min(1), ...Meta });
export type ConditionReference = z.infer<typeof ConditionReference>;

const EMPTY = (kind: string) =>
  `an empty "${kind}" list is always true in json-rules-engine: expected at least one condition`;

type Named = { name?: string | undefined; priority?: number | undefined };
export type NestedCondition =
  | LeafCondition
  | ConditionReference
  | ({ all: NestedCondition[] } & Named)
  | ({ any: NestedCondition[] } & Named)
  | ({ not: NestedCondition } & Named);

export const NestedCondition: z.ZodType<NestedCondition> = z.lazy(() =>
  z.union([LeafCondition, AllCondition, AnyCondition, NotCondition, ConditionReference], {
    error:
      'expected a condition: { "fact", "operator", "value" }, one of "all", "any", "not", or { "condition": name }',
  }),
);
const AllCondition = z.strictObject({
  all: z.array(NestedCondition).min(1, EMPTY('all')),
  ...Meta,
});
const AnyCondition = z.strictObject({
  any: z.array(NestedCondition).min(1, EMPTY('any')),
  ...Meta,
});
const NotCondition = z.strictObject({ not: NestedCondition, ...Meta });

/** A rule's conditions, in json-rules-engine's format: `all`, `any`, `not` or a shared condition at the top. */
export const TopLevelCondition = z.union(
  [AllCondition, AnyCondition, NotCondition, ConditionReference],
  {
    error: 'expected the conditions to start with "all", "any", "not" or { "condition": name }',
  },
);
export type TopLevelCondition = z.infer<typeof TopLevelCondition>;

/** `rules/conditions/<name>.json`: a condition several rules share by name. */
export const SharedCondition = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, {
    error: 'expected a name of lower-case letters, digits, dots and hyphens, e.g. "duty-in-place"',
  }),
  description: LocalizedText,
  conditions: TopLevelCondition,
});
export type SharedCondition = z.infer<typeof SharedCondition>;

export const RuleSubjects = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('territory'), level: z.string().min(1) }),
  z.strictObject({ kind: z.literal('place'), placeTypes: z.array(z.string().min(1)).min(1) }),
]);
export type RuleSubjects = z.infer<typeof RuleSubjects>;

export const MissingReport = z.discriminatedUnion('mode', [
  /** No report counts as a failure of the duty to report (status "missing"). */
  z.strictObject({ mode: z.literal('fail') }),
  /** No report: the rule does not apply that day (status "not-applicable"). */
  z.strictObject({ mode: z.literal('skip') }),
  /** No report: use the last value reported within `days` days before, else count as missing. */
  z.strictObject({ mode: z.literal('carry'), days: z.int().min(1).max(60) }),
]);
export type MissingReport = z.infer<typeof MissingReport>;

/**
 * How long the responsible party has to put a failure right, counted from the first day of its
 * streak (the day it was first found): `{ "days": 0 }` is the same day, `{ "days": 3 }` three days
 * later; `{ "hours": 2 }` counts whole days of 24 hours (under 24 hours is the same day, 24 to 47
 * the next). `basis` says where it comes from: `"seed"` quotes the source document in `source`
 * (e.g. 立即, 当日), `"assumed"` is a plausible default the pages mark as such.
 */
export const Deadline = z
  .strictObject({
    days: z.int().min(0).max(366).optional(),
    hours: z.int().min(1).max(8784).optional(),
    basis: z.enum(['seed', 'assumed'], {
      error: 'expected "seed" (the source document says it; quote it in "source") or "assumed"',
    }),
    /** The words of the source document that set the deadline, e.g. { "zh": "立即", "en": "immediately" }. */
    source: LocalizedText.optional(),
  })
  .check((ctx) => {
    const d = ctx.value;
    if ((d.days === undefined) === (d.hours === undefined))
      ctx.issues.push({
        code: 'custom',
        input: d,
        message:
          'expected exactly one of "days" (0 is the same day) or "hours", e.g. { "days": 0, "basis": "assumed" }',
      });
    if (d.basis === 'seed' && d.source === undefined)
      ctx.issues.push({
        code: 'custom',
        input: d,
        path: ['source'],
        message:
          'a deadline from the source document quotes it: expected "source", e.g. { "zh": "当日", "en": "the same day" }',
      });
  });
export type Deadline = z.infer<typeof Deadline>;

/** Whole days a deadline allows after the first day of a failure: 0 is the same day. */
export function deadlineDays(d: Deadline): number {
  return d.days ?? Math.floor((d.hours ?? 0) / 24);
}

/** One rule file in `rules/<area>/`: what is checked, for whom, since when, on whose authority. */
export const Rule = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, {
      error:
        'expected a rule id of lower-case letters, digits, dots and hyphens, e.g. "prevention.grid-screening"',
    }),
    /** Versions of one rule have the same id and effective periods that do not overlap. */
    version: z.int().min(1).default(1),
    /** One of the areas of `rules/scoring.json`; the rule lives in `rules/<area>/`. */
    area: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
      error: 'expected an area id of lower-case letters, digits and hyphens, e.g. "prevention"',
    }),
    title: LocalizedText,
    description: LocalizedText,
    appliesTo: RuleSubjects,
    severity: z.enum(SEVERITIES),
    responsible: ResponsibleWord,
    remediation: LocalizedText,
    source: z.strictObject({
      document: LocalizedText,
      /** The clause of the document, in the project's languages. */
      clause: LocalizedText,
      /** The threshold is a plausible default, not found in the source. */
      assumed: z.boolean().default(false),
    }),
    effective: z.strictObject({ from: IsoDate, to: IsoDate.optional() }),
    missing: MissingReport.default({ mode: 'fail' }),
    /** How long the responsible party has to put a failure right; `rules check` warns without one. */
    deadline: Deadline.optional(),
    /**
     * That the rule is meant never to fail (or never to pass) on the current data, and why:
     * silences `rules check`'s warning, so `--strict` passes. Not part of the rule's content hash.
     */
    expect: z
      .strictObject({
        fires: z.enum(['never-fails', 'never-passes']),
        reason: z.string().min(1),
      })
      .optional(),
    conditions: TopLevelCondition,
  })
  .refine((r) => r.effective.to === undefined || r.effective.from <= r.effective.to, {
    error: 'the effective period ends before it starts',
    path: ['effective', 'to'],
  });
export type Rule = z.infer<typeof Rule>;
