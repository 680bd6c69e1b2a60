import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject, openReports } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { type Fixture, loadFixture } from './helpers.js';

const CACHE = '.shoutu/cache/reports';

/** Every day read through a fresh source, as a run would: rows by day, problems, stats, counts. */
async function readAll(fx: Fixture, cache = true) {
  const { project } = await loadProject(fx.root);
  if (!project) throw new Error('the fixture project did not load');
  const reports = openReports(fx.root, project, { cache });
  const rows = Object.fromEntries(
    reports.source.days().map((d) => [d, [...reports.source.rowsOf(d)]]),
  );
  const read = reports.source.read();
  return {
    result: { rows, problems: read.problems, stats: [...read.stats], blankCells: read.blankCells },
    hits: reports.cache?.hits ?? 0,
    parsed: reports.cache?.parsed ?? 0,
  };
}

const entries = async (fx: Fixture) =>
  existsSync(fx.file(CACHE)) ? (await readdir(fx.file(CACHE))).sort() : [];

async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const full = path.join(e.parentPath, e.name);
      out[path.relative(dir, full)] = await readFile(full, 'utf8');
    }
  return out;
}

describe('the report cache', () => {
  test('a second run reads every file from the cache, with the same rows, problems and stats', async () => {
    const fx = await loadFixture('mini');
    const fresh = await readAll(fx, false);
    expect(await entries(fx)).toEqual([]);
    const cold = await readAll(fx);
    expect([cold.hits, cold.parsed]).toEqual([0, 2]);
    expect(await entries(fx)).toHaveLength(2);
    const warm = await readAll(fx);
    expect([warm.hits, warm.parsed]).toEqual([2, 0]);
    // The mini fixture has a bad row: its problem comes from the cache as it was found.
    expect(fresh.result.problems).toHaveLength(1);
    expect(cold.result).toEqual(fresh.result);
    expect(warm.result).toEqual(fresh.result);
    // Field for field and in the same order: what is serialized from them stays the same bytes.
    expect(JSON.stringify(warm.result)).toBe(JSON.stringify(fresh.result));
  });

  test('a changed file is parsed again and its older entry removed; the others stay', async () => {
    const fx = await loadFixture('mini');
    await readAll(fx);
    const before = await entries(fx);
    const file = 'data/reports/2020-02-03/grid-daily.210202.csv';
    await fx.write(file, (await fx.read(file)).replace(',many,', ',300,'));
    const after = await readAll(fx);
    expect([after.hits, after.parsed]).toEqual([1, 1]);
    expect(after.result.problems).toEqual([]);
    expect(after.result).toEqual((await readAll(fx, false)).result);
    const now = await entries(fx);
    expect(now).toHaveLength(2);
    expect(now.filter((e) => before.includes(e))).toHaveLength(1);
  });

  test('a changed registry, form or project setting makes every entry stale', async () => {
    const fx = await loadFixture('mini');
    await readAll(fx);
    const edit = async (file: string, from: string, to: string) => {
      const text = await fx.read(file);
      expect(text).toContain(from);
      await fx.write(file, text.replace(from, to));
    };
    await edit('data/registry/registry.json', '"en": "Grid 2"', '"en": "Grid two"');
    expect((await readAll(fx)).parsed).toBe(2);
    expect((await readAll(fx)).hits).toBe(2);
    await edit('data/forms/grid-daily.json', '"min": 0', '"min": 1');
    expect((await readAll(fx)).parsed).toBe(2);
    await edit('data/project.json', '"Asia/Shanghai"', '"Asia/Harbin"');
    expect((await readAll(fx)).parsed).toBe(2);
    expect(await entries(fx)).toHaveLength(2);
  });

  test('a corrupt, truncated or misplaced entry is ignored and rewritten, never trusted', async () => {
    const fx = await loadFixture('mini');
    const fresh = await readAll(fx, false);
    await readAll(fx);
    const [a, b] = await entries(fx);
    if (!a || !b) throw new Error('expected two entries');
    const bodyA = await readFile(fx.file(`${CACHE}/${a}`));
    // One entry holds the other's content (valid, but not its own key); one is cut short.
    await writeFile(fx.file(`${CACHE}/${b}`), bodyA);
    await writeFile(fx.file(`${CACHE}/${a}`), bodyA.subarray(0, bodyA.length >> 1));
    const again = await readAll(fx);
    expect([again.hits, again.parsed]).toEqual([0, 2]);
    expect(again.result).toEqual(fresh.result);
    // Rewritten: the next run reads both from the cache.
    const next = await readAll(fx);
    expect([next.hits, next.parsed]).toEqual([2, 0]);
    await writeFile(fx.file(`${CACHE}/${a}`), 'not a cache entry');
    const garbage = await readAll(fx);
    expect([garbage.hits, garbage.parsed]).toEqual([1, 1]);
    expect(garbage.result).toEqual(fresh.result);
  });

  test('evaluate writes the same snapshots from a cold cache, a warm one and none', async () => {
    const fx = await loadFixture('mini');
    const first = await fx.run('evaluate');
    expect(first.code).toBe(0);
    expect(first.err).toContain(
      'read 2 report files of 2 days (2020-02-02 to 2020-02-03): 0 from the cache, 2 parsed',
    );
    const results = fx.file('data/results');
    const cold = await readTree(results);
    await rm(results, { recursive: true });
    const warm = await fx.run('evaluate');
    expect(warm.err).toContain('2 from the cache, 0 parsed');
    expect(await readTree(results)).toEqual(cold);
    await rm(results, { recursive: true });
    await rm(fx.file('.shoutu'), { recursive: true });
    await fx.run('evaluate');
    expect(await readTree(results)).toEqual(cold);
    const recomputed = await fx.run('evaluate', '--recompute');
    expect(recomputed.out).toContain('2 unchanged, 0 replaced');
  });

  test('validate --no-cache reads every file fresh and writes no cache', async () => {
    const fx = await loadFixture('mini');
    const r = await fx.run('validate', '--no-cache');
    expect(r.out).toContain('reports: 2 files, 3 rows accepted; set aside: 0 files, 1 row');
    expect(existsSync(fx.file('.shoutu'))).toBe(false);
  });

  test('evaluate --no-cache parses what it reads afresh and writes no cache', async () => {
    const fx = await loadFixture('mini');
    const r = await fx.run('evaluate', '--no-cache');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/read \d+ report files? of \d+ days?/);
    expect(existsSync(fx.file('.shoutu'))).toBe(false);
    expect((await fx.run('evaluate', '--recompute')).out).toContain('0 replaced');
  });

  test('validate fills the cache with the files it parsed, and leaves entries that are there', async () => {
    const fx = await loadFixture('mini');
    await readAll(fx);
    const before = await entries(fx);
    const bodies = await Promise.all(before.map((e) => readFile(fx.file(`${CACHE}/${e}`))));
    expect((await fx.run('validate')).out).toContain('(2 parsed, 0 unchanged');
    expect(await entries(fx)).toEqual(before);
    expect(await Promise.all(before.map((e) => readFile(fx.file(`${CACHE}/${e}`))))).toEqual(
      bodies,
    );
    // A file changed: validate parses it and keeps its new entry, in place of the old one.
    const file = 'data/reports/2020-02-03/grid-daily.210202.csv';
    await fx.write(file, (await fx.read(file)).replace(',many,', ',300,'));
    expect((await fx.run('validate')).out).toContain('(1 parsed, 1 unchanged');
    const now = await entries(fx);
    expect(now).toHaveLength(2);
    expect(now.filter((e) => before.includes(e))).toHaveLength(1);
    const warm = await readAll(fx);
    expect([warm.hits, warm.parsed]).toEqual([2, 0]);
    expect(warm.result).toEqual((await readAll(fx, false)).result);
  });
});
