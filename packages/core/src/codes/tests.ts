import type { ProblemCodeInfo } from './types.js';

/** Problem codes for rule tests (T) and rule versions (V). */
export const TESTS_CODES: readonly ProblemCodeInfo[] = [];
