import { factsOf, formOfFact, type Rule } from '@shoutu/core';
import { Engine, Rule as EngineRule } from 'json-rules-engine';

/** A rule ready to run: its own json-rules-engine instance and the forms its facts come from. */
export interface CompiledRule {
  rule: Rule;
  engine: Engine;
  facts: string[];
  forms: string[];
}

export function compileRule(rule: Rule): CompiledRule {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  engine.addRule(
    new EngineRule({
      name: rule.id,
      // Conditions are passed unchanged: the schema has already refused `path` and unknown keys.
      conditions: rule.conditions as never,
      event: { type: rule.id },
    }),
  );
  const facts = factsOf(rule.conditions);
  const forms = [
    ...new Set(facts.map(formOfFact).filter((f): f is string => f !== undefined)),
  ].sort();
  return { rule, engine, facts, forms };
}

export function appliesTo(rule: Rule, subject: { level?: string; placeType?: string }): boolean {
  const a = rule.appliesTo;
  return a.kind === 'territory'
    ? subject.level === a.level
    : subject.placeType !== undefined && a.placeTypes.includes(subject.placeType);
}

export function effectiveOn(rule: Rule, day: string): boolean {
  return (
    rule.effective.from <= day && (rule.effective.to === undefined || day <= rule.effective.to)
  );
}
