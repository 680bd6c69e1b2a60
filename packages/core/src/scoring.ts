import { z } from 'zod';
import { SEVERITIES, type Severity } from './rule.js';
import { LocalizedText } from './text.js';

/** How a finding that is neither a pass nor a failure counts towards a score. */
export const CountMode = z.discriminatedUnion(
  'mode',
  [
    /** Counted as a failed check: the full weight is possible, none is earned. */
    z.strictObject({ mode: z.literal('fail') }),
    /** Not counted at all, like a check that did not apply. */
    z.strictObject({ mode: z.literal('ignore') }),
    /** Counted, and earns this share of the weight (0.5: half a pass). */
    z.strictObject({
      mode: z.literal('partial'),
      credit: z.number().gt(0, { error: 'expected a credit above 0 (0 is "fail")' }).lt(1, {
        error: 'expected a credit below 1 (1 would be a pass)',
      }),
    }),
  ],
  {
    error:
      'expected { "mode": "fail" }, { "mode": "ignore" } or { "mode": "partial", "credit": 0.5 }',
  },
);
export type CountMode = z.infer<typeof CountMode>;

/**
 * The range of a weight. Weights count relative to each other; bounds keep every sum finite and
 * every ratio exact enough to round (a weight of 1e-320 has too few digits to halve).
 */
export const MIN_WEIGHT = 0.001;
export const MAX_WEIGHT = 1000;

const Weight = z
  .number()
  .min(MIN_WEIGHT, {
    error: `expected a weight of at least ${MIN_WEIGHT} (and at most ${MAX_WEIGHT})`,
  })
  .max(MAX_WEIGHT, {
    error: `expected a weight of at most ${MAX_WEIGHT}: weights count relative to each other, so 5, 3 and 1 say the same as 500, 300 and 100`,
  });

/** A policy area: its id (a rule's `area`, and the folder `rules/<id>/`), name and weight. */
export const AreaDef = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
    error: 'expected an area id of lower-case letters, digits and hyphens, e.g. "prevention"',
  }),
  name: LocalizedText,
  /** A short name for narrow column headers ("防控", "Prev."); the name where absent. */
  short: LocalizedText.optional(),
  /** How much the area weighs in the overall score. */
  weight: Weight,
});
export type AreaDef = z.infer<typeof AreaDef>;
const Percent = z
  .number()
  .min(0, { error: 'expected a score from 0 to 100' })
  .max(100, { error: 'expected a score from 0 to 100' });

/** A share from 0 to 1: 0.02 is 2 %. */
const Share = z
  .number()
  .min(0, { error: 'expected a share from 0 to 1, e.g. 0.02 for 2 %' })
  .max(1, { error: 'expected a share from 0 to 1, e.g. 0.02 for 2 %' });

export const BANDS = ['green', 'yellow', 'red'] as const;
export type Band = (typeof BANDS)[number];

/**
 * `rules/scoring.json`: how findings become scores and bands. Authors edit it; its name and
 * version are stamped on every result, so a changed method is never mistaken for changed work.
 */
const methodFields = {
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, {
    error: 'expected a name of lower-case letters, digits and hyphens, e.g. "weighted"',
  }),
  /** Raise it with every change to the method. */
  version: z.int().min(1),
  description: LocalizedText,
  /** How much one check of a rule weighs, by the rule's severity. */
  severityWeights: z.strictObject(
    Object.fromEntries(SEVERITIES.map((s) => [s, Weight])) as Record<Severity, typeof Weight>,
  ),
  /** The policy areas, in the order pages show them, with their weights in the overall score. */
  areas: z
    .array(AreaDef)
    .min(
      1,
      'expected at least one policy area, e.g. [{ "id": "safety", "name": { "en": "Safety" }, "weight": 1 }]',
    )
    .check((ctx) => {
      ctx.value.forEach((a, i) => {
        if (ctx.value.findIndex((b) => b.id === a.id) !== i)
          ctx.issues.push({
            code: 'custom',
            input: a.id,
            path: [i, 'id'],
            message: `the area "${a.id}" is listed twice`,
          });
      });
    }),
  /** How a missing report counts (the rule's own missing-report mode decides when it is missing). */
  missingReport: CountMode,
  /** How a check that could not be evaluated counts. */
  error: CountMode,
  /** Lowest score of each band; below yellow is red. */
  bands: z.strictObject({ green: Percent, yellow: Percent }),
  /**
   * When critical failures cap a unit's band, by the share of its critical checks that weigh as
   * failures (`criticalFailures / criticalChecks`): above `yellow` the band is at most yellow,
   * above `red` it is red. `{ "yellow": 0 }` caps at yellow on any one critical failure.
   */
  criticalCap: z.strictObject({ yellow: Share.optional(), red: Share.optional() }).check((ctx) => {
    const { yellow, red } = ctx.value;
    if (yellow !== undefined && red !== undefined && red < yellow)
      ctx.issues.push({
        code: 'custom',
        input: red,
        path: ['red'],
        message: `expected the red cap at or above the yellow cap (${yellow}): more failed critical checks cannot cap less`,
      });
  }),
  /** A change of at most this many points over a trend's window reads as flat. */
  trend: z.strictObject({ flatWithin: z.number().min(0).max(100) }),
};

/** The method as recorded in results (without the editor's `$schema`). */
export const ScoringMethodBody = z.strictObject(methodFields);

export const ScoringMethod = z
  .strictObject({ $schema: z.string().optional(), ...methodFields })
  .check((ctx) => {
    if (ctx.value.bands.yellow >= ctx.value.bands.green)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.bands.yellow,
        path: ['bands', 'yellow'],
        message: `expected the yellow band to start below green (${ctx.value.bands.green})`,
      });
  });
export type ScoringMethod = z.infer<typeof ScoringMethod>;

/** The weight of an area by id (0 for an area the method does not declare). */
export function areaWeight(m: Pick<ScoringMethod, 'areas'>, id: string): number {
  return m.areas.find((a) => a.id === id)?.weight ?? 0;
}

/** "weighted/2": the name recorded with every score. */
export function scoringVersion(m: Pick<ScoringMethod, 'name' | 'version'>): string {
  return `${m.name}/${m.version}`;
}

/** The band of a score, before any cap. */
export function bandOf(score: number, m: Pick<ScoringMethod, 'bands'>): Band {
  if (score >= m.bands.green) return 'green';
  if (score >= m.bands.yellow) return 'yellow';
  return 'red';
}

/**
 * The band critical failures cap a unit at (null: no cap): `failures` of `checks` critical checks
 * weighed as failures.
 */
export function criticalCapOf(
  failures: number,
  checks: number,
  m: Pick<ScoringMethod, 'criticalCap'>,
): Band | null {
  if (failures <= 0 || checks <= 0) return null;
  const share = failures / checks;
  const { yellow, red } = m.criticalCap;
  if (red !== undefined && share > red) return 'red';
  if (yellow !== undefined && share > yellow) return 'yellow';
  return null;
}

/** The worse of two bands. */
export function worseBand(a: Band, b: Band): Band {
  return BANDS.indexOf(a) >= BANDS.indexOf(b) ? a : b;
}

export type Direction = 'up' | 'down' | 'flat';

/** Which way a trend's change points; within `trend.flatWithin` points it is flat. */
export function trendDirection(
  change: number | null,
  m: Pick<ScoringMethod, 'trend'>,
): Direction | null {
  if (change === null) return null;
  if (Math.abs(change) <= m.trend.flatWithin) return 'flat';
  return change > 0 ? 'up' : 'down';
}
