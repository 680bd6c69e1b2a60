export * from './compile.js';
export * from './evaluate.js';
export * from './explain.js';
export * from './path.js';
export * from './report-index.js';
export * from './results.js';
export * from './rule-test.js';
export * from './score.js';
