import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What `shoutu rules test --json` prints (placeholder of the contract; its stream fills it in). */
export const RulesTestJson = z.looseObject({
  command: z.literal('rules test'),
  exitCode: z.int(),
  problems: z.array(ProblemJson),
});
