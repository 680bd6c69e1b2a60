import type { NestedCondition, TopLevelCondition } from '@shoutu/core';
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
  const build = (c: NestedCondition, seen: readonly string[]): Predicate => {
    if ('all' in c) {
      const parts = c.all.map((x) => build(x, seen));
      return (f) => parts.every((p) => p(f));
    }
    if ('any' in c) {
      const parts = c.any.map((x) => build(x, seen));
      return (f) => parts.some((p) => p(f));
    }
    if ('not' in c) {
      const inner = build(c.not, seen);
      return (f) => !inner(f);
    }
    if ('condition' in c) {
      const target = shared.get(c.condition);
      if (!target || seen.includes(c.condition))
        throw new Error(`no usable shared condition "${c.condition}"`);
      return build(target, [...seen, c.condition]);
    }
    const op = operator(c.operator);
    const read = (facts: Facts, fact: string, path?: string) =>
      path === undefined ? facts[fact] : resolvePlainPath(facts[fact], path);
    const value = c.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return (f) => op(read(f, c.fact, c.path), read(f, value.fact, value.path));
    return (f) => op(read(f, c.fact, c.path), value);
  };
  return build(condition, []);
}
