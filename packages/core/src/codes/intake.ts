import type { ProblemCodeInfo } from './types.js';

/** Problem codes for workbooks and encodings of reports (X). */
export const INTAKE_CODES: readonly ProblemCodeInfo[] = [];
