import {
  foldConditions,
  type LeafCondition,
  type NestedCondition,
  type TopLevelCondition,
} from '@shoutu/core';
import type { EvaluatedCondition } from './explain.js';
import { resolvePlainPath } from './path.js';

type Facts = Record<string, unknown>;
type Predicate = (facts: Facts) => boolean;
type Compare = (a: unknown, b: unknown) => boolean;

const isNumber = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';

/** json-rules-engine's built-in operators, with the same fact-value checks. */
const OPERATORS: Record<string, { test: Compare; accepts?: (v: unknown) => boolean }> = {
  equal: { test: (a, b) => a === b },
  notEqual: { test: (a, b) => a !== b },
  in: { test: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  notIn: { test: (a, b) => (b as unknown[]).indexOf(a) === -1 },
  contains: { test: (a, b) => (a as unknown[]).indexOf(b) > -1, accepts: Array.isArray },
  doesNotContain: { test: (a, b) => (a as unknown[]).indexOf(b) === -1, accepts: Array.isArray },
  lessThan: { test: (a, b) => (a as number) < (b as number), accepts: isNumber },
  lessThanInclusive: { test: (a, b) => (a as number) <= (b as number), accepts: isNumber },
  greaterThan: { test: (a, b) => (a as number) > (b as number), accepts: isNumber },
  greaterThanInclusive: { test: (a, b) => (a as number) >= (b as number), accepts: isNumber },
};

/** json-rules-engine's operator decorators, applied outside in. */
function decorate(name: string, inner: Compare): Compare {
  switch (name) {
    case 'not':
      return (a, b) => !inner(a, b);
    case 'swap':
      return (a, b) => inner(b, a);
    case 'someFact':
      return (a, b) => Array.isArray(a) && a.some((x) => inner(x, b));
    case 'everyFact':
      return (a, b) => Array.isArray(a) && a.every((x) => inner(x, b));
    case 'someValue':
      return (a, b) => Array.isArray(b) && b.some((y) => inner(a, y));
    case 'everyValue':
      return (a, b) => Array.isArray(b) && b.every((y) => inner(a, y));
    default:
      throw new Error(`unknown operator decorator "${name}"`);
  }
}

function operator(name: string): Compare {
  const parts = name.split(':');
  const base = OPERATORS[parts[parts.length - 1] as string];
  if (!base) throw new Error(`unknown operator "${name}"`);
  let op: Compare = (a, b) => (base.accepts === undefined || base.accepts(a)) && base.test(a, b);
  for (const d of parts.slice(0, -1).reverse()) op = decorate(d, op);
  return op;
}

/**
 * The same conditions as plain TypeScript closures, without json-rules-engine's almanac, events
 * and promises: the limit a benchmark measures the engine against. Built once per rule; nothing
 * from a rule file is turned into code.
 */
export function directPredicate(
  condition: TopLevelCondition | NestedCondition,
  shared: ReadonlyMap<string, TopLevelCondition> = new Map(),
): Predicate {
  const read = (facts: Facts, fact: string, path?: string) =>
    path === undefined ? facts[fact] : resolvePlainPath(facts[fact], path);
  return foldConditions<Predicate>(
    condition,
    {
      all: (_, parts) => (f) => parts.every((p) => p(f)),
      any: (_, parts) => (f) => parts.some((p) => p(f)),
      not: (_, inner) => (f) => !inner(f),
      reference: (c, inner) => {
        if (!inner) throw new Error(`no usable shared condition "${c.condition}"`);
        return inner;
      },
      leaf: (c) => {
        const op = operator(c.operator);
        const value = c.value;
        if (value !== null && typeof value === 'object' && !Array.isArray(value))
          return (f) => op(read(f, c.fact, c.path), read(f, value.fact, value.path));
        return (f) => op(read(f, c.fact, c.path), value);
      },
    },
    shared,
  );
}

// ---------------------------------------------------------------------------------------------
// The compiler: json-rules-engine's meaning, as closures over facts laid out by position.

/** Facts by position: slot `i` holds the value of the fact the layout gave index `i`. */
export type FactSlots = readonly unknown[];

type JreOperator = (factValue: unknown, jsonValue: unknown) => boolean;

const numberValidator = (factValue: unknown) =>
  // biome-ignore lint/suspicious/noExplicitAny: json-rules-engine's own test, on any value
  Number.parseFloat(factValue as any).toString() !== 'NaN';

/**
 * json-rules-engine 7's operators (engine-default-operators.js), written as it writes them: the
 * same expressions throw on the same values (`in` against a number, `someValue` on a string).
 */
// biome-ignore lint/suspicious/noExplicitAny: the operators work on whatever the facts hold
type Any = any;
const BASE_OPERATORS: ReadonlyMap<string, [(a: Any, b: Any) => boolean, ((a: Any) => boolean)?]> =
  new Map([
    ['equal', [(a, b) => a === b]],
    ['notEqual', [(a, b) => a !== b]],
    ['in', [(a, b) => b.indexOf(a) > -1]],
    ['notIn', [(a, b) => b.indexOf(a) === -1]],
    ['contains', [(a, b) => a.indexOf(b) > -1, Array.isArray]],
    ['doesNotContain', [(a, b) => a.indexOf(b) === -1, Array.isArray]],
    ['lessThan', [(a, b) => a < b, numberValidator]],
    ['lessThanInclusive', [(a, b) => a <= b, numberValidator]],
    ['greaterThan', [(a, b) => a > b, numberValidator]],
    ['greaterThanInclusive', [(a, b) => a >= b, numberValidator]],
  ]);

type Decorator = [(a: Any, b: Any, next: JreOperator) => boolean, ((a: Any) => boolean)?];
/** json-rules-engine 7's operator decorators (engine-default-operator-decorators.js). */
const DECORATOR_DEFS: ReadonlyMap<string, Decorator> = new Map<string, Decorator>([
  ['someFact', [(a, b, next) => a.some((fv: unknown) => next(fv, b)), Array.isArray]],
  ['someValue', [(a, b, next) => b.some((jv: unknown) => next(a, jv))]],
  ['everyFact', [(a, b, next) => a.every((fv: unknown) => next(fv, b)), Array.isArray]],
  ['everyValue', [(a, b, next) => b.every((jv: unknown) => next(a, jv))]],
  ['swap', [(a, b, next) => next(b, a)]],
  ['not', [(a, b, next) => !next(a, b)]],
]);

function withValidator(
  cb: (a: Any, b: Any) => boolean,
  validator: ((a: Any) => boolean) | undefined,
): JreOperator {
  return validator ? (a, b) => validator(a) && cb(a, b) : cb;
}

/**
 * An operator by name as json-rules-engine's OperatorMap finds it: decorators peeled off the
 * front until a known operator remains; undefined where json-rules-engine finds none.
 */
export function jreOperator(name: string): JreOperator | undefined {
  const decorators: Decorator[] = [];
  let opName = name;
  while (!BASE_OPERATORS.has(opName)) {
    const i = opName.indexOf(':');
    if (i <= 0) return undefined;
    const decorator = DECORATOR_DEFS.get(opName.slice(0, i));
    if (!decorator) return undefined;
    decorators.unshift(decorator);
    opName = opName.slice(i + 1);
  }
  const [cb, validator] = BASE_OPERATORS.get(opName) as [
    (a: Any, b: Any) => boolean,
    ((a: Any) => boolean)?,
  ];
  let op = withValidator(cb, validator);
  for (const [dcb, dvalidator] of decorators) {
    const next = op;
    op = withValidator((a, b) => dcb(a, b, next), dvalidator);
  }
  return op;
}

/** A compiled node: its outcome, evaluated exactly where json-rules-engine evaluates. */
type Test = (slots: FactSlots) => boolean;
/** The same node, building the tree json-rules-engine leaves after a run (for deciding conditions). */
type Trace = (slots: FactSlots) => EvaluatedCondition;

export interface CompiledConditions {
  /**
   * The outcome over the facts. Throws wherever json-rules-engine's run would reject (and maybe
   * elsewhere): the caller then asks json-rules-engine itself, for its exact message.
   */
  test: Test;
  /** The evaluated tree as json-rules-engine returns it, for `decidingConditions`. */
  trace: Trace;
}

interface Built {
  test: Test;
  trace: Trace;
  /** The priority json-rules-engine sorts the node by among its siblings. */
  priority: number;
}

/**
 * Compiles a rule's conditions, once, into closures that read facts by position (`slotOf` gives
 * a fact's slot). Nothing from a rule file becomes code: the closures are built from a fixed set.
 *
 * json-rules-engine's meaning, kept exactly (rule.js, condition.js, almanac.js):
 * - a list of one condition is evaluated alone; longer lists are split into priority sets,
 *   highest first (a condition's own `priority`, else 1), every condition of a set is evaluated,
 *   and later sets are not evaluated once the outcome is known (their nodes get no `result`);
 * - `not` negates its condition; a shared condition is evaluated in place of its reference;
 * - a `path` is resolved only in an object fact (else the fact's value is used as it is), a
 *   `value` of `{ fact }` is read like a fact, and an unknown fact is undefined.
 */
export function compileConditions(
  tree: TopLevelCondition | NestedCondition,
  shared: ReadonlyMap<string, TopLevelCondition>,
  slotOf: (fact: string) => number,
): CompiledConditions {
  // Boolean conditions always have a priority (default 1); a leaf or reference its own, else 1.
  const groupPriority = (c: NestedCondition) =>
    Number.parseInt(String((c as { priority?: unknown }).priority), 10) || 1;
  const build = (): Built =>
    foldConditions<Built>(
      tree,
      {
        all: (c, children) => ({ ...list('all', children), priority: groupPriority(c) }),
        any: (c, children) => ({ ...list('any', children), priority: groupPriority(c) }),
        not: (c, inner) => ({
          priority: groupPriority(c),
          test: (s) => !inner.test(s),
          trace: (s) => {
            const node = inner.trace(s);
            return { not: node, result: !(node.result === true) };
          },
        }),
        reference: (c, inner) => {
          const priority = (c.priority as number | undefined) || 1;
          if (!inner) {
            const fail = () => {
              throw new Error(`the shared condition "${c.condition}" cannot be evaluated`);
            };
            return { priority, test: fail, trace: fail };
          }
          return { priority, test: inner.test, trace: inner.trace };
        },
        leaf: (c) => ({ ...leaf(c), priority: c.priority === undefined ? 1 : c.priority || 1 }),
      },
      shared,
    );

  const read = (fact: string, path: string | undefined): Test | ((s: FactSlots) => unknown) => {
    const slot = slotOf(fact);
    if (path === undefined || path === '') return (s) => s[slot];
    return (s) => {
      const v = s[slot];
      return v != null && typeof v === 'object' ? resolvePlainPath(v, path) : v;
    };
  };

  const leaf = (c: LeafCondition): Omit<Built, 'priority'> => {
    const op = jreOperator(c.operator);
    if (!op) {
      const fail = () => {
        throw new Error(`Unknown operator: ${c.operator}`);
      };
      return { test: fail, trace: fail };
    }
    const lhs = read(c.fact, c.path) as (s: FactSlots) => unknown;
    const value = c.value as unknown;
    const rhs: (s: FactSlots) => unknown =
      value != null && typeof value === 'object' && Object.hasOwn(value, 'fact')
        ? (read((value as { fact: string }).fact, (value as { path?: string }).path) as (
            s: FactSlots,
          ) => unknown)
        : () => value;
    return {
      test: (s) => op(lhs(s), rhs(s)),
      trace: (s) => {
        const factResult = lhs(s);
        const valueResult = rhs(s);
        return {
          fact: c.fact,
          operator: c.operator,
          value: c.value,
          factResult,
          valueResult,
          result: op(factResult, valueResult),
        };
      },
    };
  };

  const list = (kind: 'all' | 'any', children: Built[]): Omit<Built, 'priority'> => {
    const every = kind === 'all';
    if (children.length === 0)
      return { test: () => true, trace: () => ({ [kind]: [], result: true }) };
    if (children.length === 1) {
      const only = children[0] as Built;
      return {
        test: only.test,
        trace: (s) => {
          const node = only.trace(s);
          return { [kind]: [node], result: node.result === true };
        },
      };
    }
    // Priority sets, highest first; within a set, the written order.
    const byPriority = new Map<number, number[]>();
    children.forEach((child, i) => {
      const set = byPriority.get(child.priority) ?? [];
      set.push(i);
      byPriority.set(child.priority, set);
    });
    const order = [...byPriority.keys()]
      .sort((a, b) => b - a)
      .map((p) => byPriority.get(p) as number[]);
    const sets = order.map((set) => {
      const tests = set.map((i) => (children[i] as Built).test);
      return every ? allOf(tests) : anyOf(tests);
    });
    const test: Test =
      sets.length === 1
        ? (sets[0] as Test)
        : (s) => {
            for (const set of sets) {
              const r = set(s);
              if (r !== every) return r;
            }
            return every;
          };
    const trace: Trace = (s) => {
      const nodes: (EvaluatedCondition | undefined)[] = children.map(() => undefined);
      let outcome = every;
      for (const set of order) {
        let r = every;
        for (const i of set) {
          const node = (children[i] as Built).trace(s);
          nodes[i] = node;
          if (every ? node.result !== true : node.result === true) r = !every;
        }
        if (r !== every) {
          outcome = r;
          break;
        }
      }
      return {
        // A node json-rules-engine did not evaluate has no `result`: no outcome is read from it.
        [kind]: nodes.map((n) => n ?? {}),
        result: outcome,
      };
    };
    return { test, trace };
  };

  const root = build();
  return { test: root.test, trace: root.trace };
}

/** Every test of a set is run (as json-rules-engine's Promise.all does), then all must hold. */
function allOf(tests: readonly Test[]): Test {
  const n = tests.length;
  return (s) => {
    let ok = true;
    for (let i = 0; i < n; i++) if ((tests[i] as Test)(s) !== true) ok = false;
    return ok;
  };
}

function anyOf(tests: readonly Test[]): Test {
  const n = tests.length;
  return (s) => {
    let ok = false;
    for (let i = 0; i < n; i++) if ((tests[i] as Test)(s) === true) ok = true;
    return ok;
  };
}
