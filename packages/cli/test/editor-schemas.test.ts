import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { factRows, factsMarkdown, projectSchemas } from '@shoutu/cli';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { REPO } from './helpers.js';

const read = async (rel: string) => JSON.parse(await readFile(path.join(REPO, rel), 'utf8'));

describe('editor schemas for rule files', () => {
  test('rules/*.schema.json list the facts of data/forms (run `pnpm shoutu schemas`)', async () => {
    const project = await projectSchemas(REPO);
    expect('schemas' in project).toBe(true);
    if (!('schemas' in project)) return;
    for (const [name, schema] of Object.entries(project.schemas))
      expect(await read(`rules/${name}`), name).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  test('rules/FACTS.md is the catalog of the current forms (run `pnpm shoutu schemas`)', async () => {
    const { rows, languages } = await factRows(REPO);
    expect(rows.length).toBeGreaterThan(40);
    expect(await readFile(path.join(REPO, 'rules/FACTS.md'), 'utf8')).toBe(
      factsMarkdown(rows, languages),
    );
  });

  test('an editor accepts the repository’s rules and flags an unknown fact', async () => {
    // Editors do not know VS Code's description keywords; strict mode would refuse them.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(await read('rules/rule.schema.json'));
    const files: string[] = [];
    for (const area of ['prevention', 'security', 'safety'])
      for (const f of await readdir(path.join(REPO, 'rules', area)))
        if (!f.endsWith('.test.json')) files.push(`rules/${area}/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(3);
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
});
