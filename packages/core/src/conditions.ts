import type { ConditionReference, LeafCondition, NestedCondition } from './rule.js';

/** Where a node stands in a condition tree: `['conditions', 'all', 0, 'not']`. */
export type ConditionPath = readonly (string | number)[];

/** The shared conditions a tree may name: by a map, or a function that looks them up. */
export type SharedLookup =
  | ReadonlyMap<string, NestedCondition>
  | ((name: string) => NestedCondition | undefined);

export interface ConditionVisitor {
  /** A comparison `{ fact, operator, value }`. `chain` names the shared conditions it is inside. */
  leaf?(c: LeafCondition, path: ConditionPath, chain: readonly string[]): void;
  /** An `all`, `any` or `not` node, before its children. */
  group?(c: NestedCondition, kind: 'all' | 'any' | 'not', path: ConditionPath): void;
  /**
   * A reference `{ condition: name }`: `problem` says why it is not followed (no such shared
   * condition, or one that names itself through `chain`). Followed otherwise.
   */
  reference?(
    c: ConditionReference,
    path: ConditionPath,
    problem: 'unknown' | 'cycle' | undefined,
    chain: readonly string[],
  ): void;
  /** Entering and leaving a shared condition that is followed. */
  enterShared?(name: string, target: NestedCondition): void;
  leaveShared?(name: string): void;
}

export interface WalkOptions {
  /** The path of the tree's root; `[]` by default. */
  path?: ConditionPath;
  /**
   * Paths inside a followed shared condition: "continue" from the reference (as json-rules-engine
   * puts the shared condition in its place: rule-test coverage), or "restart" at `['conditions']`
   * of the shared file (rule checks, whose problems name that file).
   */
  sharedPaths?: 'continue' | 'restart';
}

/**
 * How to fold a condition tree into a value, bottom up: what a compiler needs. `reference`
 * receives the folded shared condition, or undefined with the reason it is not followed.
 */
export interface ConditionFold<T> {
  leaf(c: LeafCondition, path: ConditionPath, chain: readonly string[]): T;
  all(c: NestedCondition & { all: NestedCondition[] }, children: T[], path: ConditionPath): T;
  any(c: NestedCondition & { any: NestedCondition[] }, children: T[], path: ConditionPath): T;
  not(c: NestedCondition & { not: NestedCondition }, inner: T, path: ConditionPath): T;
  reference(
    c: ConditionReference,
    inner: T | undefined,
    problem: 'unknown' | 'cycle' | undefined,
    path: ConditionPath,
  ): T;
}

/**
 * The one recursion over a condition tree: every node in order, shared conditions followed by
 * name where they are used, never into a cycle. `visit` sees each node on the way down (rule
 * checks, coverage, the facts a rule reads); `fold` builds a value on the way up (the compiler,
 * the plain closures). Everything that reads a condition tree goes through here.
 */
export function foldConditions<T>(
  tree: NestedCondition,
  fold: ConditionFold<T>,
  shared: SharedLookup = new Map(),
  options: WalkOptions = {},
  visit: ConditionVisitor = {},
): T {
  const lookup = typeof shared === 'function' ? shared : (name: string) => shared.get(name);
  const restart = options.sharedPaths === 'restart';
  const chain: string[] = [];
  const walk = (c: NestedCondition, path: ConditionPath): T => {
    if ('all' in c) {
      visit.group?.(c, 'all', path);
      return fold.all(
        c,
        c.all.map((x, i) => walk(x, [...path, 'all', i])),
        path,
      );
    }
    if ('any' in c) {
      visit.group?.(c, 'any', path);
      return fold.any(
        c,
        c.any.map((x, i) => walk(x, [...path, 'any', i])),
        path,
      );
    }
    if ('not' in c) {
      visit.group?.(c, 'not', path);
      return fold.not(c, walk(c.not, [...path, 'not']), path);
    }
    if ('condition' in c) {
      const target = lookup(c.condition);
      const problem = !target ? 'unknown' : chain.includes(c.condition) ? 'cycle' : undefined;
      visit.reference?.(c, path, problem, chain);
      if (problem || !target) return fold.reference(c, undefined, problem, path);
      chain.push(c.condition);
      visit.enterShared?.(c.condition, target);
      const inner = walk(target, restart ? ['conditions'] : path);
      visit.leaveShared?.(c.condition);
      chain.pop();
      return fold.reference(c, inner, undefined, path);
    }
    visit.leaf?.(c, path, chain);
    return fold.leaf(c, path, chain);
  };
  return walk(tree, options.path ?? []);
}

const NOTHING: ConditionFold<void> = {
  leaf: () => {},
  all: () => {},
  any: () => {},
  not: () => {},
  reference: () => {},
};

/**
 * Visits every node of a condition tree in order (the recursion of `foldConditions`), following
 * shared conditions by name where they are used, never into a cycle.
 */
export function walkConditions(
  tree: NestedCondition,
  visit: ConditionVisitor,
  shared: SharedLookup = new Map(),
  options: WalkOptions = {},
): void {
  foldConditions(tree, NOTHING, shared, options, visit);
}

/** A path as text: `all[0].not.any[1]` (the form rule-test coverage names conditions by). */
export function conditionPathText(path: ConditionPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
