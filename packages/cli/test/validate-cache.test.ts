import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { type Fixture, loadFixture } from './helpers.js';

/** `(N parsed, M unchanged …)`: the one part of validate's output that differs cold and warm. */
const HOW = / \((\d+) parsed, (\d+) unchanged since they were last checked\)/;

/** One validate run: its exit code, what it printed (without the parse counts) and those counts. */
async function validate(fx: Fixture, ...args: string[]) {
  const r = await fx.run('validate', ...args);
  const m = HOW.exec(r.out);
  if (!m) throw new Error(`validate did not say what it parsed:\n${r.out}`);
  return {
    printed: { code: r.code, out: r.out.replace(HOW, ''), err: r.err },
    parsed: Number(m[1]),
    unchanged: Number(m[2]),
  };
}

const CACHE = '.shoutu/cache/reports';
const LEDGER_FILE = '.shoutu/cache/validated.v8';
const BAD = 'data/reports/2020-02-03/grid-daily.210202.csv';
const GOOD = 'data/reports/2020-02-02/grid-daily.210202.csv';

async function edit(fx: Fixture, file: string, from: string, to: string) {
  const text = await fx.read(file);
  expect(text).toContain(from);
  await fx.write(file, text.replace(from, to));
}

describe('shoutu validate and its ledger', () => {
  test('cold, warm and --no-cache print the same problems and counts; only the first parses', async () => {
    const fx = await loadFixture('mini');
    const fresh = await validate(fx, '--no-cache');
    expect([fresh.parsed, fresh.unchanged]).toEqual([2, 0]);
    // --no-cache reads and writes nothing below .shoutu/.
    expect(existsSync(fx.file('.shoutu'))).toBe(false);
    expect(fresh.printed.err).toContain(`${BAD}:3:households_visited: set aside SHOUTU-D002:`);
    expect(fresh.printed.out).toContain(
      'reports: 2 files, 3 rows accepted; set aside: 0 files, 1 row\n',
    );
    const cold = await validate(fx);
    expect([cold.parsed, cold.unchanged]).toEqual([2, 0]);
    expect(existsSync(fx.file(LEDGER_FILE))).toBe(true);
    const warm = await validate(fx);
    expect([warm.parsed, warm.unchanged]).toEqual([0, 2]);
    expect(cold.printed).toEqual(fresh.printed);
    expect(warm.printed).toEqual(fresh.printed);
    // --no-cache neither trusts nor touches a ledger that is there.
    const ledger = await readFile(fx.file(LEDGER_FILE));
    const again = await validate(fx, '--no-cache');
    expect([again.parsed, again.unchanged]).toEqual([2, 0]);
    expect(again.printed).toEqual(fresh.printed);
    expect(await readFile(fx.file(LEDGER_FILE))).toEqual(ledger);
  });

  test('an unchanged run does not rewrite the ledger', async () => {
    const fx = await loadFixture('mini');
    await validate(fx);
    const before = statSync(fx.file(LEDGER_FILE)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await validate(fx);
    expect(statSync(fx.file(LEDGER_FILE)).mtimeMs).toBe(before);
  });

  test('a changed file is parsed again and its new problem shown; the others are not', async () => {
    const fx = await loadFixture('mini');
    await validate(fx);
    await edit(fx, GOOD, '210202001001001,', '210202001001001,lots');
    const after = await validate(fx);
    expect([after.parsed, after.unchanged]).toEqual([1, 1]);
    expect(after.printed.err).toContain(`${GOOD}:`);
    expect(after.printed.err).toContain('found the text "lots');
    // The old file's problem is still said, from the ledger, in file order.
    expect(after.printed.err.indexOf(GOOD)).toBeLessThan(after.printed.err.indexOf(BAD));
    expect(after.printed).toEqual((await validate(fx, '--no-cache')).printed);
    // Fixing the bad row: its problem is gone at once.
    await edit(fx, BAD, ',many,', ',300,');
    const fixed = await validate(fx);
    expect([fixed.parsed, fixed.unchanged]).toEqual([1, 1]);
    expect(fixed.printed.err).not.toContain(BAD);
    expect(fixed.printed).toEqual((await validate(fx, '--no-cache')).printed);
  });

  test('a changed registry, form or project setting makes every file parse again', async () => {
    const fx = await loadFixture('mini');
    await validate(fx);
    expect((await validate(fx)).parsed).toBe(0);
    await edit(fx, 'data/registry/registry.json', '"en": "Grid 2"', '"en": "Grid two"');
    expect((await validate(fx)).parsed).toBe(2);
    expect((await validate(fx)).parsed).toBe(0);
    // A form that no longer accepts the good rows: the new problems come from the new form.
    await edit(fx, 'data/forms/grid-daily.json', '"min": 0', '"min": 1000');
    const stricter = await validate(fx);
    expect(stricter.parsed).toBe(2);
    expect(stricter.printed).toEqual((await validate(fx, '--no-cache')).printed);
    expect(stricter.printed.err).toContain(`${GOOD}:`);
    await edit(fx, 'data/project.json', '"Asia/Shanghai"', '"Asia/Harbin"');
    expect((await validate(fx)).parsed).toBe(2);
  });

  test('a corrupt, truncated or foreign ledger is ignored and rebuilt, never trusted', async () => {
    const fx = await loadFixture('mini');
    const fresh = await validate(fx, '--no-cache');
    await validate(fx);
    const good = await readFile(fx.file(LEDGER_FILE));
    for (const broken of [
      Buffer.from('not a ledger'),
      good.subarray(0, good.length >> 1),
      // One byte changed inside: still a readable v8 value, but it fails its checksum.
      Buffer.from(good.toString('latin1').replace('many', 'mane'), 'latin1'),
      Buffer.alloc(0),
    ]) {
      await writeFile(fx.file(LEDGER_FILE), broken);
      const r = await validate(fx);
      expect([r.parsed, r.unchanged]).toEqual([2, 0]);
      expect(r.printed).toEqual(fresh.printed);
      expect((await validate(fx)).unchanged).toBe(2);
    }
    // A ledger of another project's files (same shape, other context) is not trusted either.
    const other = await loadFixture('mini');
    await edit(other, 'data/forms/grid-daily.json', '"min": 0', '"min": 1000');
    await validate(other);
    await writeFile(fx.file(LEDGER_FILE), await readFile(other.file(LEDGER_FILE)));
    const r = await validate(fx);
    expect([r.parsed, r.unchanged]).toEqual([2, 0]);
    expect(r.printed).toEqual(fresh.printed);
  });

  test("a deleted file's problems and counts disappear; a new file is parsed", async () => {
    const fx = await loadFixture('mini');
    await validate(fx);
    await rm(fx.file(BAD));
    const gone = await validate(fx);
    expect([gone.parsed, gone.unchanged]).toEqual([0, 1]);
    expect(gone.printed.err).toBe('');
    expect(gone.printed.out).toContain('reports: 1 file, ');
    expect(gone.printed).toEqual((await validate(fx, '--no-cache')).printed);
    await fx.write('data/reports/2020-02-04/grid-daily.210202.csv', await fx.read(GOOD));
    const added = await validate(fx);
    expect([added.parsed, added.unchanged]).toEqual([1, 1]);
    expect(added.printed).toEqual((await validate(fx, '--no-cache')).printed);
  });

  test('the files validate parsed are in the report cache: evaluate then parses none', async () => {
    const fx = await loadFixture('mini');
    await validate(fx);
    expect(await readdir(fx.file(CACHE))).toHaveLength(2);
    const r = await fx.run('evaluate');
    expect(r.code).toBe(0);
    expect(r.err).toContain('2 from the cache, 0 parsed');
  });

  test('a ledger that cannot be written does not fail validation', async () => {
    const fx = await loadFixture('mini');
    // A folder where the ledger file should be: it can be neither read nor replaced.
    await fx.write(`${LEDGER_FILE}/blocker`, '');
    const fresh = await validate(fx, '--no-cache');
    const r = await validate(fx);
    expect(r.printed).toEqual(fresh.printed);
    expect((await validate(fx)).parsed).toBe(2);
    // Nothing half-written is left beside it.
    expect(await readdir(fx.file('.shoutu/cache'))).toEqual(['reports', 'validated.v8']);
  });
});
