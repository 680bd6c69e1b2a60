export * from './codes/index.js';
export * from './dates.js';
export * from './explain.js';
export * from './facts.js';
// Stream B (issue 13: rule tests, derived facts, versions). Also reached by `export *` above
// until the explicit lists replace it.
export { derivedFrom } from './facts.js';
export * from './form.js';
export * from './issue-text.js';
export * from './json-source.js';
export * from './limits.js';
export * from './problem.js';
export * from './project.js';
export * from './registry.js';
export * from './registry-schema.js';
export * from './report.js';
export * from './responsibility.js';
export * from './result.js';
export * from './rule.js';
export * from './rule-check.js';
export * from './rule-hash.js';
export * from './rule-test.js';
export * from './schemas.js';
export * from './scoring.js';
export * from './text.js';
export * from './units.js';
export * from './waiver.js';
