import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What `shoutu rules check --json` prints: counts, the exit code it gives, and every problem. */
export const RulesCheckJson = z.strictObject({
  command: z.literal('rules check'),
  /** 0 clean; 1 errors, or warnings beyond `--max-warnings` / under `--strict`; 2 could not run. */
  exitCode: z.int(),
  /** Rule files found (also those that did not load). */
  rules: z.int().min(0),
  errors: z.int().min(0),
  warnings: z.int().min(0),
  problems: z.array(ProblemJson),
});
export type RulesCheckJson = z.infer<typeof RulesCheckJson>;
