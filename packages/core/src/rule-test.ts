import { z } from 'zod';
import { IsoDate } from './dates.js';

/** One case of a rule test: report values for a subject, and the outcome the author expects. */
export const RuleTestCase = z.strictObject({
  name: z.string().min(1),
  /** The day judged; by default the first day the rule is in force. */
  date: IsoDate.optional(),
  /**
   * Facts by name, as a report and the registry would give them. Leave out every fact of a form
   * to test a missing report.
   */
  facts: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  expect: z.enum(['pass', 'fail', 'missing', 'not-applicable']),
});
export type RuleTestCase = z.infer<typeof RuleTestCase>;

/** `rules/<area>/<name>.test.json`, beside the rule it tests (in the style of `opa test`). */
export const RuleTestFile = z.strictObject({
  $schema: z.string().optional(),
  rule: z.string().min(1),
  cases: z.array(RuleTestCase).min(1, 'expected at least one case'),
});
export type RuleTestFile = z.infer<typeof RuleTestFile>;

/** `rules/rules.config.json`: settings for policy authors' tooling. */
export const RulesConfig = z.strictObject({
  $schema: z.string().optional(),
  tests: z.strictObject({
    /**
     * Least share (percent) of test coverage, over every rule: each rule needs a passing and a
     * failing case, and every condition must be seen both true and false.
     */
    minimumCoverage: z.number().min(0).max(100),
  }),
});
export type RulesConfig = z.infer<typeof RulesConfig>;

/**
 * The name a rule test file should have when `file` (a path below the rules folder) is a near
 * miss of `<name>.test.json`: `.tests.json`, `.spec.json`, `-test.json`, `_test.json`,
 * `.Test.JSON` …; undefined for any other name, `<name>.test.json` itself included. Such a file
 * would otherwise be read as a rule and give a dozen errors for one slip of the name.
 */
export function misnamedTestFile(file: string): string | undefined {
  if (file.endsWith('.test.json')) return undefined;
  const m = /^(.*[^/._-])[._-](?:tests?|specs?)\.json$/i.exec(file);
  return m ? `${m[1]}.test.json` : undefined;
}
