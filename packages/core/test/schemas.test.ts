import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { jsonSchemas } from '@shoutu/core';
import { expect, test } from 'vitest';

test('the committed JSON Schemas are generated from the zod schemas (run `pnpm shoutu schemas`)', async () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    const committed = await readFile(path.join(import.meta.dirname, '..', 'schemas', name), 'utf8');
    expect(JSON.parse(committed), name).toEqual(JSON.parse(JSON.stringify(schema)));
  }
});
