import type { ProblemCodeInfo } from './types.js';

/** Problem codes for evaluating days and the published record (E). */
export const RUN_CODES: readonly ProblemCodeInfo[] = [];
