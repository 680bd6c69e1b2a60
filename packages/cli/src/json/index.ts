import { z } from 'zod';
import { EvaluateJson } from './evaluate.js';
import { ExplainJson } from './explain.js';
import { RulesCheckJson } from './rules-check.js';
import { RulesTestJson } from './rules-test.js';
import { ValidateJson } from './validate.js';

export { ProblemJson } from './problem.js';

/**
 * The `--json` output of each command, by file name in `packages/cli/schemas/`; `shoutu schemas`
 * writes them, and a test checks that every command's output validates against its schema.
 */
export const OUTPUT_SCHEMAS = {
  'rules-check.output.schema.json': RulesCheckJson,
  'rules-test.output.schema.json': RulesTestJson,
  'validate.output.schema.json': ValidateJson,
  'evaluate.output.schema.json': EvaluateJson,
  'explain.output.schema.json': ExplainJson,
} as const;

export function outputJsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(OUTPUT_SCHEMAS).map(([name, schema]) => [
      name,
      { $id: name, ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) },
    ]),
  );
}
