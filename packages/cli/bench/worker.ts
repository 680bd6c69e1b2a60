/**
 * One measurement, in a process of its own so that its peak memory is its own. Run by run.ts as
 * `node <its flags> worker.ts <mode> <args…>`; the last line it prints is `BENCH <json>`.
 *
 *   cli <root> <args…>        the `shoutu` command (`main()`), e.g. `evaluate --date D`
 *   phases <root> <day>       load, evaluate and build results of a day, each phase timed
 *   limit <root> <day>        the engine on ready facts against plain closures on the same facts
 *   site <root> <out> <cache> the site's build script (scripts/build.mjs) for the project's results
 */
import path from 'node:path';
import { main } from '@shoutu/cli';
import {
  checksOf,
  closuresOf,
  evaluateFor,
  evaluateReady,
  gather,
  loadForDay,
  resultsFor,
} from './seams.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

/** Wall and user CPU seconds since `from`, and the process's peak memory so far (MB). */
interface Span {
  wall: number;
  user: number;
  peakMB: number;
}

function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return (): Span => ({
    wall: (performance.now() - wall) / 1000,
    user: process.cpuUsage(cpu).user / 1e6,
    peakMB: process.resourceUsage().maxRSS / 1024,
  });
}

async function cli(root: string, args: string[]): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const keep = (l: string) => {
    lines.push(l);
    process.stderr.write(`${l}\n`);
  };
  const stop = clock();
  const code = await main(['--root', root, ...args], { out: keep, err: keep, interactive: false });
  const total = stop();
  if (code !== 0) throw new Error(`shoutu ${args.join(' ')} exited with ${code}`);
  return { total, lines };
}

async function phases(root: string, day: string): Promise<Record<string, unknown>> {
  let stop = clock();
  const loaded = await loadForDay(root, day);
  const load = stop();
  stop = clock();
  const findings = await evaluateFor(loaded, day);
  const evaluate = stop();
  stop = clock();
  const resultBytes = resultsFor(root, loaded, day, findings);
  const results = stop();
  const subjects = checksOf(loaded, day).subjects.length;
  return { load, evaluate, results, subjects, evaluations: findings.length, resultBytes };
}

async function limit(root: string, day: string): Promise<Record<string, unknown>> {
  const loaded = await loadForDay(root, day);
  const { subjects, rules } = checksOf(loaded, day);
  const closures = closuresOf(rules);
  // In slices, so that the facts of a province day are never all in memory at once.
  const SLICE = 5000;
  let ready = 0;
  let gatherSeconds = 0;
  let engineSeconds = 0;
  let closureSeconds = 0;
  let failed = 0;
  for (let i = 0; i < subjects.length; i += SLICE) {
    let t = performance.now();
    const checks = gather(loaded, day, subjects.slice(i, i + SLICE), rules);
    gatherSeconds += (performance.now() - t) / 1000;
    ready += checks.length;
    t = performance.now();
    for (const c of checks) evaluateReady(c);
    engineSeconds += (performance.now() - t) / 1000;
    t = performance.now();
    for (const c of checks) if (!closures.get(c.compiled)?.(c.facts)) failed++;
    closureSeconds += (performance.now() - t) / 1000;
  }
  return { ready, failed, gatherSeconds, engineSeconds, closureSeconds };
}

async function site(root: string, out: string, cache: string): Promise<Record<string, unknown>> {
  process.env.SHOUTU_ROOT = root;
  process.env.SHOUTU_SITE_OUT = out;
  process.env.SHOUTU_ARCHIVE_CACHE = cache;
  delete process.env.SHOUTU_RESULTS_DIR;
  const stop = clock();
  // The build script runs as it is imported (it exits the process with a message on failure).
  await import(path.join(REPO, 'apps/site/scripts/build.mjs'));
  return { total: stop() };
}

const [mode, ...args] = process.argv.slice(2);
const a = (i: number) => args[i] as string;
const run =
  mode === 'cli'
    ? () => cli(a(0), args.slice(1))
    : mode === 'phases'
      ? () => phases(a(0), a(1))
      : mode === 'limit'
        ? () => limit(a(0), a(1))
        : mode === 'site'
          ? () => site(a(0), a(1), a(2))
          : undefined;
if (!run) {
  console.error(`worker: unknown mode ${mode}`);
  process.exit(2);
}
try {
  const measured = await run();
  process.stdout.write(`\nBENCH ${JSON.stringify(measured)}\n`);
  // Astro may leave handles open; the measurement is done.
  process.exit(0);
} catch (e) {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
