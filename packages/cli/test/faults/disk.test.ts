import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type Fixture, loadFixture } from '../helpers.js';
import { cli, tree } from './helpers.js';

/**
 * A full disk and a read-only folder: a plain message naming the path, exit 1, and the published
 * results as they were. As root (these machines, CI) a small tmpfs is mounted on the project's
 * `data/results/` (chmod does not stop root); otherwise the disk-full tests are skipped, saying why.
 */

const ROOT = process.getuid?.() === 0;
const canMount = (() => {
  if (!ROOT) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!canMount)
  console.log(
    'faults/disk.test.ts: not root (or no mount command): a tmpfs cannot be mounted, so the disk-full tests are skipped and read-only is tested with chmod',
  );

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.reverse())
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
});

/** Mounts a tmpfs of `size` on `<root>/data/results`. */
async function tmpfs(f: Fixture, size: string): Promise<string> {
  const dir = f.file('data/results');
  await mkdir(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

const FIRST = '2020-02-02';
const LATER = '2020-02-03';
const LEFT = 'the published results were left as they were';

describe('faults of the disk', () => {
  test('a read-only data/results/: "the folder is read-only", the record untouched', async () => {
    const f = await loadFixture('mini');
    let dir = f.file('data/results');
    if (canMount) dir = await tmpfs(f, '1m');
    expect((await f.run('evaluate', '--date', FIRST)).code).toBe(0);
    const before = await tree(dir);
    if (canMount) execFileSync('mount', ['-o', 'remount,ro', dir]);
    else await chmod(dir, 0o555);
    try {
      const r = await cli(f.root, ['evaluate']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        canMount
          ? `error: data/results/.lock: the folder is read-only; ${LEFT}`
          : `error: data/results/.lock: permission denied; ${LEFT}`,
      );
      expect(r.err).not.toMatch(/no such file|internal error|^\s+at /m);
      expect(await tree(dir)).toEqual(before);
    } finally {
      if (!canMount) await chmod(dir, 0o755);
    }
  }, 30_000);

  test.skipIf(!canMount)(
    'a disk that fills while a day is written: "the disk is full", no part of the day kept',
    async () => {
      const f = await loadFixture('mini');
      // Room for the lock and three of the day's five files.
      const dir = await tmpfs(f, '16k');
      const r = await cli(f.root, ['evaluate']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        new RegExp(
          `^error: data/results/${FIRST}\\.tmp-\\d+/[^:]+: the disk is full; ${LEFT}$`,
          'm',
        ),
      );
      expect(r.err).not.toMatch(/internal error|^\s+at /m);
      expect(await tree(dir)).toEqual({});
    },
    30_000,
  );

  test.skipIf(!canMount)(
    'a disk that fills during a recompute: rolled back at once; with room again, the same record as a run that had room',
    async () => {
      const f = await loadFixture('mini');
      const dir = await tmpfs(f, '1m');
      expect((await f.run('evaluate')).code).toBe(0);
      const report = f.file(`data/reports/${LATER}/grid-daily.210202.csv`);
      await writeFile(report, (await readFile(report, 'utf8')).replace('many', '12'));
      const before = await tree(dir);
      // Fill the disk but for room for the lock and the journal.
      const { bavail, bsize } = statfsSync(dir);
      const filler = path.join(dir, 'filler');
      await writeFile(filler, Buffer.alloc(Math.max(0, bavail * bsize - 3 * bsize)));
      const r = await cli(f.root, ['evaluate', '--recompute', '--date', LATER]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`: the disk is full; ${LEFT}$`, 'm'));
      expect(r.err).not.toMatch(/internal error|^\s+at /m);
      await rm(filler);
      expect(await tree(dir)).toEqual(before);
      const again = await cli(f.root, ['evaluate', '--recompute', '--date', LATER]);
      expect(again.code, again.err).toBe(0);
      expect(again.out).toContain(
        `(revision 2; the earlier snapshot is kept in data/results/superseded/${LATER}/r1/)`,
      );
    },
    60_000,
  );

  test('a cache that cannot be written never fails a run: a note, and the results written', async () => {
    const f = await loadFixture('mini');
    // A file where the cache's folder belongs: every write into it fails.
    await mkdir(f.file('.shoutu'), { recursive: true });
    await writeFile(f.file('.shoutu/cache'), 'not a folder');
    const r = await f.run('evaluate');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(
      /^note: \.shoutu\/cache\/: [^:]+: 2 parsed report files could not be kept in the cache; the run went on without it$/m,
    );
    expect(await tree(f.file(`data/results/${LATER}`))).not.toEqual({});
  });

  test.skipIf(!canMount)(
    'a full disk under .shoutu/ never fails a run either',
    async () => {
      const f = await loadFixture('mini');
      const dir = f.file('.shoutu');
      await mkdir(dir, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', dir]);
      mounted.push(dir);
      await writeFile(path.join(dir, 'filler'), Buffer.alloc(4096)).catch(() => {});
      const r = await cli(f.root, ['evaluate']);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/^note: \.shoutu\/cache\/: the disk is full: /m);
    },
    30_000,
  );

  test('a fault of the file system that escapes any command is a plain message, not an internal error', async () => {
    const f = await loadFixture('mini');
    await writeFile(f.file('blocker'), 'a file, not a folder');
    const r = await f.run('sample', '--days', '1', '--out', f.file('blocker/data'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'error: blocker/data/registry: a part of this path is a file where a folder was expected',
    );
  });
});
