import { LIMITS } from './limits.js';
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
   * condition, one that names itself through `chain`, or one that would go too deep or multiply
   * the conditions past bounds). Followed otherwise.
   */
  reference?(
    c: ConditionReference,
    path: ConditionPath,
    problem: ReferenceProblem | undefined,
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
    problem: ReferenceProblem | undefined,
    path: ConditionPath,
  ): T;
}

/**
 * Why a reference is not followed: no such shared condition, one that names itself through the
 * chain, or one that would take the conditions past `LIMITS.jsonDepth` levels or past
 * `EXPANDED_CONDITIONS` conditions in all (shared conditions that use each other several times
 * multiply).
 */
export type ReferenceProblem = 'unknown' | 'cycle' | 'too-deep' | 'too-many';

/** The most conditions one tree may stand for, its shared conditions written out in place. */
export const EXPANDED_CONDITIONS = 10_000;

type Frame<T> =
  | {
      kind: 'all' | 'any';
      c: NestedCondition;
      items: NestedCondition[];
      path: ConditionPath;
      results: T[];
    }
  | { kind: 'not'; c: NestedCondition & { not: NestedCondition }; path: ConditionPath }
  | { kind: 'ref'; c: ConditionReference; path: ConditionPath };

/**
 * The one walk over a condition tree: every node in order, shared conditions followed by name
 * where they are used, never into a cycle. `visit` sees each node on the way down (rule checks,
 * coverage, the facts a rule reads); `fold` builds a value on the way up (the compiler, the plain
 * closures). Everything that reads a condition tree goes through here. It keeps its own stack
 * rather than recursing, so no tree (shared conditions written out included) overflows the
 * call stack; a reference that would go deeper than `LIMITS.jsonDepth` levels, or past
 * `EXPANDED_CONDITIONS` conditions, is not followed and says so.
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
  const stack: Frame<T>[] = [];
  let nodes = 0;
  let next: { c: NestedCondition; path: ConditionPath } | undefined = {
    c: tree,
    path: options.path ?? [],
  };
  for (;;) {
    // Down: from `next` to the first node with a value of its own.
    const { c, path } = next as { c: NestedCondition; path: ConditionPath };
    next = undefined;
    nodes++;
    let out: T;
    if ('all' in c || 'any' in c) {
      const kind = 'all' in c ? 'all' : 'any';
      const items = 'all' in c ? c.all : (c as { any: NestedCondition[] }).any;
      visit.group?.(c, kind, path);
      if (items.length > 0) {
        stack.push({ kind, c, items, path, results: [] });
        next = { c: items[0] as NestedCondition, path: [...path, kind, 0] };
        continue;
      }
      out =
        kind === 'all'
          ? fold.all(c as NestedCondition & { all: NestedCondition[] }, [], path)
          : fold.any(c as NestedCondition & { any: NestedCondition[] }, [], path);
    } else if ('not' in c) {
      visit.group?.(c, 'not', path);
      stack.push({ kind: 'not', c, path });
      next = { c: c.not, path: [...path, 'not'] };
      continue;
    } else if ('condition' in c) {
      const target = lookup(c.condition);
      const problem: ReferenceProblem | undefined = !target
        ? 'unknown'
        : chain.includes(c.condition)
          ? 'cycle'
          : stack.length >= LIMITS.jsonDepth
            ? 'too-deep'
            : nodes >= EXPANDED_CONDITIONS
              ? 'too-many'
              : undefined;
      visit.reference?.(c, path, problem, chain);
      if (problem || !target) out = fold.reference(c, undefined, problem, path);
      else {
        chain.push(c.condition);
        visit.enterShared?.(c.condition, target);
        stack.push({ kind: 'ref', c, path });
        next = { c: target, path: restart ? ['conditions'] : path };
        continue;
      }
    } else {
      visit.leaf?.(c, path, chain);
      out = fold.leaf(c, path, chain);
    }
    // Up: hand the value to the nodes waiting for it, until one has another child to walk.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) return out;
      if (top.kind === 'all' || top.kind === 'any') {
        top.results.push(out);
        const i = top.results.length;
        if (i < top.items.length) {
          next = { c: top.items[i] as NestedCondition, path: [...top.path, top.kind, i] };
          break;
        }
        stack.pop();
        out =
          top.kind === 'all'
            ? fold.all(top.c as NestedCondition & { all: NestedCondition[] }, top.results, top.path)
            : fold.any(
                top.c as NestedCondition & { any: NestedCondition[] },
                top.results,
                top.path,
              );
      } else if (top.kind === 'not') {
        stack.pop();
        out = fold.not(top.c, out, top.path);
      } else {
        const ref = top.c as ConditionReference;
        stack.pop();
        visit.leaveShared?.(ref.condition);
        chain.pop();
        out = fold.reference(ref, out, undefined, top.path);
      }
    }
  }
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

/**
 * Every fact a condition tree reads, including facts compared against and the facts of the
 * shared conditions it names (`shared`, by name).
 */
export function factsOf(condition: NestedCondition, shared: SharedLookup = new Map()): string[] {
  const out = new Set<string>();
  walkConditions(
    condition,
    {
      leaf: (c) => {
        out.add(c.fact);
        if (c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value))
          out.add(c.value.fact);
      },
    },
    shared,
  );
  return [...out].sort();
}
