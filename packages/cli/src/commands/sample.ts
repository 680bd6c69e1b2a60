import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidDay } from '@shoutu/core';
import { UserError, walkEntries } from '../files.js';
import type { Output } from '../output.js';
import { generateSample, type SampleOptions } from '../sample/generate.js';

/** Writes the sample into a data folder, replacing its registry, forms, reports and waivers (never results). */
export async function sample(
  o: Output,
  dataDir: string,
  opts: SampleOptions & { force?: boolean | undefined },
): Promise<number> {
  if (!isValidDay(opts.from))
    throw new UserError(`--from ${opts.from}: expected a date written as YYYY-MM-DD`);
  if (!(opts.scale > 0))
    throw new UserError(`--scale ${opts.scale}: expected a number greater than 0`);
  const files = generateSample(opts);
  // Files people added (a form, a district's reports) must never vanish without being asked.
  const mine = (f: string) => /^(registry|forms|reports|waivers)\//.test(f) && !files.has(f);
  const walk = walkEntries(dataDir, '.', { match: mine });
  // Links and hidden files there would be deleted as well.
  const own = [...walk.files, ...walk.setAside.map((p) => p.file.slice(2)).filter(mine)];
  if (own.length > 0 && !opts.force) {
    o.err(
      `error: ${dataDir} has ${own.length} file(s) the sample does not contain, e.g. ${own.slice(0, 3).join(', ')}: they would be deleted. Use --out DIR to write the sample elsewhere, or --force to replace them.`,
    );
    return 1;
  }
  for (const dir of ['registry', 'forms', 'reports', 'waivers'])
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
