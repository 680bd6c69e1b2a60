import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What `shoutu rules check --json` prints (placeholder of the contract; its stream fills it in). */
export const RulesCheckJson = z.looseObject({
  command: z.literal('rules check'),
  exitCode: z.int(),
  problems: z.array(ProblemJson),
});
