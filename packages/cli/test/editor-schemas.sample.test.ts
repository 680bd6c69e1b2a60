/**
 * SAMPLE TEST: checks the repository's committed sample (data/ and rules/), not the code alone:
 * that the editor schemas and the fact catalog committed in rules/ are those of data/forms. It
 * fails when another project is put in data/ and rules/ without `pnpm shoutu schemas`; every other
 * test runs on fixtures.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { factRows, factsMarkdown, projectSchemas } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { REPO } from './helpers.js';

const read = async (rel: string) => JSON.parse(await readFile(path.join(REPO, rel), 'utf8'));

describe('editor schemas for rule files: the committed sample', () => {
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
});
