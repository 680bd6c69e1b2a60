import type { ConditionOutcome } from '@shoutu/core';

/** A condition tree as json-rules-engine returns it after a run: each node with its result. */
export interface EvaluatedCondition {
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

type Scalar = string | number | boolean | null;

function scalar(v: unknown): Scalar | Scalar[] {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map((x) => scalar(x) as Scalar);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/**
 * The leaf conditions that decided an outcome. For a failed `all`, the leaves that failed; for
 * a failed `any`, every leaf (none held); under `not`, the reasons for the opposite outcome.
 */
export function decidingConditions(
  condition: EvaluatedCondition,
  outcome = false,
  negated = false,
): ConditionOutcome[] {
  if (condition.all) {
    const children = condition.all.filter((c) => c.result !== undefined);
    return (outcome ? children : children.filter((c) => c.result === false)).flatMap((c) =>
      decidingConditions(c, outcome, negated),
    );
  }
  if (condition.any) {
    const children = condition.any.filter((c) => c.result !== undefined);
    return (outcome ? children.filter((c) => c.result === true) : children).flatMap((c) =>
      decidingConditions(c, outcome, negated),
    );
  }
  if (condition.not) return decidingConditions(condition.not, !outcome, !negated);
  if (condition.fact === undefined || condition.result === undefined) return [];
  const value = condition.value;
  const required =
    value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value
      ? {
          fact: String((value as { fact: unknown }).fact),
          value: scalar(condition.valueResult) as Scalar,
        }
      : scalar(value);
  const operator = condition.operator ?? '';
  // A condition reported under an odd number of `not`s held when it was required not to.
  return [
    {
      fact: condition.fact,
      operator: negated ? `not:${operator}` : operator,
      required,
      actual: scalar(condition.factResult),
    },
  ];
}
