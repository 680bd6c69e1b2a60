/**
 * The compiled checks against json-rules-engine, the definition of what a rule means: over
 * random condition trees (every operator and decorator, nested all/any/not, shared conditions
 * naming each other, fact-valued comparisons, paths, priorities) and random facts (missing, null,
 * NaN, numbers, numeric strings, other strings, booleans, arrays, objects), both give the same
 * outcome, the same deciding conditions for a failure, and throw on the same cases.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  DECORATORS,
  type NestedCondition,
  OPERATORS,
  type Rule,
  type TopLevelCondition,
} from '@shoutu/core';
import { compileConditions, compileRule, decidingConditions } from '@shoutu/engine';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const FACTS = ['a', 'b', 'c', 'o'] as const;
const SHARED = ['s0', 's1', 's2'] as const;

const scalar = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(0.5, -0.5, Number.NaN),
  fc.constantFrom('1', '2.5', ' 3', '-1', '1e1', 'NaN', 'x', 'abc', ''),
  fc.boolean(),
);
const list = fc.array(scalar, { maxLength: 3 });
const object = fc.record(
  { x: fc.oneof(scalar, list), items: list, n: fc.record({ y: scalar }) },
  { requiredKeys: [] },
);
/** A fact's value; `undefined` leaves the fact out of the run altogether. */
const factValue = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 5, arbitrary: scalar },
  { weight: 2, arbitrary: list },
  { weight: 1, arbitrary: object },
);
const facts = fc.record(
  Object.fromEntries(FACTS.map((f) => [f, factValue])) as Record<
    (typeof FACTS)[number],
    typeof factValue
  >,
);

const path = fc.constantFrom('$.x', '$.items[0]', '$.items[1]', '$.n.y', '.x', '$[0]', '$.x[0]');
const operator = fc
  .tuple(fc.array(fc.constantFrom(...DECORATORS), { maxLength: 2 }), fc.constantFrom(...OPERATORS))
  .map(([d, op]) => [...d, op].join(':'));
const priority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });
const withPriority = <T extends object>(c: T, p: number | undefined): T =>
  p === undefined ? c : { ...c, priority: p };

const leaf = fc
  .record({
    fact: fc.constantFrom(...FACTS),
    operator,
    value: fc.oneof(
      { weight: 4, arbitrary: scalar },
      { weight: 2, arbitrary: list },
      {
        weight: 2,
        arbitrary: fc.record({ fact: fc.constantFrom(...FACTS), path }, { requiredKeys: ['fact'] }),
      },
    ),
    path: fc.option(path, { nil: undefined }),
    priority,
  })
  .map(({ path: p, priority: pr, ...c }) =>
    withPriority(p === undefined ? c : { ...c, path: p }, pr),
  );

/** A tree that may name the shared conditions in `names`. */
function tree(names: readonly string[]) {
  return fc.letrec<{ node: NestedCondition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: leaf },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 4 }), priority)
          .map(([all, p]) => withPriority({ all }, p)),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 4 }), priority)
          .map(([any, p]) => withPriority({ any }, p)),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(tie('node'), priority).map(([not, p]) => withPriority({ not }, p)),
      },
      ...(names.length > 0
        ? [
            {
              weight: 1,
              arbitrary: fc
                .tuple(fc.constantFrom(...names), priority)
                .map(([condition, p]) => withPriority({ condition }, p)),
            },
          ]
        : []),
    ),
  })).node as fc.Arbitrary<NestedCondition>;
}

const top = (names: readonly string[]) =>
  fc.oneof(
    tree(names).map((c) => ({ all: [c] })),
    fc.array(tree(names), { minLength: 1, maxLength: 4 }).map((all) => ({ all })),
    fc.array(tree(names), { minLength: 1, maxLength: 4 }).map((any) => ({ any })),
    tree(names).map((not) => ({ not })),
    ...(names.length > 0 ? [fc.constantFrom(...names).map((condition) => ({ condition }))] : []),
  ) as fc.Arbitrary<TopLevelCondition>;

/**
 * Shared conditions: s0 names none, s1 may name s0, s2 may name both. (A cycle is refused by
 * `rules check`; json-rules-engine would chase it until memory runs out.)
 */
const shared = fc
  .tuple(top([]), top(['s0']), top(['s0', 's1']))
  .map(
    (trees) =>
      new Map<string, TopLevelCondition>(trees.map((t, i) => [SHARED[i] as string, t] as const)),
  );

type Outcome = { status: 'pass' } | { status: 'fail'; conditions: unknown } | { status: 'error' };

async function reference(
  conditions: TopLevelCondition,
  sharedConditions: ReadonlyMap<string, TopLevelCondition>,
  values: Record<string, unknown>,
): Promise<Outcome> {
  const compiled = compileRule({ id: 'r', conditions } as Rule, sharedConditions);
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  try {
    const { results, failureResults } = await compiled.engine.run(given);
    if (results.length > 0) return { status: 'pass' };
    const result = failureResults[0];
    return { status: 'fail', conditions: decidingConditions(result?.conditions as never) };
  } catch {
    return { status: 'error' };
  }
}

function viaCompiler(
  conditions: TopLevelCondition,
  sharedConditions: ReadonlyMap<string, TopLevelCondition>,
  values: Record<string, unknown>,
): Outcome {
  const slots = FACTS.map((f) => values[f]);
  const c = compileConditions(conditions, sharedConditions, (f) =>
    FACTS.indexOf(f as (typeof FACTS)[number]),
  );
  try {
    if (c.test(slots)) return { status: 'pass' };
    return { status: 'fail', conditions: decidingConditions(c.trace(slots)) };
  } catch {
    return { status: 'error' };
  }
}

const same = async (
  conditions: TopLevelCondition,
  sharedConditions: ReadonlyMap<string, TopLevelCondition>,
  values: Record<string, unknown>,
) => {
  const want = await reference(conditions, sharedConditions, values);
  const got = viaCompiler(conditions, sharedConditions, values);
  if (!isDeepStrictEqual(got, want))
    throw new Error(`json-rules-engine: ${JSON.stringify(want)}\ncompiled: ${JSON.stringify(got)}`);
};

describe('compiled checks agree with json-rules-engine', () => {
  test('on random trees with shared conditions and random facts', async () => {
    await fc.assert(fc.asyncProperty(top([...SHARED]), shared, facts, same), {
      seed: 20200202,
      numRuns: NUM_RUNS,
      verbose: true,
    });
  }, 300_000);

  test('on flat lists split by priority, where short-circuiting decides what is evaluated', async () => {
    const flat = fc
      .tuple(fc.constantFrom('all', 'any'), fc.array(leaf, { minLength: 2, maxLength: 6 }))
      .map(([kind, list]) => ({ [kind]: list }) as unknown as TopLevelCondition);
    await fc.assert(
      fc.asyncProperty(flat, facts, (c, v) => same(c, new Map(), v)),
      {
        seed: 20200302,
        numRuns: NUM_RUNS / 2,
        verbose: true,
      },
    );
  }, 300_000);
});

test('the generated cases pass, fail and throw, each in a fair share', async () => {
  const counts = { pass: 0, fail: 0, error: 0, deciding: 0 };
  for (const [c, sh, v] of fc.sample(fc.tuple(top([...SHARED]), shared, facts), {
    seed: 1,
    numRuns: 2000,
  })) {
    const o = await reference(c, sh, v);
    counts[o.status]++;
    if (o.status === 'fail' && (o.conditions as unknown[]).length > 0) counts.deciding++;
  }
  expect(counts.pass).toBeGreaterThan(200);
  expect(counts.fail).toBeGreaterThan(200);
  expect(counts.error).toBeGreaterThan(100);
  expect(counts.deciding).toBeGreaterThan(200);
});

/** Runs per property: 2 × N/… ≥ 100,000 cases in all by default; SHOUTU_PROPERTY_RUNS to change. */
const NUM_RUNS = Number(process.env.SHOUTU_PROPERTY_RUNS ?? 70_000);

test('the two properties run at least 100,000 cases in all', () => {
  expect(NUM_RUNS + NUM_RUNS / 2).toBeGreaterThanOrEqual(
    process.env.SHOUTU_PROPERTY_RUNS ? 0 : 100_000,
  );
});
