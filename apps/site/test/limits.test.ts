/**
 * The size limits of the built site (scripts/limits.mjs): measured on the staged output, a build
 * over a limit is refused and the previous output left alone.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, test } from 'vitest';
import * as limits from '../scripts/limits.mjs';

const SITE = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const made: string[] = [];

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tree(files: Record<string, number>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shoutu-limits-'));
  made.push(dir);
  for (const [rel, size] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), 'x'.repeat(size));
  }
  return dir;
}

describe('limits of the output', () => {
  test('default to 1 GB and 100,000 files; the environment overrides them', () => {
    expect(limits.limitsFrom({})).toEqual({
      problems: [],
      maxBytes: 1_000_000_000,
      maxFiles: 100_000,
    });
    expect(
      limits.limitsFrom({ SHOUTU_SITE_MAX_BYTES: '2_000_000', SHOUTU_SITE_MAX_FILES: '12' }),
    ).toEqual({ problems: [], maxBytes: 2_000_000, maxFiles: 12 });
  });

  test('a limit that is not a positive whole number is named with what was expected', () => {
    const { problems } = limits.limitsFrom({
      SHOUTU_SITE_MAX_BYTES: '1GB',
      SHOUTU_SITE_MAX_FILES: '0',
    });
    expect(problems).toEqual([
      'SHOUTU_SITE_MAX_BYTES="1GB" is not a limit: expected a positive whole number (of bytes), e.g. 1000000000.',
      'SHOUTU_SITE_MAX_FILES="0" is not a limit: expected a positive whole number (of files), e.g. 100000.',
    ]);
  });

  test('measures bytes and files, in all and per folder one and two levels down', async () => {
    const dir = await tree({
      'index.html': 10,
      'unit/a/index.html': 100,
      'unit/b/index.html': 50,
      'en/unit/a/index.html': 100,
      'en/index.html': 5,
    });
    const m = limits.measure(dir);
    expect(m.bytes).toBe(265);
    expect(m.files).toBe(5);
    expect(Object.fromEntries(m.folders)).toEqual({
      unit: { bytes: 150, files: 2 },
      'unit/a': { bytes: 100, files: 1 },
      'unit/b': { bytes: 50, files: 1 },
      en: { bytes: 105, files: 2 },
      'en/unit': { bytes: 100, files: 1 },
    });
    expect(limits.biggestFolders(m)).toEqual([
      '  unit/  150 B in 2 files (unit/a 100 B in 1 files, unit/b 50 B in 1 files)',
      '  en/  105 B in 2 files (en/unit 100 B in 1 files)',
    ]);
  });

  test('over a limit is refused, above 80 % of one is a warning, below is quiet', () => {
    const m = { bytes: 900, files: 10, folders: new Map() };
    expect(limits.checkLimits(m, { maxBytes: 1000, maxFiles: 100 })).toEqual({
      over: [],
      near: ['the output is 900 B, 90 % of the limit of 1.0 KB (SHOUTU_SITE_MAX_BYTES)'],
      summary: '900 B in 10 files (limits 1.0 KB, 100 files)',
    });
    const { over, near } = limits.checkLimits(m, { maxBytes: 899, maxFiles: 9 });
    expect(over).toEqual([
      'the output is 900 B, over the limit of 899 B (SHOUTU_SITE_MAX_BYTES)',
      'the output has 10 files, over the limit of 9 files (SHOUTU_SITE_MAX_FILES)',
    ]);
    expect(near).toEqual([]);
    expect(limits.checkLimits(m, { maxBytes: 2000, maxFiles: 100 })).toMatchObject({
      over: [],
      near: [],
    });
    expect(limits.formatBytes(1_234_567_890)).toBe('1.2 GB');
  });

  test('a fixture build over a tiny limit is refused, naming the figures; the old output stays', async () => {
    const project = inject('projectMini');
    const built = inject('siteMini');
    const work = await mkdtemp(path.join(tmpdir(), 'shoutu-limits-build-'));
    made.push(work);
    const out = path.join(work, 'dist');
    // The previous output: a copy of the mini site with a marker.
    await cp(built, out, { recursive: true });
    await writeFile(path.join(out, 'MARKER'), 'previous');
    const before = (await readdir(out, { recursive: true })).sort();
    const cache = path.join(work, 'cache');
    await cp(inject('archiveCacheMini'), cache, { recursive: true });
    const failure = await run(
      process.execPath,
      ['--conditions=@shoutu/source', '--import', 'tsx', path.join(SITE, 'scripts/build.mjs')],
      {
        cwd: SITE,
        env: {
          ...process.env,
          SHOUTU_ROOT: project,
          SHOUTU_RESULTS_DIR: path.join(project, 'data/results'),
          SHOUTU_SITE_OUT: out,
          SHOUTU_ARCHIVE_CACHE: cache,
          SHOUTU_SITE_MAX_FILES: '5',
        },
        maxBuffer: 64 << 20,
      },
    ).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure, 'the build must fail').toBeDefined();
    expect(failure?.code).toBe(1);
    const stderr = failure?.stderr ?? '';
    expect(stderr).toMatch(
      /site build failed: the output has [\d,]+ files, over the limit of 5 files \(SHOUTU_SITE_MAX_FILES\)/,
    );
    expect(stderr).toContain('The biggest folders:');
    expect(stderr).toMatch(/^ {2}en\/ {2}[\d.]+ [KM]?B in [\d,]+ files/m);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(path.join(out, 'MARKER'), 'utf8')).toBe('previous');
    expect((await readdir(out, { recursive: true })).sort()).toEqual(before);
    expect((await readdir(work)).sort()).toEqual(['cache', 'dist']);
  });
});
