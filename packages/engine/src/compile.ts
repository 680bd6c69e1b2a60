import {
  type Form,
  factsOf,
  formsNeededToday,
  inForceBetween,
  type Rule,
  type TopLevelCondition,
} from '@shoutu/core';
import { Engine, Rule as EngineRule } from 'json-rules-engine';
import { type DerivedSpec, derivedFacts } from './derived.js';
import { resolvePlainPath } from './path.js';

/** A rule ready to run: its own json-rules-engine instance and the forms its facts come from. */
export interface CompiledRule {
  rule: Rule;
  engine: Engine;
  facts: string[];
  forms: string[];
  /** The shared conditions the rule's engine knows, by name. */
  shared: ReadonlyMap<string, TopLevelCondition>;
  /** Derived facts the rule reads, computed from reports before each run. */
  derived: ReadonlyMap<string, DerivedSpec>;
}

/**
 * Gives a rule an engine of its own, with the shared conditions it may name and the plain-path
 * resolver; json-rules-engine's own resolver (jsonpath-plus) is never used.
 */
export function compileRule(
  rule: Rule,
  shared: ReadonlyMap<string, TopLevelCondition> = new Map(),
  /** The forms, for derived facts and for which reports of the day the rule needs. */
  forms: ReadonlyMap<string, Form> = new Map(),
): CompiledRule {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    replaceFactsInEventParams: false,
    pathResolver: resolvePlainPath,
  });
  for (const [name, conditions] of shared) engine.setCondition(name, conditions as never);
  engine.addRule(
    new EngineRule({
      name: rule.id,
      // Conditions are passed unchanged: the schema has refused unknown keys and any `path` that is
      // not plain, and our resolver reads plain paths.
      conditions: rule.conditions as never,
      event: { type: rule.id },
    }),
  );
  const facts = factsOf(rule.conditions, shared);
  return {
    rule,
    engine,
    facts,
    forms: formsNeededToday(facts, forms),
    shared,
    derived: derivedFacts(facts, forms),
  };
}

export function appliesTo(rule: Rule, subject: { level?: string; placeType?: string }): boolean {
  const a = rule.appliesTo;
  return a.kind === 'territory'
    ? subject.level === a.level
    : subject.placeType !== undefined && a.placeTypes.includes(subject.placeType);
}

export function effectiveOn(rule: Rule, day: string): boolean {
  return inForceBetween(rule.effective.from, rule.effective.to, day);
}

type OperatorMaps = {
  operators: { operators: Map<string, unknown>; decorators: Map<string, unknown> };
};
let reference: OperatorMaps | undefined;

/**
 * Whether a rule's engine still has json-rules-engine's own operators and decorators (none
 * replaced or removed): only then may a compiled check stand in for it.
 */
export function hasDefaultOperators(engine: Engine): boolean {
  reference ??= new Engine() as unknown as OperatorMaps;
  const mine = (engine as unknown as OperatorMaps).operators;
  const ref = reference.operators;
  for (const [name, op] of ref.operators) if (mine.operators.get(name) !== op) return false;
  for (const [name, d] of ref.decorators) if (mine.decorators.get(name) !== d) return false;
  return true;
}
