import { z } from 'zod';
import { Form } from './form.js';
import { Project } from './project.js';
import { RegistryFile } from './registry-schema.js';
import { CityResults, DistrictResults } from './result.js';
import { Rule, SharedCondition } from './rule.js';
import { RulesConfig, RuleTestFile } from './rule-test.js';
import { ScoringMethod } from './scoring.js';
import { WaiverFile } from './waiver.js';

/** The JSON Schemas written to `packages/core/schemas/` for editors, keyed by file name. */
export function jsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
  });
  return {
    'project.schema.json': gen(Project, 'Shoutu project'),
    'registry.schema.json': gen(RegistryFile, 'Shoutu registry file'),
    'form.schema.json': gen(Form, 'Shoutu report form'),
    'rule.schema.json': gen(Rule, 'Shoutu rule'),
    'rule-test.schema.json': gen(RuleTestFile, 'Shoutu rule test'),
    'shared-condition.schema.json': gen(SharedCondition, 'Shoutu shared condition'),
    'rules-config.schema.json': gen(RulesConfig, 'Shoutu rules settings'),
    'scoring.schema.json': gen(ScoringMethod, 'Shoutu scoring method'),
    'waivers.schema.json': gen(WaiverFile, 'Shoutu waivers'),
    'city-results.schema.json': gen(CityResults, 'Shoutu results of one day (city)'),
    'district-results.schema.json': gen(DistrictResults, 'Shoutu results of one day (district)'),
  };
}
