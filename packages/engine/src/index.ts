/**
 * What @shoutu/engine publishes: compiling rules, evaluating a day, scoring, building results,
 * running rule tests, and the types of their inputs and outputs. Everything else is internal.
 * Stream G of issue 13 turned `export *` into this list (docs/design/authors.md §7); another stream
 * adds its exports in a block of its own, below, with a comment naming it.
 */
export { appliesTo, type CompiledRule, compileRule, effectiveOn } from './compile.js';
export { computeDerived, type DerivedSpec, derivedFacts } from './derived.js';
export { type CompiledConditions, compileConditions, directPredicate } from './direct.js';
export {
  type DayInput,
  evaluateDay,
  evaluateOne,
  factsFor,
  type GatheredFacts,
  type NotGathered,
  type Subject,
  subjectsOn,
} from './evaluate.js';
export { decidingConditions, type EvaluatedCondition } from './explain.js';
export { ReportIndex, type ReportSource } from './report-index.js';
export {
  buildResults,
  type DayResults,
  emptyInputStats,
  type InputStats,
  type ResultsInput,
  snapshotOf,
  sumInputStats,
} from './results.js';
export {
  type CaseOutcome,
  coverageGaps,
  coveragePercent,
  emptyCoverage,
  type RuleCoverage,
  runCase,
} from './rule-test.js';
export { checkedScore, dueOf, Tally } from './score.js';
export { type DaySnapshot, fittedChange, type History, streakKey, trendOf } from './trend.js';
export { applyWaivers } from './waivers.js';
