import type { ProblemCodeInfo } from './types.js';

/** Problem codes for words that were renamed or retired (N). */
export const WORDS_CODES: readonly ProblemCodeInfo[] = [];
