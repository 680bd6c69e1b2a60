/**
 * The record the site is built from, hostile (src/lib/record.ts and scripts/build.mjs): a damaged
 * day, a day that has not begun, a link or a FIFO under the results folder each stop the build
 * with a plain message that names the entry and says how to repair it; nothing is published, the
 * previous output stays. On copies of the mini project evaluated by test/global-setup.ts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SnapshotError } from '@shoutu/core/snapshot';
import { afterAll, describe, expect, inject, test } from 'vitest';
import {
  checkRecord,
  EARLIEST_ZONE,
  repairHint,
  snapshotProblem,
  todayFor,
} from '../src/lib/record';

const SITE = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const made: string[] = [];

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** A copy of the evaluated mini project (days 2020-02-02 and 2020-02-03, district 210202). */
async function project(): Promise<{ root: string; results: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'shoutu-record-'));
  made.push(root);
  await cp(inject('projectMini'), root, { recursive: true });
  return { root, results: path.join(root, 'data/results') };
}

/** Copies a day's snapshot as another day's, with the days and hashes changed to match. */
function copyDay(results: string, from: string, to: string): void {
  execFileSync('cp', ['-r', path.join(results, from), path.join(results, to)]);
  const indexFile = path.join(results, to, 'index.json');
  const index = JSON.parse(readFileSync(indexFile, 'utf8'));
  for (const name of readdirSync(path.join(results, to)))
    if (name.endsWith('.json') && name !== 'index.json') {
      const file = path.join(results, to, name);
      const text = readFileSync(file, 'utf8').replaceAll(`"day": "${from}"`, `"day": "${to}"`);
      writeFileSync(file, text);
      index.files[name] = createHash('sha256').update(text).digest('hex');
    }
  index.day = to;
  writeFileSync(indexFile, `${JSON.stringify(index, null, 2)}\n`);
}

/** Today as read from the copied project's data/project.json. */
const TODAY = { day: '2020-02-03', zone: 'Asia/Shanghai' };
/** Paths shown as the build shows them: `data/results/…`, from the project's folder. */
const check = (results: string, today: { day: string; zone: string } = TODAY) =>
  checkRecord(results, {
    hashes: true,
    today: { ...today, from: path.join(path.dirname(results), 'project.json') },
    show: (p) => path.relative(path.dirname(path.dirname(results)), p),
  });

describe('the record, checked before the site is built', () => {
  test('a whole record of past days passes, every day with its index', async () => {
    const { results } = await project();
    const { days, cities, problems } = check(results);
    expect(problems).toEqual([]);
    expect(days).toEqual(['2020-02-02', '2020-02-03']);
    expect([...cities.keys()]).toEqual(days);
  });

  test('a district file missing, a file changed, an index cut short: each named with the repair', async () => {
    const { results } = await project();
    await rm(path.join(results, '2020-02-02/210202.places.csv.gz'));
    const { problems } = check(results);
    expect(problems).toEqual([
      `data/results/2020-02-02/210202.places.csv.gz: the file does not exist, though data/results/2020-02-02/index.json lists it: ${repairHint('2020-02-02')}`,
    ]);
    expect(problems[0]).toContain('`shoutu evaluate --recompute --date 2020-02-02`');

    const changed = await project();
    const units = path.join(changed.results, '2020-02-03/210202.units.csv.gz');
    await writeFile(units, Buffer.concat([await readFile(units), Buffer.from('x')]));
    expect(check(changed.results).problems).toEqual([
      `data/results/2020-02-03/210202.units.csv.gz: does not match its sha256 in data/results/2020-02-03/index.json: the file was changed or belongs to another snapshot: ${repairHint('2020-02-03')}`,
    ]);

    const cut = await project();
    const index = path.join(cut.results, '2020-02-02/index.json');
    await writeFile(index, (await readFile(index, 'utf8')).slice(0, 200));
    const [problem] = check(cut.results).problems;
    expect(problem).toMatch(
      /^data\/results\/2020-02-02\/index\.json: is not valid JSON \(.+\): the snapshot of 2020-02-02 is incomplete or damaged/,
    );
    expect(check(cut.results).days).toEqual(['2020-02-03']);
  });

  test('a day folder without its index, and a file its index does not list, are refused', async () => {
    const { results } = await project();
    await rm(path.join(results, '2020-02-02/index.json'));
    await writeFile(path.join(results, '2020-02-03/extra.json'), '{}');
    expect(check(results).problems).toEqual([
      `data/results/2020-02-02/index.json: the file does not exist: ${repairHint('2020-02-02')}`,
      `data/results/2020-02-03/extra.json: is not listed among the files of data/results/2020-02-03/index.json: ${repairHint('2020-02-03')}`,
    ]);
    // Without hashes (the pages' own check), a day needs its index all the same.
    expect(checkRecord(results, { hashes: false, today: TODAY }).days).toEqual(['2020-02-03']);
  });

  test('a day after today in the time zone of data/project.json is refused; today is not', async () => {
    const { results } = await project();
    copyDay(results, '2020-02-03', '2020-02-04');
    const tomorrow = check(results).problems;
    expect(tomorrow).toEqual([
      'data/results/2020-02-04: a snapshot for 2020-02-04, a day that has not begun (today is 2020-02-03 in Asia/Shanghai, the time zone of data/project.json): a day is published once it has begun, never ahead. Remove the folder; `shoutu evaluate` writes a day only once it has begun',
    ]);
    expect(check(results, { ...TODAY, day: '2020-02-04' }).problems).toEqual([]);
    // The copy is whole: only its day refuses it.
    expect(check(results, { ...TODAY, day: '2020-02-04' }).days).toContain('2020-02-04');
  });

  test("today comes from the project's time zone, not the machine's", async () => {
    const { results } = await project();
    // 2020-02-03 16:30 UTC is 00:30 on 2020-02-04 in Shanghai, where that day has begun.
    expect(todayFor(results, new Date('2020-02-03T16:30:00Z'))).toEqual({
      day: '2020-02-04',
      zone: 'Asia/Shanghai',
      from: path.join(path.dirname(results), 'project.json'),
    });
    expect(todayFor(results, new Date('2020-02-03T15:59:00Z')).day).toBe('2020-02-03');
    // A results folder on its own: the earliest zone, so no day that has begun anywhere is refused.
    const alone = await mkdtemp(path.join(tmpdir(), 'shoutu-record-alone-'));
    made.push(alone);
    await cp(results, path.join(alone, 'results'), { recursive: true });
    expect(todayFor(path.join(alone, 'results'), new Date('2020-02-03T10:00:00Z'))).toEqual({
      day: '2020-02-04',
      zone: EARLIEST_ZONE,
    });
  });

  test('links are refused and never followed: a day folder, a file, one among superseded days', async () => {
    const { results } = await project();
    const elsewhere = await project();
    await rm(path.join(results, '2020-02-02'), { recursive: true });
    symlinkSync(path.join(elsewhere.results, '2020-02-02'), path.join(results, '2020-02-02'));
    const units = path.join(results, '2020-02-03/210202.units.csv.gz');
    await rm(units);
    symlinkSync(path.join(elsewhere.results, '2020-02-03/210202.units.csv.gz'), units);
    await cp(
      path.join(elsewhere.results, '2020-02-03'),
      path.join(results, 'superseded/2020-02-03/r1'),
      {
        recursive: true,
      },
    );
    symlinkSync('/etc/passwd', path.join(results, 'superseded/2020-02-03/r1/passwd'));
    const link =
      'a symbolic link: expected a plain file or folder; links under the results folder are not followed, so nothing is published from it. Put the file or folder itself there, or remove the link';
    const { days, problems } = check(results);
    expect(problems).toEqual([
      `data/results/2020-02-02: ${link}`,
      `data/results/2020-02-03/210202.units.csv.gz: ${link}`,
      `data/results/superseded/2020-02-03/r1/passwd: ${link}`,
    ]);
    expect(days).toEqual([]);
  });

  test('a FIFO in a day folder is refused without reading it (the check does not hang)', async () => {
    const { results } = await project();
    const fifo = path.join(results, '2020-02-03/210202.places.csv.gz');
    await rm(fifo);
    execFileSync('mkfifo', [fifo]);
    expect(check(results).problems).toEqual([
      'data/results/2020-02-03/210202.places.csv.gz: a FIFO: expected only plain files and folders under the results folder; remove it',
    ]);
  });
});

/** Runs scripts/build.mjs on a project; resolves with its exit code and what it printed. */
async function build(root: string, out: string, cache: string) {
  return run(
    process.execPath,
    ['--conditions=@shoutu/source', '--import', 'tsx', path.join(SITE, 'scripts/build.mjs')],
    {
      cwd: SITE,
      env: {
        ...process.env,
        SHOUTU_ROOT: root,
        SHOUTU_RESULTS_DIR: path.join(root, 'data/results'),
        SHOUTU_SITE_OUT: out,
        SHOUTU_ARCHIVE_CACHE: cache,
      },
      maxBuffer: 64 << 20,
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: e.code ?? -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    }),
  );
}

describe('the site build on a hostile record', () => {
  test('refuses every damaged entry at once, before Astro runs, and leaves the previous output', async () => {
    const { root, results } = await project();
    const work = await mkdtemp(path.join(tmpdir(), 'shoutu-record-build-'));
    made.push(work);
    const out = path.join(work, 'dist');
    await cp(inject('siteMini'), out, { recursive: true });
    await writeFile(path.join(out, 'MARKER'), 'previous');
    const before = (await readdir(out, { recursive: true })).sort();
    // The cache holds both days: a damaged day must be refused even where its pages are cached.
    const cache = path.join(work, 'cache');
    await cp(inject('archiveCacheMini'), cache, { recursive: true });
    await rm(path.join(results, '2020-02-02/210202.findings.csv.gz'));
    copyDay(results, '2020-02-03', '2099-01-01');
    symlinkSync('/etc/passwd', path.join(results, '2020-02-03/passwd'));

    const { code, stdout, stderr } = await build(root, out, cache);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe(
      'site build failed: 3 entries of data/results refused; nothing of it was published:',
    );
    expect(lines[1]).toBe(
      `data/results/2020-02-02/210202.findings.csv.gz: the file does not exist, though data/results/2020-02-02/index.json lists it: ${repairHint('2020-02-02')}`,
    );
    expect(lines[2]).toMatch(
      /^data\/results\/2020-02-03\/passwd: a symbolic link: expected a plain file or folder; links under the results folder are not followed/,
    );
    expect(lines[3]).toMatch(
      /^data\/results\/2099-01-01: a snapshot for 2099-01-01, a day that has not begun \(today is \d{4}-\d{2}-\d{2} in Asia\/Shanghai, the time zone of data\/project\.json\): a day is published once it has begun, never ahead\./,
    );
    expect(lines[4]).toBe(`The previous ${out} (if any) was left untouched.`);
    expect(lines).toHaveLength(5);
    expect(`${stdout}\n${stderr}`).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('internal error');
    // Astro never ran: nothing staged, nothing published, the cache as it was.
    expect(stdout).not.toContain('[build]');
    expect(await readFile(path.join(out, 'MARKER'), 'utf8')).toBe('previous');
    expect((await readdir(out, { recursive: true })).sort()).toEqual(before);
    expect(existsSync(`${out}.build`)).toBe(false);
    expect((await readdir(work)).sort()).toEqual(['cache', 'dist']);
  });

  test("the pages' own reads (lib/results.ts) name a damaged day's file with the same repair", () => {
    // `reading` in lib/results.ts turns the snapshot reader's errors into these messages.
    expect(
      snapshotProblem(
        new SnapshotError('/p/data/results/2020-02-03/210202.json', 'is not valid JSON'),
      ),
    ).toBe(
      `/p/data/results/2020-02-03/210202.json: is not valid JSON: ${repairHint('2020-02-03')}`,
    );
    expect(snapshotProblem(new SnapshotError('/p/data/results/2020-02-03', 'x'))).toContain(
      '--date 2020-02-03',
    );
    // A file outside a day folder: no day to recompute, so no command is offered.
    expect(snapshotProblem(new SnapshotError('/p/data/project.json', 'bad'))).toBe(
      '/p/data/project.json: bad',
    );
  });
});
