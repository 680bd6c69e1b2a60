import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What `shoutu explain --json` prints (placeholder of the contract; its stream fills it in). */
export const ExplainJson = z.looseObject({
  command: z.literal('explain'),
  exitCode: z.int(),
  problems: z.array(ProblemJson),
});
