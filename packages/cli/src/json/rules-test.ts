import { z } from 'zod';
import { ProblemJson } from './problem.js';

const Outcome = z.enum(['pass', 'fail', 'missing', 'waived', 'not-applicable', 'error']);

/**
 * What `shoutu rules test --json` prints (docs/design/authors.md §3, §4): the cases counted, each
 * rule version with its coverage, each case that did not give its expected outcome, and the
 * problems (mistakes in test files, rules without a test file, and what the rules' loading found).
 */
export const RulesTestJson = z.strictObject({
  command: z.literal('rules test'),
  /** The exit code: 0 every case as expected and coverage at the minimum; 1 otherwise. */
  exitCode: z.int(),
  cases: z.strictObject({
    /** Cases that ran. */
    run: z.int().min(0),
    /** Cases that ran and gave the outcome they expect. */
    passed: z.int().min(0),
    failed: z.int().min(0),
    /** Cases that did not run: in an invalid test file, or with a mistake of their own. */
    notRun: z.int().min(0),
    /** Test files that could not be read as JSON: their cases are not run and not counted. */
    uncountedFiles: z.int().min(0),
  }),
  /** The least coverage (percent) each rule needs, from rules/rules.config.json (100 without it). */
  minimumCoverage: z.number().min(0).max(100),
  /** Every version of every rule, by id. */
  rules: z.array(
    z.strictObject({
      id: z.string(),
      version: z.int().min(1).optional(),
      /** Percent of what the tests should exercise that they did. */
      coverage: z.number().min(0).max(100),
      /** What they missed, in words: "no failing case", "condition all[1] never false". */
      gaps: z.array(z.string()),
      /** The rule file. */
      file: z.string(),
      /** False when no test file tests it. */
      tested: z.boolean(),
      belowMinimum: z.boolean(),
    }),
  ),
  failures: z.array(
    z.strictObject({
      rule: z.string(),
      /** The version the case ran against, when the rule has several. */
      version: z.int().min(1).optional(),
      case: z.string(),
      /** The test file, and the line where the case begins. */
      file: z.string(),
      line: z.int().min(1).optional(),
      expected: z.enum(['pass', 'fail', 'missing', 'not-applicable']),
      actual: Outcome,
      /** The conditions that decided the outcome, in words. */
      why: z.string(),
    }),
  ),
  problems: z.array(ProblemJson),
});
