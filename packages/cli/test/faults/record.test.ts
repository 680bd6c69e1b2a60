import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { verifySnapshot } from '@shoutu/core/snapshot';
import { describe, expect, test } from 'vitest';
import { loadFixture } from '../helpers.js';
import { cli, startCli, tree } from './helpers.js';

/**
 * A published snapshot is checked whole before a later day takes its trends and streaks from it;
 * one that fails stops the run, names the file and says how to repair it.
 */

const FIRST = '2020-02-02';
const LATER = '2020-02-03';

/** The mini project with its first day published and the second not yet evaluated. */
async function published() {
  const f = await loadFixture('mini');
  const r = await f.run('evaluate', '--date', FIRST);
  expect(r.code, r.err).toBe(0);
  const index = JSON.parse(await f.read(`data/results/${FIRST}/index.json`)) as {
    files: Record<string, string>;
  };
  const district = Object.keys(index.files).find((n) => n.endsWith('.json')) as string;
  return { ...f, district };
}

const repair = (day: string) =>
  `the snapshot of ${day} is incomplete, so later days cannot take their trends and streaks from it; repair it with \`shoutu evaluate --recompute --date ${day}\``;

describe('a damaged snapshot stops the evaluation of later days', () => {
  const cases: [string, (f: Awaited<ReturnType<typeof published>>) => Promise<string>][] = [
    [
      'a district file deleted',
      async (f) => {
        await rm(f.file(`data/results/${FIRST}/${f.district}`));
        return `error: data/results/${FIRST}/${f.district}: the file does not exist, though data/results/${FIRST}/index.json lists it: ${repair(FIRST)}`;
      },
    ],
    [
      'index.json truncated',
      async (f) => {
        const text = await f.read(`data/results/${FIRST}/index.json`);
        await f.write(`data/results/${FIRST}/index.json`, text.slice(0, text.length / 2));
        return `error: data/results/${FIRST}/index.json: is not valid JSON (`;
      },
    ],
    [
      'a file that does not match its sha256',
      async (f) => {
        const rel = `data/results/${FIRST}/${f.district}`;
        await f.write(rel, (await f.read(rel)).replace('"revision":1', '"revision":1 '));
        return `error: ${rel}: does not match its sha256 in data/results/${FIRST}/index.json: the file was changed or belongs to another snapshot: ${repair(FIRST)}`;
      },
    ],
  ];

  test.each(cases)(
    '%s: exit 1, the record untouched; --recompute --date repairs it',
    async (_, damage) => {
      const f = await published();
      const message = await damage(f);
      const before = await tree(f.file('data/results'));
      const r = await f.run('evaluate');
      expect(r.code).toBe(1);
      expect(r.err).toContain(message);
      expect(r.err).toContain(repair(FIRST));
      expect(r.err).toContain(
        'evaluation stopped: 1 incomplete snapshot before the days to evaluate; the published results were left as they were',
      );
      expect(r.err).not.toMatch(/internal error|^\s+at /m);
      expect(await tree(f.file('data/results'))).toEqual(before);

      // The repair: the damaged snapshot is kept under superseded/ (nothing is deleted), and the
      // day is written whole as revision 2.
      const fixed = await f.run('evaluate', '--recompute', '--date', FIRST);
      expect(fixed.code, fixed.err).toBe(0);
      expect(fixed.out).toContain(
        `(revision 2; the earlier snapshot is kept in data/results/superseded/${FIRST}/r1/)`,
      );
      expect(await readdir(f.file(`data/results/superseded/${FIRST}/r1`))).not.toHaveLength(0);
      const later = await f.run('evaluate');
      expect(later.code, later.err).toBe(0);
      expect(existsSync(f.file(`data/results/${LATER}/index.json`))).toBe(true);
    },
  );

  test('a snapshot of an earlier results format is not damaged: later days start their trends afresh', async () => {
    const f = await published();
    const rel = `data/results/${FIRST}/index.json`;
    const index = JSON.parse(await f.read(rel)) as { schema: number };
    await f.write(rel, `${JSON.stringify({ ...index, schema: index.schema - 1 })}\n`);
    const r = await f.run('evaluate');
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('incomplete');
    expect(existsSync(f.file(`data/results/${LATER}/index.json`))).toBe(true);
  });

  test('a damaged snapshot after every day to evaluate does not stop the run, but fails it', async () => {
    const f = await published();
    await f.run('evaluate');
    await rm(f.file(`data/results/${LATER}/${f.district}`));
    const r = await f.run('evaluate', '--recompute', '--date', FIRST);
    // The earlier day is evaluated (it does not read the later one), and the damage is said again
    // at the end: the run fails so that the daily build stops before the site refuses the record.
    expect(r.code, r.err).toBe(1);
    expect(r.out).toMatch(/evaluated 1 day/);
    expect(r.err).toContain(
      `warning: data/results/${LATER}/${f.district}: the file does not exist, though data/results/${LATER}/index.json lists it: ${repair(LATER)}`,
    );
    expect(r.err).toContain('error: 1 published snapshot is incomplete (see above)');
  });
});

describe('one evaluate at a time: data/results/.lock', () => {
  /** A process that runs until killed: a pid that is alive and is not the CLI's. */
  const sleeper = () => spawn('sleep', ['60'], { stdio: 'ignore' });

  test('a second evaluate, while another process holds the lock, exits 1 and writes nothing', async () => {
    const f = await loadFixture('mini');
    const other = sleeper();
    try {
      await mkdir(f.file('data/results'), { recursive: true });
      const lock = `{"pid":${other.pid},"started":"2020-02-04T01:00:00.000Z"}\n`;
      await writeFile(f.file('data/results/.lock'), lock);
      const r = await cli(f.root, ['evaluate']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        `error: another shoutu evaluate (pid ${other.pid}, started 2020-02-04T01:00:00.000Z) is writing data/results/; wait for it to finish, or remove data/results/.lock if no such run is going on`,
      );
      expect(await readdir(f.file('data/results'))).toEqual(['.lock']);
      expect(await readFile(f.file('data/results/.lock'), 'utf8')).toBe(lock);
    } finally {
      other.kill();
    }
  }, 30_000);

  test('a lock left by a process that is gone is taken over with a note, and released', async () => {
    const f = await loadFixture('mini');
    const gone = sleeper();
    const pid = gone.pid as number;
    await new Promise((done) => {
      gone.on('exit', done);
      gone.kill();
    });
    await mkdir(f.file('data/results'), { recursive: true });
    await writeFile(f.file('data/results/.lock'), `{"pid":${pid},"started":"earlier"}\n`);
    const r = await cli(f.root, ['evaluate']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(
      `note: took over data/results/.lock of pid ${pid} (started earlier), a run that is no longer going on`,
    );
    expect(existsSync(f.file('data/results/.lock'))).toBe(false);
    expect(existsSync(f.file(`data/results/${LATER}/index.json`))).toBe(true);
  }, 30_000);

  test('two evaluate runs started together: one writes, the other waits its turn or is refused', async () => {
    const f = await loadFixture('mini');
    const [a, b] = await Promise.all([cli(f.root, ['evaluate']), cli(f.root, ['evaluate'])]);
    const codes = [a.code, b.code].sort();
    // Either they did not overlap (the second found nothing to evaluate) or one was refused.
    expect(codes[0]).toBe(0);
    for (const r of [a, b])
      if (r.code !== 0) expect(r.err).toMatch(/another shoutu evaluate \(pid \d+, started /);
    expect(existsSync(f.file('data/results/.lock'))).toBe(false);
    expect(existsSync(f.file(`data/results/${LATER}/index.json`))).toBe(true);
  }, 30_000);
});

describe('verifySnapshot', () => {
  test('checks every file against its sha256; with hashes: false, only that each is there', async () => {
    const f = await published();
    const dir = f.file('data/results');
    expect(() => verifySnapshot(dir, FIRST)).not.toThrow();
    const rel = `data/results/${FIRST}/${f.district}`;
    await f.write(rel, `${await f.read(rel)} `);
    expect(() => verifySnapshot(dir, FIRST)).toThrow(/does not match its sha256/);
    expect(() => verifySnapshot(dir, FIRST, { hashes: false })).not.toThrow();
    await rm(f.file(rel));
    expect(() => verifySnapshot(dir, FIRST, { hashes: false })).toThrow(/the file does not exist/);
    await writeFile(f.file(`data/results/${FIRST}/stray.json`), '{}');
    await f.write(rel, '{}');
    expect(() => verifySnapshot(dir, FIRST, { hashes: false })).toThrow(
      /stray\.json: is not listed among the files of/,
    );
  });
});

describe('the lock is released when the run is stopped', () => {
  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s while writing: exit %i, no lock left, and the next run completes the record',
    async (signal, code) => {
      const f = await loadFixture('mini');
      // A sample project big enough that evaluating it takes a while.
      const made = await cli(f.root, ['sample', '--days', '3', '--force']);
      expect(made.code, made.err).toBe(0);
      const child = startCli(f.root, ['evaluate']);
      const exited = new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
      const lock = f.file('data/results/.lock');
      while (!existsSync(lock)) await new Promise((done) => setTimeout(done, 5));
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(existsSync(lock)).toBe(false);
      const again = await cli(f.root, ['evaluate']);
      expect(again.code, again.err).toBe(0);
      expect(again.err).not.toMatch(/another shoutu evaluate/);
    },
    120_000,
  );
});
