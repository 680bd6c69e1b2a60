import { INPUT_CODES } from './input.js';
import { INTAKE_CODES } from './intake.js';
import { RUN_CODES } from './run.js';
import { TESTS_CODES } from './tests.js';
import type { ProblemCodeInfo } from './types.js';
import { WORDS_CODES } from './words.js';

export type { ProblemCodeInfo } from './types.js';

/**
 * Every problem code, by the letter after `SHOUTU-`: J JSON syntax, S shape of a file, R rules,
 * G registry, F forms, P project and configuration, C scoring, D report data, W waivers, T rule
 * tests, V rule versions, X workbooks and encodings, E evaluating and the record, N renamed words.
 */
export const PROBLEM_CODES: readonly ProblemCodeInfo[] = [
  ...INPUT_CODES,
  ...TESTS_CODES,
  ...INTAKE_CODES,
  ...RUN_CODES,
  ...WORDS_CODES,
];

export function problemCodeInfo(code: string): ProblemCodeInfo | undefined {
  return PROBLEM_CODES.find((c) => c.code === code);
}
