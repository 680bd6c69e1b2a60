/**
 * `pnpm bench`: Shoutu at real density, measured, not timed in tests (README, "Benchmarks").
 *
 *   province  `shoutu sample --scale 265 --from 2020-02-24 --days 8`; the week before 2020-03-02
 *             is evaluated first, then 2020-03-02 is measured: load, evaluate, results (wall, user
 *             CPU, peak memory), the whole `shoutu evaluate --date`, evaluations/s, and the limit
 *             measured in the same run: plain closures over facts gathered beforehand.
 *   city      scale 30: one day's `shoutu evaluate` (the day before evaluated first), the limit,
 *             and the site build (time, bytes, files, the largest district page gzipped).
 *   history   scale 30 with 30 and 90 days of history: the daily step (evaluate the new day, build
 *             the site with the archive cache warm) at each, extrapolated linearly to 365 days.
 *
 * Every measurement runs in a child process of its own (worker.ts), so that its peak memory is its
 * own. Generated projects, and their earlier days evaluated, are kept under the OS temp dir
 * (`shoutu-bench/`), keyed by scale, days, seed and the hash of the source that made them, so a
 * second run reuses them.
 *
 *   pnpm bench [-- --only province|city|history[,…]] [--quick] [--cache <dir>]
 *
 * `--quick` uses scale 1 and 2 and 3 days of history, so that the harness itself is tested in a few
 * minutes (test/bench.test.ts); its figures say nothing about real density.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SAMPLE } from '@shoutu/cli';
import { readCityDay, snapshotDays } from '@shoutu/core/snapshot';

const REPO = path.resolve(import.meta.dirname, '../../..');
const WORKER = path.join(import.meta.dirname, 'worker.ts');

// ---------------------------------------------------------------------------------------------
// Options

const PARTS = ['province', 'city', 'history'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  only: Set<Part>;
  quick: boolean;
  cache: string;
}

function options(argv: string[]): Options {
  const only = new Set<Part>();
  let quick = false;
  let cache = path.join(tmpdir(), 'shoutu-bench');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg === '--cache') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg}: expected a value after it`);
      if (arg === '--cache') cache = path.resolve(value);
      else
        for (const p of value.split(',')) {
          if (!(PARTS as readonly string[]).includes(p))
            throw new Error(
              `--only ${value}: expected ${PARTS.join(', ')} (or several, with commas)`,
            );
          only.add(p as Part);
        }
    } else
      throw new Error(`${arg}: unknown option (expected --only <part>, --quick or --cache <dir>)`);
  }
  return { only: only.size > 0 ? only : new Set(PARTS), quick, cache };
}

/** The runs: real density, or scale 1 to test the harness. */
function plan(quick: boolean) {
  return {
    province: { scale: quick ? 1 : 265, from: '2020-02-24', days: 8, day: '2020-03-02' },
    city: { scale: quick ? 1 : 30, from: '2020-03-01', days: 2, day: '2020-03-02' },
    history: { scale: quick ? 1 : 30, from: '2020-02-02', points: quick ? [2, 3] : [30, 90] },
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

interface Span {
  wall: number;
  user: number;
  peakMB: number;
}

function say(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Runs worker.ts in a process of its own; returns what it measured. */
function worker<T>(mode: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, WORKER, mode, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out = (out + d.toString()).slice(-1_000_000);
    });
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-100_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('BENCH '));
      if (code === 0 && line) return resolve(JSON.parse(line.slice(6)) as T);
      const why = `${err}\n${out}`
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(-8)
        .join('\n  ');
      reject(new Error(`${mode} ${args.join(' ')} failed (exit ${code}):\n  ${why}`));
    });
  });
}

const cli = (root: string, ...args: string[]) =>
  worker<{ total: Span; lines: string[] }>('cli', [root, ...args]);

// ---------------------------------------------------------------------------------------------
// Projects, cached

/** Files below `dir`, relative, sorted. */
function filesOf(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesOf(path.join(dir, e.name), rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/** sha256 of these files and folders of the repository (paths and bytes). */
function sourceHash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    const full = path.join(REPO, part);
    const files = statSync(full).isDirectory() ? filesOf(full).map((f) => `${part}/${f}`) : [part];
    for (const f of files) {
      h.update(`${f}\0`);
      h.update(readFileSync(path.join(REPO, f)));
      h.update('\0');
    }
  }
  return h.digest('hex').slice(0, 12);
}

/** Hard-links the files below `src` into `dst` (copies where that fails); `keep` filters them. */
function linkTree(src: string, dst: string, keep: (rel: string) => boolean = () => true): void {
  for (const f of filesOf(src)) {
    if (!keep(f)) continue;
    const to = path.join(dst, f);
    if (existsSync(to)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      linkSync(path.join(src, f), to);
    } catch {
      copyFileSync(path.join(src, f), to);
    }
  }
}

const DONE = '.bench-complete';

/** Makes `dir` with `make` unless an earlier run finished making it. */
async function cached(dir: string, what: string, make: (dir: string) => Promise<void>) {
  if (existsSync(path.join(dir, DONE))) {
    say(`${what}: reusing ${dir}`);
    return dir;
  }
  say(`${what}: making ${dir} (kept for the next run)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await make(dir);
  writeFileSync(path.join(dir, DONE), '');
  return dir;
}

/** `shoutu sample` output with the repository's rules beside it. */
function generated(o: Options, scale: number, from: string, days: number): Promise<string> {
  const seed = DEFAULT_SAMPLE.seed;
  const key = sourceHash('packages/cli/src/sample', 'packages/cli/src/commands/sample.ts');
  const dir = path.join(o.cache, `sample-s${scale}-${from}-d${days}-seed${seed}-${key}`);
  return cached(dir, `sample scale ${scale}, ${days} days from ${from}`, async (d) => {
    await cli(
      REPO,
      'sample',
      '--scale',
      String(scale),
      '--from',
      from,
      '--days',
      String(days),
      '--seed',
      String(seed),
      '--out',
      path.join(d, 'data'),
      '--force',
    );
  });
}

/** The hash of what makes a snapshot: the packages' source, the rules, the lockfile. */
const evaluatorHash = () =>
  sourceHash(
    'packages/core/src',
    'packages/engine/src',
    'packages/cli/src',
    'rules',
    'pnpm-lock.yaml',
  );

const reportDaysOf = (project: string) =>
  readdirSync(path.join(project, 'data/reports'))
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();

/**
 * A project from a generated one, with the reports of `days` only and the repository's rules:
 * its results folder is its own (files linked, never shared).
 */
function assemble(gen: string, dir: string, days: readonly string[]): void {
  const wanted = new Set(days);
  linkTree(path.join(gen, 'data'), path.join(dir, 'data'), (f) => {
    const [top, day] = f.split('/');
    if (top === 'results') return false;
    return top !== 'reports' || wanted.has(day as string);
  });
  linkTree(path.join(REPO, 'rules'), path.join(dir, 'rules'));
}

/** The generated project with its first `days` days of reports evaluated by `shoutu evaluate`. */
function evaluated(gen: string, days: readonly string[]): Promise<string> {
  const dir = `${gen}-evaluated-${days.length}-${evaluatorHash()}`;
  return cached(dir, `evaluating ${days.length} days (${days[0]} to ${days.at(-1)})`, async (d) => {
    assemble(gen, d, days);
    await cli(d, 'evaluate');
  });
}

/** A fresh working copy: `from` linked (results included) into `<cache>/work/<name>`. */
function workCopy(o: Options, name: string, from: string, gen: string, days: string[]): string {
  const dir = path.join(o.cache, 'work', name);
  rmSync(dir, { recursive: true, force: true });
  // With it the parse cache of the earlier days, if the loader keeps one: as in a daily run.
  linkTree(from, dir, (f) => f !== DONE);
  assemble(gen, dir, days);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Output

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (s: number) => `${s.toFixed(s < 10 ? 2 : 1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const size = (bytes: number) =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(2)} GB`
    : bytes >= 1e6
      ? mb(bytes)
      : `${(bytes / 1e3).toFixed(1)} KB`;
const span = (s: Span) =>
  `${sec(s.wall)} wall ${sec(s.user).padStart(9)} user ${`${int(s.peakMB)} MB`.padStart(9)} peak`;

/** One figure: label, value, and what it is held against (the limit, the issue's target). */
function figure(label: string, value: string, against = ''): void {
  console.log(`  ${label.padEnd(50)} ${value}${against ? `   ${against}` : ''}`);
}

/** `target ≤ 10 s: met` */
function target(text: string, met: boolean): string {
  return `target ${text}: ${met ? 'met' : 'MISSED'}`;
}

// ---------------------------------------------------------------------------------------------
// Parts

interface Phases {
  load: Span;
  evaluate: Span;
  results: Span;
  subjects: number;
  evaluations: number;
  resultBytes: number;
}

interface Limit {
  ready: number;
  failed: number;
  gatherSeconds: number;
  engineSeconds: number;
  closureSeconds: number;
}

function printLimit(l: Limit): void {
  figure(
    'evaluation on ready facts',
    `${sec(l.engineSeconds)} for ${int(l.ready)} checks = ${int(l.ready / l.engineSeconds)} evaluations/s`,
  );
  figure(
    'limit: plain closures on the same ready facts',
    `${sec(l.closureSeconds)} = ${int(l.ready / l.closureSeconds)} evaluations/s`,
  );
  const ratio = l.closureSeconds / l.engineSeconds;
  figure(
    'ready facts vs closures (speed ratio)',
    `${ratio.toFixed(3)} (1/${(1 / ratio).toFixed(1)})`,
    target('≥ 1/3', ratio >= 1 / 3),
  );
  figure('gathering those facts (not in the ratio)', sec(l.gatherSeconds));
}

async function province(o: Options): Promise<void> {
  const p = plan(o.quick).province;
  const gen = await generated(o, p.scale, p.from, p.days);
  const all = reportDaysOf(gen);
  const before = all.filter((d) => d < p.day);
  const prep = await evaluated(gen, before);
  const days = all.filter((d) => d <= p.day);
  say(`province: measuring ${p.day}`);
  const phases = await worker<Phases>('phases', [workCopy(o, 'province', prep, gen, days), p.day]);
  const whole = await cli(workCopy(o, 'province', prep, gen, days), 'evaluate', '--date', p.day);
  const limit = await worker<Limit>('limit', [workCopy(o, 'province', prep, gen, days), p.day]);
  console.log(
    `\nprovince day: scale ${p.scale}, ${p.day} with ${before.length} days evaluated before it; ${int(phases.subjects)} subjects, ${int(phases.evaluations)} checks`,
  );
  figure('load (project, reports, waivers)', span(phases.load));
  figure('evaluate (every check)', span(phases.evaluate));
  figure(
    'results (scores, roll-up, trends, serialised)',
    `${span(phases.results)}, ${mb(phases.resultBytes)}`,
  );
  const w = whole.total;
  figure(
    'shoutu evaluate --date (load + evaluate + results)',
    span(w),
    `${target('≤ 10 s wall', w.wall <= 10)}; ${target('≤ 1 GB peak', w.peakMB <= 1024)}`,
  );
  figure('evaluations/s (evaluate phase)', int(phases.evaluations / phases.evaluate.wall));
  printLimit(limit);
}

/** Bytes and files of a folder. */
function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  const files = filesOf(dir);
  for (const f of files) bytes += statSync(path.join(dir, f)).size;
  return { bytes, files: files.length };
}

/** The largest page of a district (gzipped), found by the district codes of the latest day. */
function districtPages(root: string, dist: string): { page: string; gzip: number; count: number } {
  const results = path.join(root, 'data/results');
  const latest = snapshotDays(results).at(-1);
  if (!latest) throw new Error(`${results}: no snapshot to find the districts in`);
  const codes = new Set(readCityDay(results, latest).districts.map((d) => d.code));
  let best = { page: '', gzip: 0, count: 0 };
  for (const f of filesOf(dist)) {
    const parts = f.split('/');
    if (parts.at(-1) !== 'index.html' || parts.includes('archive')) continue;
    if (!codes.has(parts.at(-2) as string)) continue;
    best.count++;
    const gzip = gzipSync(readFileSync(path.join(dist, f))).length;
    if (gzip > best.gzip) best = { ...best, page: f, gzip };
  }
  return best;
}

async function city(o: Options): Promise<void> {
  const p = plan(o.quick).city;
  const gen = await generated(o, p.scale, p.from, p.days);
  const all = reportDaysOf(gen);
  const prep = await evaluated(
    gen,
    all.filter((d) => d < p.day),
  );
  const root = workCopy(
    o,
    'city',
    prep,
    gen,
    all.filter((d) => d <= p.day),
  );
  say(`city: measuring ${p.day}`);
  const whole = await cli(root, 'evaluate', '--date', p.day);
  const limit = await worker<Limit>('limit', [root, p.day]);
  const out = path.join(o.cache, 'work', 'city-dist');
  const archive = path.join(o.cache, 'work', 'city-archive-cache');
  rmSync(out, { recursive: true, force: true });
  rmSync(archive, { recursive: true, force: true });
  say('city: building the site');
  const built = await worker<{ total: Span }>('site', [root, out, archive]);
  const dist = folderSize(out);
  const pages = districtPages(root, out);
  const snapshot = folderSize(path.join(root, 'data/results', p.day));
  console.log(`\ncity day: scale ${p.scale}, ${p.day} (the day before evaluated first)`);
  figure('shoutu evaluate --date (load + evaluate + results)', span(whole.total));
  figure(
    'snapshot of the day',
    `${mb(snapshot.bytes)} in ${snapshot.files} files`,
    `design budget ≤ 2.5 MB: ${snapshot.bytes <= 2.5e6 ? 'met' : 'MISSED'}`,
  );
  printLimit(limit);
  figure('site build (2 days, archive cache cold)', span(built.total));
  figure('site: bytes and files', `${size(dist.bytes)} in ${int(dist.files)} files`);
  figure(
    'largest district page, gzipped',
    `${size(pages.gzip)} (${pages.page}, of ${pages.count} district pages)`,
    target('≤ 150 KB', pages.gzip <= 150 * 1024),
  );
}

interface Step {
  days: number;
  validate: Span;
  evaluate: Span;
  site: Span;
  cost: number;
  snapshotPerDay: number;
  dist: { bytes: number; files: number };
}

async function history(o: Options): Promise<void> {
  const p = plan(o.quick).history;
  const last = p.points.at(-1) as number;
  const gen = await generated(o, p.scale, p.from, last + 1);
  const all = reportDaysOf(gen);
  const prep = await evaluated(gen, all.slice(0, last));
  const root = path.join(o.cache, 'work', 'history');
  const out = path.join(o.cache, 'work', 'history-dist');
  const archive = path.join(o.cache, 'work', 'history-archive-cache');
  for (const d of [root, out, archive]) rmSync(d, { recursive: true, force: true });
  const steps: Step[] = [];
  let have = 0;
  for (const n of p.points) {
    // The history: n days evaluated (snapshots from the prepared project) and the site built once.
    const days = all.slice(0, n);
    linkTree(prep, root, (f) => {
      const [top, sub, day] = f.split('/');
      if (top === 'data' && sub === 'results') return days.includes(day as string);
      return f !== DONE && (top !== 'data' || sub !== 'reports');
    });
    assemble(gen, root, days);
    if (n > have) {
      say(
        `history: validating and building the site for ${n} days (warms the validation ledger and the archive cache, as yesterday's run left them; not timed)`,
      );
      await cli(root, 'validate');
      await worker('site', [root, out, archive]);
    }
    // The daily step: the new day's reports arrive, it is evaluated and the site built.
    const next = all[n] as string;
    assemble(gen, root, all.slice(0, n + 1));
    say(`history: the daily step after ${n} days (${next})`);
    // As the build's pipeline runs it: validate (every file, parsing only new ones), evaluate.
    const validate = (await cli(root, 'validate')).total;
    const evaluate = (await cli(root, 'evaluate')).total;
    const site = (await worker<{ total: Span }>('site', [root, out, archive])).total;
    const results = path.join(root, 'data/results');
    const snapshotDaysNow = snapshotDays(results);
    let snapshotBytes = 0;
    for (const d of snapshotDaysNow) snapshotBytes += folderSize(path.join(results, d)).bytes;
    steps.push({
      days: n,
      validate,
      evaluate,
      site,
      cost: validate.wall + evaluate.wall + site.wall,
      snapshotPerDay: snapshotBytes / snapshotDaysNow.length,
      dist: folderSize(out),
    });
    have = n + 1;
  }
  const [a, b] = steps as [Step, Step];
  // A cost that did not grow between the two points (noise can make it fall) is not extrapolated
  // downwards: the later measurement stands for 365 days.
  const at365 = (x: number, y: number) =>
    Math.max(y, x + ((y - x) * (365 - a.days)) / (b.days - a.days));
  console.log(
    `\ndaily build with long history: scale ${p.scale}, from ${p.from}; history of ${a.days} and ${b.days} days, then one new day`,
  );
  for (const s of steps) {
    figure(`daily step after ${s.days} days: validate`, span(s.validate));
    figure(`daily step after ${s.days} days: evaluate`, span(s.evaluate));
    figure(`daily step after ${s.days} days: site build`, span(s.site));
    figure(
      `daily step after ${s.days} days: cost`,
      `${sec(s.cost)} wall, ${sec(s.validate.user + s.evaluate.user + s.site.user)} user`,
    );
    figure(
      `site after ${s.days + 1} days: bytes and files`,
      `${size(s.dist.bytes)} in ${int(s.dist.files)} files`,
    );
  }
  const cost365 = at365(a.cost, b.cost);
  const note = `(extrapolated linearly from ${a.days} and ${b.days} days, never below the ${b.days}-day figure)`;
  const user = (x: Step) => x.validate.user + x.evaluate.user + x.site.user;
  figure(
    'daily step after 365 days: cost',
    `${sec(cost365)} wall, ${sec(at365(user(a), user(b)))} user ${note}`,
    target('≤ 60 s', cost365 <= 60),
  );
  const ratio = cost365 / a.cost;
  const userRatio = at365(user(a), user(b)) / user(a);
  figure(
    `cost(365)/cost(${a.days})`,
    `${ratio.toFixed(2)} wall, ${userRatio.toFixed(2)} user ${note}`,
    target('≤ 1.15', ratio <= 1.15),
  );
  const perDay = b.snapshotPerDay;
  figure(
    'snapshot bytes per day × 365',
    `${size(perDay)} × 365 = ${size(perDay * 365)}`,
    target('≤ 1 GB', perDay * 365 <= 1e9),
  );
  const bytes365 = at365(a.dist.bytes, b.dist.bytes);
  const files365 = at365(a.dist.files, b.dist.files);
  figure(
    'site after 365 days: bytes and files',
    `${size(bytes365)} in ${int(files365)} files ${note}`,
    `${target('< 1 GB', bytes365 < 1e9)}; ${target('< 100,000 files', files365 < 100_000)}`,
  );
}

// ---------------------------------------------------------------------------------------------

async function run(): Promise<void> {
  const o = options(process.argv.slice(2));
  mkdirSync(o.cache, { recursive: true });
  console.log(
    `shoutu bench${o.quick ? ' --quick (scale 1: tests the harness; the figures say nothing of real density)' : ''}: node ${process.version}, ${process.platform}/${process.arch}; wall and user CPU in seconds, peak = the measuring process's maximum resident set`,
  );
  const parts: Record<Part, (o: Options) => Promise<void>> = { province, city, history };
  for (const part of PARTS) {
    if (!o.only.has(part)) continue;
    // A part that fails (a build that refuses its output, say) does not stop the others.
    await parts[part](o).catch((e: unknown) => {
      console.log(`\n${part}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
  }
}

await run().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
