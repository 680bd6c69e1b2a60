/**
 * `pnpm bench`: how fast evaluation is, measured, not timed in tests. For the sample's latest day
 * and a province-sized day (`shoutu sample --scale 265`, over 300,000 subjects), it evaluates
 * every check twice, each in a process of its own so that peak memory is its own:
 *   - engine: as `shoutu evaluate` does, with json-rules-engine;
 *   - plain: the same conditions as plain TypeScript closures on the same facts (the limit).
 * It prints subjects/s, rule evaluations/s and peak memory side by side.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadProject, loadReports, main } from '@shoutu/cli';
import type { Finding } from '@shoutu/core';
import {
  appliesTo,
  buildResults,
  directPredicate,
  effectiveOn,
  emptyInputStats,
  evaluateOne,
  factsFor,
  subjectsOn,
} from '@shoutu/engine';
import { serialize } from '../src/snapshots.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const PROVINCE_SCALE = 265;
/** A day on which every rule of the policy set is in force. */
const PROVINCE_DAY = '2020-03-02';

interface Measure {
  subjects: number;
  evaluations: number;
  /** Of the evaluations, how many ran the conditions (the rest lacked a report of the day). */
  ran: number;
  loadSeconds: number;
  evaluateSeconds: number;
  /** Turning the findings into the day's results (scores, roll-up) and their JSON. */
  resultsSeconds: number;
  resultBytes: number;
  peakMB: number;
}

async function worker(root: string, day: string, runner: 'engine' | 'plain'): Promise<Measure> {
  const t0 = performance.now();
  const { project } = await loadProject(root);
  if (!project) throw new Error(`the project at ${root} does not load`);
  const reports = await loadReports(root, project.registry, project.forms);
  const t1 = performance.now();
  const input = { reports: reports.index, day };
  const subjects = subjectsOn(project.registry, day);
  const rules = project.ruleSet.rules.filter((r) => effectiveOn(r.rule, day));
  const predicates = new Map(rules.map((r) => [r, directPredicate(r.rule.conditions, r.shared)]));
  let evaluations = 0;
  let ran = 0;
  const findings: Finding[] = [];
  for (const subject of subjects)
    for (const compiled of rules) {
      if (!appliesTo(compiled.rule, subject)) continue;
      if (runner === 'engine') {
        const f = await evaluateOne(compiled, subject, input);
        findings.push(f);
        if (f.status === 'pass' || f.status === 'fail') ran++;
      } else {
        const gathered = factsFor(compiled, subject, input);
        if (!('status' in gathered)) {
          predicates.get(compiled)?.(gathered.facts);
          ran++;
        }
      }
      evaluations++;
    }
  const t2 = performance.now();
  let resultBytes = 0;
  if (runner === 'engine') {
    const results = buildResults({
      day,
      registry: project.registry,
      rules: project.ruleSet.rules,
      findings,
      facts: project.ruleSet.facts,
      rulesHash: project.ruleSet.hash,
      scoring: project.scoring.method,
      scoringHash: project.scoring.hash,
      input: reports.stats.get(day) ?? emptyInputStats(),
    });
    for (const body of Object.values(serialize(results))) resultBytes += Buffer.byteLength(body);
  }
  const t3 = performance.now();
  return {
    subjects: subjects.length,
    evaluations,
    ran,
    loadSeconds: (t1 - t0) / 1000,
    evaluateSeconds: (t2 - t1) / 1000,
    resultsSeconds: (t3 - t2) / 1000,
    resultBytes,
    peakMB: process.resourceUsage().maxRSS / 1024,
  };
}

async function measure(root: string, day: string, runner: string): Promise<Measure> {
  const run = promisify(execFile);
  const { stdout } = await run(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--worker', root, day, runner],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measure;
}

async function provinceProject(): Promise<string> {
  const root = path.join(tmpdir(), `shoutu-bench-scale-${PROVINCE_SCALE}-${PROVINCE_DAY}`);
  if (!existsSync(path.join(root, 'data', 'registry'))) {
    await mkdir(root, { recursive: true });
    const quiet = {
      out: () => {},
      err: (l: string) => process.stderr.write(`${l}\n`),
      interactive: false,
    };
    const code = await main(
      [
        '--root',
        REPO,
        'sample',
        '--scale',
        String(PROVINCE_SCALE),
        '--from',
        PROVINCE_DAY,
        '--days',
        '1',
        '--out',
        path.join(root, 'data'),
        '--force',
      ],
      quiet,
    );
    if (code !== 0) throw new Error('could not write the province-sized sample');
  }
  await cp(path.join(REPO, 'rules'), path.join(root, 'rules'), { recursive: true });
  return root;
}

function row(label: string, m: Measure): string {
  const perSecond = (n: number) =>
    Math.round(n / m.evaluateSeconds)
      .toLocaleString('en-US')
      .padStart(11);
  return `${label.padEnd(26)} ${m.subjects.toLocaleString('en-US').padStart(9)} ${m.evaluations.toLocaleString('en-US').padStart(11)} ${m.loadSeconds.toFixed(1).padStart(7)} s ${m.evaluateSeconds.toFixed(1).padStart(8)} s ${perSecond(m.subjects)} ${perSecond(m.evaluations)} ${Math.round(m.peakMB).toLocaleString('en-US').padStart(8)} MB`;
}

async function orchestrate(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(
    `${'run'.padEnd(26)} ${'subjects'.padStart(9)} ${'evaluations'.padStart(11)} ${'load'.padStart(9)} ${'evaluate'.padStart(10)} ${'subjects/s'.padStart(11)} ${'evals/s'.padStart(11)} ${'peak'.padStart(11)}`,
  );
  const scenarios: [string, string, string][] = [
    ['sample, 2020-03-24', REPO, '2020-03-24'],
    [`province (scale ${PROVINCE_SCALE}), ${PROVINCE_DAY}`, await provinceProject(), PROVINCE_DAY],
  ];
  for (const [name, root, day] of scenarios) {
    const engine = await measure(root, day, 'engine');
    console.log(row(`${name.split(',')[0]}: engine`, engine));
    const plain = await measure(root, day, 'plain');
    console.log(row(`${name.split(',')[0]}: plain predicates`, plain));
    console.log(
      `  ${name}: ${engine.ran.toLocaleString('en-US')} of the evaluations ran the conditions; the others lacked a report of the day`,
    );
    console.log(
      `  ${name}: building the results (scores rolled up, trends, JSON) took ${engine.resultsSeconds.toFixed(1)} s for ${(engine.resultBytes / 1e6).toFixed(1)} MB`,
    );
    console.log(
      `  ${name}: json-rules-engine takes ${(engine.evaluateSeconds / plain.evaluateSeconds).toFixed(1)}× the time of plain predicates on the same facts`,
    );
  }
}

const args = process.argv.slice(2);
if (args[0] === '--worker') {
  const m = await worker(args[1] as string, args[2] as string, args[3] as 'engine' | 'plain');
  console.log(JSON.stringify(m));
} else
  await orchestrate().catch((e: { stderr?: string; message?: string }) => {
    const why = (e.stderr ?? e.message ?? String(e))
      .split('\n')
      .find((l) => l.startsWith('Error:'));
    console.error(`bench failed: ${why ?? e.message}`);
    process.exitCode = 1;
  });
