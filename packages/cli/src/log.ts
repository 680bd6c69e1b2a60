/**
 * The daily log of `shoutu validate` and `shoutu evaluate` (docs/design/authors.md §5): problems
 * of report days already published are summarised in one line per day, today's (the days not
 * published, or being written by this run) are listed in full, and `--max-problems` keeps the
 * newest when it must cut. Input set aside prints under the words `set aside`, never `error:`.
 */
import { type Problem, sortProblems } from '@shoutu/core';
import { type Output, plural, printProblems } from './output.js';

const REPORT_DAY = /^data\/reports\/(\d{4}-\d{2}-\d{2})\//;

/** The report day a problem is about (`data/reports/<day>/…`), or none (project, rules, waivers). */
export function dayOfProblem(p: Pick<Problem, 'file'>): string | undefined {
  return REPORT_DAY.exec(p.file)?.[1];
}

/** What one report day's problems come to. */
export interface DayCount {
  day: string;
  /** Whether the day has a snapshot that this run does not write. */
  published: boolean;
  setAsideRows: number;
  setAsideFiles: number;
  warnings: number;
  /** Errors that did not only set input aside (none in a healthy reader). */
  errors: number;
}

function countDay(day: string, published: boolean, problems: readonly Problem[]): DayCount {
  const rows = new Set<string>();
  const files = new Set<string>();
  let warnings = 0;
  let errors = 0;
  for (const p of problems) {
    if (p.setAside === 'row') rows.add(`${p.file}:${p.line ?? ''}`);
    else if (p.setAside !== undefined) files.add(p.file);
    else if (p.severity === 'warning') warnings++;
    else errors++;
  }
  return {
    day,
    published,
    setAsideRows: rows.size,
    setAsideFiles: files.size,
    warnings,
    errors,
  };
}

/** `3 rows and 1 file set aside, 2 warnings` */
export function describeCount(c: Omit<DayCount, 'day' | 'published'>): string {
  const setAside = [
    c.setAsideRows > 0 ? plural(c.setAsideRows, 'row') : '',
    c.setAsideFiles > 0 ? plural(c.setAsideFiles, 'file') : '',
  ].filter(Boolean);
  const parts: string[] = [];
  if (setAside.length > 0) parts.push(`${setAside.join(' and ')} set aside`);
  if (c.warnings > 0) parts.push(plural(c.warnings, 'warning'));
  if (c.errors > 0) parts.push(plural(c.errors, 'error'));
  return parts.join(', ');
}

export interface LogOptions {
  /** `--max-problems`: at most this many lines of problems and summaries. */
  limit: number;
  /** Whether a report day is published: it has a snapshot and this run does not write it. */
  published: (day: string) => boolean;
  /** List this day in full and leave the other report days out (`validate --day`). */
  only?: string | undefined;
}

/** What the log shows: the problems listed, the days summarised, and what was cut. */
export interface LogPlan {
  /** Every problem, with `setAside` said, in file order. */
  problems: Problem[];
  /** The problems listed in full, in file order. */
  listed: Problem[];
  /** Published days with problems, one line each, oldest first. */
  summarised: DayCount[];
  /** Every report day with problems, oldest first. */
  days: DayCount[];
  /** Problems of days listed in full that did not fit, and the days they are of. */
  cut: { problems: number; days: string[] };
  /** Published days that did not fit, folded into one line. */
  folded: DayCount[];
}

export function planLog(all: readonly Problem[], opts: LogOptions): LogPlan {
  const problems = sortProblems([...all]);
  const general: Problem[] = [];
  const byDay = new Map<string, Problem[]>();
  for (const p of problems) {
    const day = dayOfProblem(p);
    if (day === undefined) general.push(p);
    else byDay.set(day, [...(byDay.get(day) ?? []), p]);
  }
  const newestFirst = [...byDay.keys()].sort().reverse();
  const days = newestFirst.map((d) => countDay(d, opts.published(d), byDay.get(d) ?? [])).reverse();
  const full = (d: string) => (opts.only !== undefined ? d === opts.only : !opts.published(d));
  // What is kept when the list must be cut: the project's own problems, then the days listed in
  // full from the newest back (today's first).
  const wanted: Problem[] = [...general];
  for (const d of newestFirst) if (full(d)) wanted.push(...(byDay.get(d) ?? []));
  const kept = wanted.slice(0, opts.limit);
  const rest = wanted.slice(opts.limit);
  const cutDays = [
    ...new Set(rest.map(dayOfProblem).filter((d): d is string => d !== undefined)),
  ].sort();
  const summaries = opts.only !== undefined ? [] : days.filter((c) => c.published && !full(c.day));
  // Summaries take what room the full list left, the newest first; the rest fold into one line.
  const room = Math.max(opts.limit - kept.length, 1);
  const fits = summaries.length <= room ? summaries.length : Math.max(room - 1, 0);
  const summarised = summaries.slice(summaries.length - fits);
  const folded = summaries.slice(0, summaries.length - fits);
  return {
    problems,
    listed: sortProblems(kept),
    summarised,
    days,
    cut: { problems: rest.length, days: cutDays },
    folded,
  };
}

const range = (days: readonly string[]) =>
  days.length === 1 ? days[0] : `${days[0]} to ${days[days.length - 1]}`;

/**
 * Prints the plan: the published days' summaries (oldest first; the oldest folded into one line
 * when they do not fit), then today's problems in full, then what `--max-problems` cut.
 */
export function printLog(o: Output, plan: LogPlan, command = 'shoutu validate'): void {
  if (plan.folded.length > 0) {
    const total = sumCounts(plan.folded);
    o.err(
      `${range(plan.folded.map((c) => c.day))} (${plural(plan.folded.length, 'published day')}): ${describeCount(total)} — ${command} --day <day> to list one`,
    );
  }
  for (const c of plan.summarised)
    o.err(`${c.day} (published): ${describeCount(c)} — ${command} --day ${c.day} to list them`);
  printProblems(o, plan.listed, Number.POSITIVE_INFINITY);
  if (plan.cut.problems > 0)
    o.err(
      `… and ${plan.cut.problems} more${plan.cut.days.length > 0 ? ` of ${range(plan.cut.days)}` : ''} (the newest were kept; use --max-problems to see them)`,
    );
}

function sumCounts(counts: readonly DayCount[]): Omit<DayCount, 'day' | 'published'> {
  const t = { setAsideRows: 0, setAsideFiles: 0, warnings: 0, errors: 0 };
  for (const c of counts) {
    t.setAsideRows += c.setAsideRows;
    t.setAsideFiles += c.setAsideFiles;
    t.warnings += c.warnings;
    t.errors += c.errors;
  }
  return t;
}

/** An output that prints nothing and keeps the lines it was given, in order (for `--json`). */
export function quietOutput(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), interactive: false, lines };
}
