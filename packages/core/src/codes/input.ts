import type { ProblemCodeInfo } from './types.js';

/** Problem codes for JSON syntax (J), shapes of files (S), rules (R), registry (G), forms (F), project and configuration (P), scoring (C), report data (D), waivers (W). */
export const INPUT_CODES: readonly ProblemCodeInfo[] = [];
