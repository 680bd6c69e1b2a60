import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { FAULT_MARKERS } from '../../src/durable.js';
import { project, run } from '../helpers.js';
import { cli, copyProject, tree } from './helpers.js';

/**
 * `kill -9` at every step of a write: after the rerun, data/results/ holds exactly what a run
 * never killed leaves (the same day folders, the same `superseded/<day>/r<n>`, the same revision
 * numbers in every index), byte for byte.
 */

const DAY = '2020-02-03';
const REPORT = `data/reports/${DAY}/grid-daily.210202.csv`;

async function edit(root: string, from: string, to: string): Promise<void> {
  const file = path.join(root, REPORT);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

describe('a run killed at any marker, then run again, leaves what a run never killed leaves', () => {
  /** Published, recomputed once (r1 kept, revision 2), and its reports changed again. */
  let prepared: string;
  let fresh: string;
  let expectedRecompute: Record<string, string>;
  let expectedFirst: Record<string, string>;

  beforeAll(async () => {
    fresh = await project('mini');
    prepared = await project('mini');
    expect((await run(['--root', prepared, 'evaluate'])).code).toBe(0);
    await edit(prepared, 'many', '12');
    expect((await run(['--root', prepared, 'evaluate', '--recompute', '--date', DAY])).code).toBe(
      0,
    );
    await edit(prepared, ',12,', ',13,');
    // The runs never killed, as child processes too.
    const once = await copyProject(prepared, 'recompute-once');
    const r = await cli(once, ['evaluate', '--recompute', '--date', DAY]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'revision 3; the earlier snapshot is kept in data/results/superseded/2020-02-03/r2/',
    );
    expectedRecompute = await tree(path.join(once, 'data/results'));
    const first = await copyProject(fresh, 'first-once');
    expect((await cli(first, ['evaluate'])).code).toBe(0);
    expectedFirst = await tree(path.join(first, 'data/results'));
  }, 120_000);

  test('the markers are named in one list, each once', () => {
    expect(new Set(FAULT_MARKERS).size).toBe(FAULT_MARKERS.length);
    expect(FAULT_MARKERS.length).toBeGreaterThanOrEqual(10);
  });

  test.each(FAULT_MARKERS)(
    'evaluate --recompute killed at %s',
    async (marker) => {
      const root = await copyProject(prepared, 'kill');
      const killed = await cli(root, ['evaluate', '--recompute', '--date', DAY], {
        SHOUTU_FAULT: marker,
      });
      expect(killed.signal, killed.err).toBe('SIGKILL');
      const again = await cli(root, ['evaluate', '--recompute', '--date', DAY]);
      expect(again.code, again.err).toBe(0);
      expect(again.err).not.toMatch(/internal error|^\s+at /m);
      const after = await tree(path.join(root, 'data/results'));
      expect(Object.keys(after).filter((k) => /\.(tmp|old)-\d+|\.journal|\.lock/.test(k))).toEqual(
        [],
      );
      expect(after).toEqual(expectedRecompute);
    },
    60_000,
  );

  test.each(FAULT_MARKERS.filter((m) => m.startsWith('write:')))(
    'a first evaluate (no snapshot yet) killed at %s',
    async (marker) => {
      const root = await copyProject(fresh, 'kill-first');
      const killed = await cli(root, ['evaluate'], { SHOUTU_FAULT: marker });
      expect(killed.signal, killed.err).toBe('SIGKILL');
      const again = await cli(root, ['evaluate']);
      expect(again.code, again.err).toBe(0);
      expect(await tree(path.join(root, 'data/results'))).toEqual(expectedFirst);
    },
    60_000,
  );

  test('a stray r<n>.tmp- folder is never kept or counted as a revision', async () => {
    const root = await copyProject(prepared, 'stray');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(root, `data/results/superseded/${DAY}/r2.tmp-4242`), {
      recursive: true,
    });
    await writeFile(path.join(root, `data/results/superseded/${DAY}/r2.tmp-4242/index.json`), '{');
    await mkdir(path.join(root, `data/results/${DAY}.tmp-4243`));
    const r = await run(['--root', root, 'evaluate', '--recompute', '--date', DAY]);
    expect(r.code, r.err).toBe(0);
    expect(await tree(path.join(root, 'data/results'))).toEqual(expectedRecompute);
  });
});
