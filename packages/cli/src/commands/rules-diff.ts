import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cmp, type Finding, isValidDay, type Rule, textIn } from '@shoutu/core';
import { buildResults, type CompiledRule, emptyInputStats, evaluateDay } from '@shoutu/engine';
import { UserError } from '../files.js';
import { loadReports, loadRules, loadScoring, loadWaivers, type Scoring } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { todayOf } from '../report-cache.js';

const git = promisify(execFile);

export interface DiffOptions {
  root: string;
  /** The git revision whose rules are compared with the working tree's. */
  rev: string;
  date?: string | undefined;
  json: boolean;
  /** How many changed outcomes to list. */
  limit: number;
  maxProblems: number;
}

/** Copies `rules/` as it was at a git revision into a temporary project folder. */
async function rulesAt(root: string, rev: string): Promise<{ dir: string; commit: string }> {
  let commit: string;
  try {
    commit = (
      await git('git', ['-C', root, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
    ).stdout.trim();
  } catch {
    throw new UserError(`--rev ${rev}: not a revision of the git repository at ${root}`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'shoutu-rules-'));
  const listed = (
    await git('git', ['-C', root, 'ls-tree', '-r', '--name-only', '-z', commit, '--', 'rules'])
  ).stdout;
  for (const file of listed.split('\0').filter(Boolean)) {
    const { stdout } = await git('git', ['-C', root, 'show', `${commit}:${file}`], {
      maxBuffer: 64 * 1024 * 1024,
    });
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), stdout);
  }
  return { dir, commit: commit.slice(0, 12) };
}

/**
 * `shoutu rules diff`: what a change to the rules does before it is published. The rules at a
 * revision (default: the last commit) and the rules in the working tree are both evaluated on
 * the current data; the scores of districts and units, and the outcomes that change, are shown.
 */
export async function rulesDiff(o: Output, opts: DiffOptions): Promise<number> {
  if (opts.date !== undefined && !isValidDay(opts.date))
    throw new UserError(`--date ${opts.date}: expected a real date written as YYYY-MM-DD`);
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `rules diff stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method of the working tree`,
    );
    return 1;
  }
  const { registry, forms, ruleSet } = project;
  const before = await rulesAt(opts.root, opts.rev);
  try {
    const old = await loadRules(before.dir, registry, forms);
    if (!old.value || countOf(old.problems, 'error') > 0) {
      printProblems(o, old.problems, opts.maxProblems);
      o.err(
        `the rules at ${opts.rev} (${before.commit}) do not load with the current forms and registry`,
      );
      return 1;
    }
    const reports = await loadReports(opts.root, registry, forms, {
      today: todayOf(project.settings),
    });
    const day = opts.date ?? reports.index.days().at(-1);
    if (day === undefined)
      throw new UserError('no reports in data/reports/: give --date to compare on a day');
    if (!reports.index.days().includes(day))
      o.err(
        `warning: no reports for ${day} were accepted: every report that day counts as missing on both sides`,
      );
    const waivers = await loadWaivers(opts.root, registry, ruleSet.rules);
    // Rules from before the scoring method existed are scored with today's method.
    const oldScoring = (await loadScoring(before.dir)).value ?? project.scoring;
    const run = async (rules: CompiledRule[], hash: string, scoring: Scoring) => {
      const findings = await evaluateDay({ registry, rules, reports: reports.index, day });
      const results = buildResults({
        day,
        registry,
        rules,
        findings,
        facts: ruleSet.facts,
        rulesHash: hash,
        scoring: scoring.method,
        scoringHash: scoring.hash,
        waivers: waivers.waivers,
        input: emptyInputStats(),
        forms: project.forms.values(),
        languages: project.settings.languages,
      });
      return { findings, results };
    };
    const a = await run(old.value.rules, old.value.hash, oldScoring);
    const b = await run(ruleSet.rules, ruleSet.hash, project.scoring);

    const rulesChange = changedRules(old.value.rules, ruleSet.rules);
    const scoreOf = (r: typeof a.results) =>
      new Map(r.city.districts.map((d) => [d.code, d.summary.score]));
    const sa = scoreOf(a.results);
    const districts = b.results.city.districts.map((d) => ({
      code: d.code,
      name: d.name,
      before: sa.get(d.code) ?? null,
      after: d.summary.score,
    }));
    const outcomes = changedOutcomes(a.findings, b.findings);
    // Streets, communities and grids whose score moves, largest change first.
    const unitScores = (r: typeof a.results) =>
      new Map(
        r.districts.flatMap((d) =>
          d.units.map((u) => [u.code, { unit: u, score: u.summary.score }] as const),
        ),
      );
    const ua = unitScores(a.results);
    const units = [...unitScores(b.results).values()]
      .map(({ unit, score }) => ({
        code: unit.code,
        level: unit.level,
        name: unit.name,
        before: ua.get(unit.code)?.score ?? null,
        after: score,
      }))
      .filter((u) => u.before !== u.after)
      .sort(
        (x, y) =>
          Math.abs((y.after ?? 0) - (y.before ?? 0)) - Math.abs((x.after ?? 0) - (x.before ?? 0)) ||
          cmp(x.code, y.code),
      );
    const report = {
      rev: opts.rev,
      commit: before.commit,
      day,
      rules: rulesChange,
      city: { before: a.results.city.summary.score, after: b.results.city.summary.score },
      districts,
      units,
      outcomes,
    };
    if (opts.json) {
      o.out(JSON.stringify(report, null, 2));
      return 0;
    }
    o.out(
      `impact of the rules in the working tree against ${opts.rev} (${before.commit}), on the data of ${day}`,
    );
    o.out(
      `rules: ${list('changed', rulesChange.changed)}; ${list('added', rulesChange.added)}; ${list('removed', rulesChange.removed)}`,
    );
    const w = Math.max(...districts.map((d) => `${d.code} ${textIn(d.name, 'en')}`.length));
    o.out(
      `${'city'.padEnd(w)}  ${score(report.city.before)} → ${score(report.city.after)}  ${delta(report.city.before, report.city.after)}`,
    );
    for (const d of districts)
      o.out(
        `${`${d.code} ${textIn(d.name, 'en')}`.padEnd(w)}  ${score(d.before)} → ${score(d.after)}  ${delta(d.before, d.after)}`,
      );
    o.out(
      `units whose score changes: ${units.length}${units.length > opts.limit ? ` (the ${opts.limit} largest; --limit to see more)` : ''}`,
    );
    for (const u of units.slice(0, opts.limit))
      o.out(
        `  ${u.level.padEnd(9)} ${u.code} ${textIn(u.name, 'en')}  ${score(u.before)} → ${score(u.after)}  ${delta(u.before, u.after)}`,
      );
    o.out(
      `outcomes that change: ${outcomes.length}${outcomes.length > opts.limit ? ` (the first ${opts.limit}; --limit to see more)` : ''}`,
    );
    for (const c of outcomes.slice(0, opts.limit))
      o.out(
        `  ${c.rule}  ${c.subject}  ${c.before ?? 'not checked'} → ${c.after ?? 'not checked'}`,
      );
    return 0;
  } finally {
    await rm(before.dir, { recursive: true, force: true });
  }
}

function list(word: string, ids: string[]): string {
  return `${ids.length} ${word}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
}

function score(s: number | null): string {
  return (s === null ? '–' : s.toFixed(1)).padStart(5);
}

function delta(a: number | null, b: number | null): string {
  if (a === null || b === null) return '';
  const d = Math.round((b - a) * 10) / 10;
  return d === 0 ? '±0' : d > 0 ? `+${d.toFixed(1)}` : `−${(-d).toFixed(1)}`;
}

function changedRules(before: CompiledRule[], after: CompiledRule[]) {
  const key = (r: Rule) => `${r.id}@${r.version}`;
  const a = new Map(before.map((c) => [key(c.rule), JSON.stringify(c.rule)]));
  const b = new Map(after.map((c) => [key(c.rule), JSON.stringify(c.rule)]));
  return {
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).sort(cmp),
    added: [...b.keys()].filter((k) => !a.has(k)).sort(cmp),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(cmp),
  };
}

function changedOutcomes(before: Finding[], after: Finding[]) {
  const key = (f: Finding) => `${f.rule}\u0000${f.subject}`;
  const a = new Map(before.map((f) => [key(f), f.status]));
  const b = new Map(after.map((f) => [key(f), f.status]));
  const out: { rule: string; subject: string; before: string | null; after: string | null }[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) === b.get(k)) continue;
    const [rule = '', subject = ''] = k.split('\u0000');
    out.push({ rule, subject, before: a.get(k) ?? null, after: b.get(k) ?? null });
  }
  return out.sort((x, y) => cmp(x.rule, y.rule) || cmp(x.subject, y.subject));
}
