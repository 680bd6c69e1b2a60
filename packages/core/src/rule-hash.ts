import { createHash } from 'node:crypto';
import { type SharedLookup, walkConditions } from './conditions.js';
import type { NestedCondition, Rule } from './rule.js';

/**
 * The hash of what a rule decides: its conditions (with every shared condition they name, as it
 * is now), whom it applies to (`appliesTo`) and what a missing report means (`missing`). Titles,
 * words, deadlines and sources are left out: changing them needs no new `version`. `rules check`
 * compares this with the hash stamped on the latest snapshot (`contentHash` of the rule in the
 * results) and says when a rule decides differently under the same version.
 *
 * Keys are sorted before hashing, so reformatting a rule file never changes its hash.
 */
export function ruleContentHash(
  rule: Pick<Rule, 'conditions' | 'appliesTo' | 'missing'>,
  shared: SharedLookup = new Map(),
): string {
  const used = new Map<string, NestedCondition>();
  walkConditions(
    rule.conditions as NestedCondition,
    { enterShared: (name, target) => void used.set(name, target) },
    shared,
  );
  const body = {
    appliesTo: rule.appliesTo,
    missing: rule.missing,
    conditions: rule.conditions,
    shared: Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** JSON with every object's keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
