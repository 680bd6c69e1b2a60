import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jsonSchemas } from '@shoutu/core';
import { toJson } from '../files.js';
import type { Output } from '../output.js';

/** Writes the JSON Schemas that data and rule files name in `$schema`. */
export async function writeSchemas(o: Output, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas()))
    await writeFile(path.join(dir, name), toJson(schema));
  o.out(`wrote ${Object.keys(jsonSchemas()).length} schemas to ${dir}`);
  return 0;
}
