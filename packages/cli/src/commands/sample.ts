import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidDay } from '@shoutu/core';
import { UserError } from '../files.js';
import type { Output } from '../output.js';
import { generateSample, type SampleOptions } from '../sample/generate.js';

/** Writes the sample into a data folder, replacing its registry, forms and reports (never results). */
export async function sample(o: Output, dataDir: string, opts: SampleOptions): Promise<number> {
  if (!isValidDay(opts.from))
    throw new UserError(`--from ${opts.from}: expected a date written as YYYY-MM-DD`);
  if (!(opts.scale > 0))
    throw new UserError(`--scale ${opts.scale}: expected a number greater than 0`);
  const files = generateSample(opts);
  for (const dir of ['registry', 'forms', 'reports'])
    await rm(path.join(dataDir, dir), { recursive: true, force: true });
  let bytes = 0;
  for (const [rel, body] of files) {
    const target = path.join(dataDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, body);
    bytes += Buffer.byteLength(body);
  }
  o.out(
    `wrote ${files.size} files (${(bytes / 1e6).toFixed(1)} MB) to ${dataDir} with seed ${opts.seed}, scale ${opts.scale}, ${opts.days} days from ${opts.from}`,
  );
  return 0;
}
