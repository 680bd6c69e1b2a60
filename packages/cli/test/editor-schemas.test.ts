import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { factRows, factsMarkdown, projectSchemas } from '@shoutu/cli';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { FIXTURES } from './helpers.js';

const MINI = path.join(FIXTURES, 'mini');
const read = async (rel: string) => JSON.parse(await readFile(path.join(MINI, rel), 'utf8'));

/** The rule files of a project: `rules/<area>/*.json` but the tests, whatever its areas are. */
async function ruleFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const area of await readdir(path.join(root, 'rules'), { withFileTypes: true }))
    if (area.isDirectory() && area.name !== 'conditions')
      for (const f of await readdir(path.join(root, 'rules', area.name)))
        if (f.endsWith('.json') && !f.endsWith('.test.json')) files.push(`rules/${area.name}/${f}`);
  return files.sort();
}

describe('editor schemas for rule files (the mini fixture)', () => {
  test('an editor accepts the project’s rules and flags an unknown fact', async () => {
    const project = await projectSchemas(MINI);
    if (!('schemas' in project)) throw new Error(JSON.stringify(project.problems));
    // Editors do not know VS Code's description keywords; strict mode would refuse them.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(project.schemas['rule.schema.json'] as object);
    const files = await ruleFiles(MINI);
    expect(files).toEqual(['rules/prevention/grid-screening.json']);
    for (const f of files)
      expect(validate(await read(f)), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    const rule = await read('rules/prevention/grid-screening.json');
    rule.conditions.all[0].fact = 'grid-daily.household_visited';
    expect(validate(rule)).toBe(false);
    expect(
      validate.errors?.some(
        (e) => e.keyword === 'enum' && e.instancePath === '/conditions/all/0/fact',
      ),
    ).toBe(true);
  });

  test('the fact catalog lists the facts of the forms and never a personal field', async () => {
    const { rows, problems, languages } = await factRows(MINI);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const names = rows.map((r) => r.name);
    expect(names).toContain('grid-daily.households_visited');
    expect(names).toContain('street-duty.leading_cadre_on_shift');
    expect(names).not.toContain('grid-daily.reporter_phone');
    expect(factsMarkdown(rows, languages)).toContain('grid-daily.households_visited');
  });
});
