import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What `shoutu validate --json` prints (placeholder of the contract; its stream fills it in). */
export const ValidateJson = z.looseObject({
  command: z.literal('validate'),
  exitCode: z.int(),
  problems: z.array(ProblemJson),
});
