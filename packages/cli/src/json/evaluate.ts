import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What `shoutu evaluate --json` prints (placeholder of the contract; its stream fills it in). */
export const EvaluateJson = z.looseObject({
  command: z.literal('evaluate'),
  exitCode: z.int(),
  problems: z.array(ProblemJson),
});
