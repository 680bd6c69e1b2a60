import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Fixture } from './helpers.js';

/**
 * The findings of every day of a project's results (evaluated), by file: the findings CSV files
 * unpacked, each source without its extension and line (a workbook's rows are the sheet's rows,
 * one below the CSV file's lines when the template's labels row is kept).
 */
export async function findingsOf(f: Pick<Fixture, 'file'>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const dir = f.file('data/results');
  for (const day of (await readdir(dir)).sort())
    for (const name of (await readdir(path.join(dir, day))).sort())
      if (name.endsWith('.findings.csv.gz'))
        out[`${day}/${name}`] = gunzipSync(await readFile(path.join(dir, day, name)))
          .toString('utf8')
          .replace(/(data\/reports\/[^:;,"]+)\.(csv|xlsx|json):\d+/g, '$1');
  return out;
}
