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
 * The one walker of a condition tree: visits every node in order, following shared conditions
 * by name where they are used, never into a cycle.
 */
export function walkConditions(
  tree: NestedCondition,
  visit: ConditionVisitor,
  shared: SharedLookup = new Map(),
  options: WalkOptions = {},
): void {
  const lookup = typeof shared === 'function' ? shared : (name: string) => shared.get(name);
  const restart = options.sharedPaths === 'restart';
  const chain: string[] = [];
  const walk = (c: NestedCondition, path: ConditionPath): void => {
    if ('all' in c) {
      visit.group?.(c, 'all', path);
      c.all.forEach((x, i) => {
        walk(x, [...path, 'all', i]);
      });
    } else if ('any' in c) {
      visit.group?.(c, 'any', path);
      c.any.forEach((x, i) => {
        walk(x, [...path, 'any', i]);
      });
    } else if ('not' in c) {
      visit.group?.(c, 'not', path);
      walk(c.not, [...path, 'not']);
    } else if ('condition' in c) {
      const target = lookup(c.condition);
      const problem = !target ? 'unknown' : chain.includes(c.condition) ? 'cycle' : undefined;
      visit.reference?.(c, path, problem, chain);
      if (problem || !target) return;
      chain.push(c.condition);
      visit.enterShared?.(c.condition, target);
      walk(target, restart ? ['conditions'] : path);
      visit.leaveShared?.(c.condition);
      chain.pop();
    } else visit.leaf?.(c, path, chain);
  };
  walk(tree, options.path ?? []);
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
