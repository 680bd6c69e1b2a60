import { z } from 'zod';
import { IsoDate } from './dates.js';
import { LocalizedText } from './text.js';

export const AREAS = ['prevention', 'security', 'safety'] as const;
export type Area = (typeof AREAS)[number];
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RESPONSIBLE = ['unit', 'department', 'territorial'] as const;

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
    error: `expected an operator of json-rules-engine: ${OPERATORS.join(', ')} (optionally decorated, e.g. "not:in")`,
  })
  // Editors offer `examples` as completions.
  .meta({ examples: [...OPERATORS] });

const FactName = z.string().regex(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9_]*)+$/, {
  error: 'expected a fact name such as "grid-daily.households_visited" or "subject.households"',
});

/** A value compared against: a constant, a list, or another fact. `path` is not allowed (it would run JSONPath). */
export const ConditionValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
  z.strictObject({ fact: FactName }),
]);

const Meta = { name: z.string().min(1).optional(), priority: z.int().min(1).optional() };

export const LeafCondition = z.strictObject({
  fact: FactName,
  operator: Operator,
  value: ConditionValue,
  ...Meta,
});
export type LeafCondition = z.infer<typeof LeafCondition>;

const EMPTY = (kind: string) =>
  `an empty "${kind}" list is always true in json-rules-engine: expected at least one condition`;

export type NestedCondition =
  | LeafCondition
  | { all: NestedCondition[]; name?: string; priority?: number }
  | { any: NestedCondition[]; name?: string; priority?: number }
  | { not: NestedCondition; name?: string; priority?: number };

export const NestedCondition: z.ZodType<NestedCondition> = z.lazy(() =>
  z.union([LeafCondition, AllCondition, AnyCondition, NotCondition], {
    error: 'expected a condition: { "fact", "operator", "value" }, or one of "all", "any", "not"',
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

/** A rule's conditions, in json-rules-engine's format: `all`, `any` or `not` at the top. */
export const TopLevelCondition = z.union([AllCondition, AnyCondition, NotCondition], {
  error: 'expected the conditions to start with "all", "any" or "not"',
});
export type TopLevelCondition = z.infer<typeof TopLevelCondition>;

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
    area: z.enum(AREAS),
    title: LocalizedText,
    description: LocalizedText,
    appliesTo: RuleSubjects,
    severity: z.enum(SEVERITIES),
    responsible: z.enum(RESPONSIBLE),
    remediation: LocalizedText,
    source: z.strictObject({
      document: LocalizedText,
      clause: z.string().min(1),
      /** The threshold is a plausible default, not found in the source. */
      assumed: z.boolean().default(false),
    }),
    effective: z.strictObject({ from: IsoDate, to: IsoDate.optional() }),
    missing: MissingReport.default({ mode: 'fail' }),
    conditions: TopLevelCondition,
  })
  .refine((r) => r.effective.to === undefined || r.effective.from <= r.effective.to, {
    error: 'the effective period ends before it starts',
    path: ['effective', 'to'],
  });
export type Rule = z.infer<typeof Rule>;

/** Every fact a condition tree reads, including facts compared against. */
export function factsOf(condition: NestedCondition): string[] {
  const out = new Set<string>();
  const walk = (c: NestedCondition) => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else {
      out.add(c.fact);
      if (c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value))
        out.add(c.value.fact);
    }
  };
  walk(condition);
  return [...out].sort();
}
