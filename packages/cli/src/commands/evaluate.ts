import { addDays, isValidDay, type Problem, RESULTS_SCHEMA, scoringVersion } from '@shoutu/core';
import { buildResults, type DayResults, evaluateDay, sumInputStats } from '@shoutu/engine';
import type { z } from 'zod';
import { faultMessage, faultReason, isErrno, WRITE_FAULTS } from '../durable.js';
import { UserError } from '../files.js';
import type { EvaluatedDayJson, EvaluateJson } from '../json/evaluate.js';
import { problemJson } from '../json/problem.js';
import { type LazyReports, loadWaivers, openReports, type Waivers } from '../load.js';
import { planLog, printLog, quietOutput } from '../log.js';
import { countOf, type Output, plural, progress } from '../output.js';
import { loadProject } from '../project.js';
import { todayOf } from '../report-cache.js';
import { LockedError, Snapshots, type Stamp, sameFindings, serialize } from '../snapshots.js';

export interface EvaluateOptions {
  root: string;
  /** Evaluate this day only; a day without reports shows every report as missing. */
  date?: string | undefined;
  /** Evaluate days that already have a snapshot again, keeping the earlier snapshot. */
  recompute?: boolean;
  /** False: parse every report file read afresh, and use no cache in `.shoutu/cache/`. */
  cache?: boolean;
  maxProblems: number;
  /** Print one JSON object (`EvaluateJson`) on stdout and nothing else. */
  json?: boolean;
}

/** How far back trends look (the month's window of `trendOf`): the days whose hashes are checked. */
const HISTORY_DAYS = 29;

function setRevision(r: DayResults, revision: number): void {
  r.city.revision = revision;
  for (const d of r.districts) d.revision = revision;
}

const score = (s: number | null) => (s === null ? 'none' : s.toFixed(1));

/**
 * Evaluates the days that have data but no snapshot (or the day given) and writes each as an
 * immutable snapshot in `data/results/<day>/`. A day that has one is left as published unless
 * `--recompute` is given; then an earlier snapshot that differs is kept under
 * `data/results/superseded/`.
 */
export async function evaluate(out: Output, opts: EvaluateOptions): Promise<number> {
  const quiet = opts.json ? quietOutput() : undefined;
  const o = quiet ?? out;
  const run: RunLog = { problems: [], evaluated: [], kept: 0 };
  const code = await evaluateDays(o, opts, run);
  if (quiet) {
    const read = run.reports?.source.read();
    const set = read ? sumInputStats(read.stats.values()) : undefined;
    // Every report problem of the files read, even where the run stopped before saying them.
    const days = planLog(read?.problems ?? [], {
      limit: Number.POSITIVE_INFINITY,
      published: run.published ?? (() => false),
    });
    out.out(
      JSON.stringify({
        command: 'evaluate',
        exitCode: code,
        problems: planLog([...run.problems, ...days.problems], {
          limit: Number.POSITIVE_INFINITY,
          published: () => false,
        }).problems.map(problemJson),
        evaluated: run.evaluated,
        kept: run.kept,
        ...(read && set
          ? {
              reports: {
                files: read.files,
                days: read.days,
                setAsideFiles: set.setAsideFiles,
                setAsideRows: set.setAsideRows,
              },
            }
          : {}),
        days: days.days,
        notes: quiet.lines,
      } satisfies z.infer<typeof EvaluateJson>),
    );
  }
  return code;
}

/** What a run found, for `--json`. */
interface RunLog {
  /** The project's, the waivers' and the run's own problems (report problems are in `plan`). */
  problems: Problem[];
  evaluated: z.infer<typeof EvaluatedDayJson>[];
  kept: number;
  reports?: LazyReports;
  /** Whether a report day is published and not written by this run. */
  published?: (day: string) => boolean;
}

async function evaluateDays(o: Output, opts: EvaluateOptions, run: RunLog): Promise<number> {
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date))
    throw new UserError(`--date ${opts.date}: expected a date written as YYYY-MM-DD`);
  if (opts.date !== undefined && !isValidDay(opts.date))
    throw new UserError(`--date ${opts.date}: that day is not in the calendar`);
  const { project, problems } = await loadProject(opts.root);
  run.problems.push(...problems);
  // With --json the problems are in the JSON; the other lines are its notes.
  const printGeneral = (list: Problem[]) => {
    if (!opts.json) printLog(o, planLog(list, { limit: opts.maxProblems, published: () => false }));
  };
  if (!project) {
    printGeneral(problems);
    o.err(
      `evaluation stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method; the published results were left as they were`,
    );
    return 1;
  }
  // Today in the project's time zone: only a guard, as for reports (`todayOf`); a day that has
  // not begun there cannot be evaluated. Results never depend on the clock.
  const today = todayOf(project.settings);
  if (opts.date !== undefined && opts.date > today.day) {
    throw new UserError(
      `--date ${opts.date}: that day has not begun yet (today is ${today.day} in ${today.timeZone}, the time zone of data/project.json); a snapshot is published once and a day can only be evaluated once it has begun`,
    );
  }
  const { registry, ruleSet, scoring } = project;
  if (
    opts.date !== undefined &&
    registry.unitsInForce(opts.date, registry.districtLevel.id).length === 0
  ) {
    const message = `--date ${opts.date}: no ${registry.districtLevel.id} of the registry is in force that day; nothing was evaluated`;
    run.problems.push({ severity: 'error', code: 'SHOUTU-E004', file: 'data/registry', message });
    o.err(`error: ${message}`);
    return 1;
  }
  // Only the days evaluated and the earlier days their look-backs touch are read.
  const reports = openReports(opts.root, project, { cache: opts.cache !== false, today });
  run.reports = reports;
  const waivers = await loadWaivers(opts.root, registry, ruleSet.rules);
  run.problems.push(...waivers.problems);
  // The project's and the waivers' problems first; the report days' once they are read (`reportRead`).
  printGeneral([...problems, ...waivers.problems]);
  const hasRows = (day: string) => !isEmpty(reports.source.rowsOf(day));
  // The days with reports: a day already published had them; a day to evaluate is read to know.
  const snapshots = new Snapshots(opts.root);
  const days =
    opts.date !== undefined
      ? [opts.date]
      : reports.source.days().filter((d) => (!opts.recompute && snapshots.has(d)) || hasRows(d));
  // The days this run writes are listed in full; the published ones it reads are summarised.
  const writing = new Set<string>();
  const isPublished = (d: string) => snapshots.has(d) && !writing.has(d);
  run.published = isPublished;
  const read = (always = true) =>
    reportRead(o, reports, waivers, {
      limit: opts.maxProblems,
      published: isPublished,
      always,
      problems: !opts.json,
    });
  if (opts.date !== undefined && !hasRows(opts.date)) {
    // The daily run evaluates the calendar day on purpose: reports that did not arrive show as missing.
    const message = `no reports for ${opts.date} were accepted: every report that day counts as missing`;
    run.problems.push({
      severity: 'warning',
      code: 'SHOUTU-E005',
      file: `data/reports/${opts.date}`,
      message,
    });
    o.err(`warning: ${message}`);
  }
  if (days.length === 0) {
    read(false);
    o.err(
      'no reports found in data/reports/: nothing to evaluate (give --date to evaluate a day without reports)',
    );
    return 1;
  }
  // One run writes data/results/ at a time; what a run killed before left is settled first.
  let lock: { release: () => void } | undefined;
  const written: string[] = [];
  try {
    lock = await snapshots.lock((line) => o.err(line));
    const recovered = await snapshots.recover();
    for (const day of recovered.restored)
      o.err(`note: restored the snapshot of ${day}, which an interrupted run had moved aside`);
    for (const day of recovered.completed)
      o.err(`note: completed the recompute of ${day} that an interrupted run had begun`);
    for (const day of recovered.undone)
      o.err(
        `note: undid the recompute of ${day} that an interrupted run had begun; the snapshot of ${day} stays as published`,
      );
    // A changed method must say so: the version is how readers tell a new method from changed work.
    const published = await snapshots.days();
    for (const day of published.slice().reverse()) {
      const stamp = await snapshots.stamp(day);
      if (!stamp || stamp.schema !== RESULTS_SCHEMA) continue;
      if (
        stamp.scoringVersion === scoringVersion(scoring.method) &&
        stamp.scoringHash !== scoring.hash
      ) {
        const message = `the scoring method changed since the snapshot of ${day} but its version is still ${stamp.scoringVersion}: raise "version" so that scores computed the new way can be told apart; nothing was evaluated`;
        run.problems.push({
          severity: 'error',
          code: 'SHOUTU-E001',
          file: 'rules/scoring.json',
          message,
        });
        o.err(`rules/scoring.json: error: ${message}`);
        return 1;
      }
      break;
    }
    const todo = days.filter((d) => opts.recompute || !snapshots.has(d));
    const kept = days.length - todo.length;
    // Trust nothing in silence: every snapshot kept as published is checked (its index, and every
    // file it lists there); those later days take their trends and streaks from (the 29 days
    // before each day evaluated) are checked whole, every file against its sha256. One that
    // fails before a day to evaluate stops the run.
    const evaluating = new Set(todo);
    for (const d of todo) writing.add(d);
    const first = todo[0];
    const last = todo[todo.length - 1];
    const lookBack = first === undefined ? undefined : addDays(first, -HISTORY_DAYS);
    let blocked = 0;
    let damaged = 0;
    for (const day of published) {
      if (evaluating.has(day)) continue;
      // A snapshot of an earlier results format is whole in its own format: it gives later days
      // no history (their trends start afresh), as it always has, and is not damaged.
      const stamp = await snapshots.stamp(day);
      if (stamp && stamp.schema !== undefined && stamp.schema !== RESULTS_SCHEMA) continue;
      const feeds = lookBack !== undefined && last !== undefined && day >= lookBack && day < last;
      const bad = snapshots.verify(day, feeds);
      if (!bad) continue;
      const blocks = last !== undefined && day < last;
      if (blocks) blocked++;
      else damaged++;
      const message = `${bad.problem}: the snapshot of ${day} is incomplete, so later days cannot take their trends and streaks from it; repair it with \`shoutu evaluate --recompute --date ${day}\``;
      run.problems.push({
        severity: blocks ? 'error' : 'warning',
        code: blocks ? 'SHOUTU-E002' : 'SHOUTU-E003',
        file: bad.file,
        message,
      });
      o.err(`${blocks ? 'error' : 'warning'}: ${bad.file}: ${message}`);
    }
    if (blocked > 0) {
      o.err(
        `evaluation stopped: ${plural(blocked, 'incomplete snapshot')} before the days to evaluate; the published results were left as they were`,
      );
      return 1;
    }
    run.kept = kept;
    if (todo.length === 0) {
      read(false);
      o.out(
        `nothing to evaluate: ${days.length === 1 ? `${days[0]} already has a snapshot` : `all ${days.length} days with reports already have snapshots`} in data/results/, kept as published (give --recompute to evaluate again)`,
      );
      return damagedExit(o, damaged);
    }
    // What the snapshots being replaced say of themselves: read once, used for the notes and revisions.
    const earlierStamps = new Map<string, Stamp | undefined>();
    for (const day of todo) {
      const stamp = snapshots.has(day) ? await snapshots.stamp(day) : undefined;
      earlierStamps.set(day, stamp);
      if (stamp && stamp.schema !== undefined && stamp.schema !== RESULTS_SCHEMA)
        o.err(
          `note: the snapshot of ${day} is in results format ${String(stamp.schema)}; it is replaced by format ${RESULTS_SCHEMA} and kept under data/results/superseded/`,
        );
    }

    // Trends and streaks look at the day before: say when it has reports but no snapshot.
    const reportDays = new Set(reports.source.days());
    const planned = new Set([...published, ...todo]);
    const gaps = todo.filter((d) => reportDays.has(addDays(d, -1)) && !planned.has(addDays(d, -1)));
    for (const d of gaps)
      o.err(
        `note: ${addDays(d, -1)} has reports but no snapshot, so the trends and streaks of ${d} start afresh (run \`shoutu evaluate\` without --date to evaluate every day in order)`,
      );

    const bar = progress(o, 'evaluating');
    let checks = 0;
    const replaced: string[] = [];
    const replacedDays: string[] = [];
    let unchanged = 0;
    for (const [i, day] of todo.entries()) {
      const findings = await evaluateDay({
        registry,
        rules: ruleSet.rules,
        reports: reports.index,
        day,
      });
      checks += findings.length;
      const earlier = earlierStamps.get(day);
      const results = buildResults({
        day,
        registry,
        rules: ruleSet.rules,
        findings,
        facts: ruleSet.facts,
        rulesHash: ruleSet.hash,
        scoring: scoring.method,
        scoringHash: scoring.hash,
        waivers: waivers.waivers,
        waiversHash: waivers.hash,
        input: reports.source.statsOf(day),
        history: snapshots.history,
        revision: earlier?.revision ?? 1,
        forms: project.forms.values(),
        languages: project.settings.languages,
      });
      if (snapshots.has(day)) {
        const before = await snapshots.files(day);
        // A damaged snapshot is always replaced, even where what can be read of it looks the same.
        if (snapshots.verify(day) === undefined && sameFindings(before, serialize(results))) {
          // Same findings and scores: the published snapshot stands as it is.
          unchanged++;
          run.evaluated.push(evaluatedDay(day, 'unchanged', results));
          snapshots.remember(day, results);
          bar.tick(i + 1, todo.length);
          continue;
        }
        const keptAs = snapshots.keptNumber(day, earlier?.revision ?? 1);
        const old = safeScore(before['index.json']?.toString('utf8'));
        setRevision(results, keptAs + 1);
        const where = await snapshots.replace(day, keptAs, serialize(results), results);
        written.push(day);
        replaced.push(
          `${day}: city score ${old} → ${score(results.city.summary.score)} (revision ${keptAs + 1}; the earlier snapshot is kept in ${where}/)`,
        );
        replacedDays.push(day);
        run.evaluated.push(evaluatedDay(day, 'replaced', results));
      } else {
        await snapshots.write(day, serialize(results), results);
        written.push(day);
        run.evaluated.push(evaluatedDay(day, 'written', results));
      }
      bar.tick(i + 1, todo.length);
    }
    bar.done();
    read();
    const parts = [
      `evaluated ${plural(todo.length, 'day')} (${todo[0]} to ${todo[todo.length - 1]}): ${plural(checks, 'check')}`,
    ];
    if (kept > 0) parts.push(`${plural(kept, 'earlier snapshot')} kept as published`);
    if (opts.recompute) parts.push(`${unchanged} unchanged, ${replaced.length} replaced`);
    o.out(
      `${parts.join('; ')}; results in data/results/ (scoring ${scoringVersion(scoring.method)})`,
    );
    for (const line of replaced) o.out(`recomputed ${line}`);
    // Later snapshots took their trends and streaks from the replaced day.
    const done = new Set(todo);
    const stale = published.filter((d) => !done.has(d) && replacedDays.some((r) => r < d));
    if (stale.length > 0)
      o.err(
        `note: ${plural(stale.length, 'later snapshot')} (${stale[0]} to ${stale[stale.length - 1]}) keep trends and streaks computed from the earlier snapshot; \`shoutu evaluate --recompute\` without --date recomputes every day in order`,
      );
    return damagedExit(o, damaged);
  } catch (error) {
    if (error instanceof LockedError) {
      o.err(`error: ${error.message}`);
      return 1;
    }
    if (isErrno(error) && WRITE_FAULTS.has(error.code)) {
      o.err(
        `error: ${faultMessage(error, opts.root)}; the published results were left as they were`,
      );
      if (written.length > 0)
        o.err(
          `note: ${plural(written.length, 'day')} evaluated before it ${written.length === 1 ? 'was' : 'were'} written whole (${written[0]} to ${written[written.length - 1]})`,
        );
      return 1;
    }
    throw error;
  } finally {
    lock?.release();
  }
}

function safeScore(index: string | undefined): string {
  try {
    return score(JSON.parse(index ?? '').summary.score ?? null);
  } catch {
    return 'unreadable';
  }
}

function isEmpty(rows: Iterable<unknown>): boolean {
  for (const _ of rows) return false;
  return true;
}

function evaluatedDay(
  day: string,
  outcome: z.infer<typeof EvaluatedDayJson>['outcome'],
  results: DayResults,
): z.infer<typeof EvaluatedDayJson> {
  return {
    day,
    outcome,
    cityScore: results.city.summary.score ?? null,
    revision: results.city.revision ?? 1,
  };
}

/**
 * What the run read: the problems of the report files of the days it needed (the days it writes
 * in full, the published ones a line each: `log.ts`), those files (and how many came from the
 * cache), and the files and rows set aside among them.
 */
function reportRead(
  o: Output,
  reports: LazyReports,
  waivers: Waivers,
  log: { limit: number; published: (day: string) => boolean; always: boolean; problems: boolean },
): void {
  const read = reports.source.read();
  if (log.problems) printLog(o, planLog(read.problems, log));
  const setAside = sumInputStats(read.stats.values());
  if (setAside.setAsideFiles + setAside.setAsideRows > 0)
    o.err(
      `reports set aside: ${plural(setAside.setAsideFiles, 'file')}, ${plural(setAside.setAsideRows, 'row')}`,
    );
  if (waivers.setAsideFiles + waivers.setAsideWaivers > 0)
    o.err(
      `waivers set aside: ${plural(waivers.setAsideFiles, 'file')}, ${plural(waivers.setAsideWaivers, 'waiver')}; the findings they would cover count as usual`,
    );
  const cache = reports.cache;
  // The cache only saves time: a full disk or a read-only .shoutu/ never fails a run.
  if (cache && cache.writeFailures > 0)
    o.err(
      `note: .shoutu/cache/: ${faultReason(cache.writeError)}: ${plural(cache.writeFailures, 'parsed report file')} could not be kept in the cache; the run went on without it`,
    );
  if (!log.always && read.files === 0) return;
  const how = cache ? `: ${cache.hits} from the cache, ${cache.parsed} parsed` : '';
  const days = read.days.length;
  o.err(
    `read ${plural(read.files, 'report file')} of ${plural(days, 'day')}${days > 0 ? ` (${read.days[0]} to ${read.days[days - 1]})` : ''}${how}`,
  );
}

/**
 * A damaged snapshot that did not stop the run (it comes after every day evaluated) still fails
 * it: the record is never left damaged in silence, and the site build refuses it too.
 */
function damagedExit(o: Output, damaged: number): number {
  if (damaged === 0) return 0;
  o.err(
    `error: ${plural(damaged, 'published snapshot')} ${damaged === 1 ? 'is' : 'are'} incomplete (see above); repair ${damaged === 1 ? 'it' : 'each'} with \`shoutu evaluate --recompute --date <day>\``,
  );
  return 1;
}
