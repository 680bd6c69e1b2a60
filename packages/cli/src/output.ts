import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeFrameColumns } from '@babel/code-frame';
import { type Problem, problemPlace, problemWord, sortProblems } from '@shoutu/core';
import { createColors } from 'picocolors';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether progress may be drawn (stderr is a terminal). */
  interactive: boolean;
  /** Whether problems are printed in colour (see `colorWanted`); plain when not said. */
  color?: boolean | undefined;
  /** `github`: each problem is also printed as a GitHub Actions annotation (`::error file=…`). */
  annotations?: 'github' | undefined;
  /** The project folder: problems' files are read from it for code frames. */
  root?: string | undefined;
}

/**
 * Whether to print in colour: `NO_COLOR` (any value but empty) says no, `FORCE_COLOR` says yes
 * (`0` or `false` no), else only on a terminal and not in CI, as picocolors decides.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTerminal && env.TERM !== 'dumb' && !env.CI;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  color: colorWanted(process.env, Boolean(process.stderr.isTTY)),
};

/** Lines of a code frame around this many lines of the place, as ESLint's codeframe prints. */
const FRAME_LINES = 2;
/** Longest line framed, in characters. */
const MAX_FRAME_WIDTH = 400;

/**
 * Prints problems in file order, at most `limit` of them, then how many of each kind there were.
 * Each is `file:line:column: error SHOUTU-R012: message` (docs/design/authors.md §2); a problem
 * at a line and column of a JSON file is followed by a code frame with a caret under the place,
 * in colour when `o.color`. With `o.annotations` each is also a GitHub annotation line (on stderr,
 * which the runner reads as well, so that `--json` keeps stdout to itself).
 */
export function printProblems(o: Output, problems: Problem[], limit = 200): void {
  const sorted = sortProblems(problems);
  const c = createColors(o.color === true);
  const texts = new Map<string, string[] | undefined>();
  for (const p of newest(sorted, limit)) {
    const word = problemWord(p);
    const painted =
      p.setAside !== undefined
        ? c.yellow(word)
        : p.severity === 'error'
          ? c.red(word)
          : c.yellow(word);
    o.err(`${c.bold(problemPlace(p))}: ${painted} ${c.dim(p.code)}: ${p.message}`);
    const frame = codeFrame(o, p, texts);
    if (frame !== undefined) o.err(frame);
    if (o.annotations === 'github') o.err(githubAnnotation(p));
  }
  if (sorted.length > limit)
    o.err(`… and ${sorted.length - limit} more (use --max-problems to see them)`);
}

/** The day folder a problem's file is in (`data/reports/2020-03-23/…`), if any. */
const DAY_IN_PATH = /(?:^|\/)(\d{4}-\d{2}-\d{2})\//;

/**
 * At most `limit` problems, in the order given, keeping the newest when it must cut: problems of
 * no day (rules, registry, forms) first, then the latest day's reports, then the day before…
 * Every build re-checks all past days, so keeping the oldest would hide today's.
 */
function newest(sorted: readonly Problem[], limit: number): Problem[] {
  if (sorted.length <= limit) return [...sorted];
  const dayOf = (p: Problem) => DAY_IN_PATH.exec(p.file)?.[1] ?? '9999-99-99';
  const ranked = sorted
    .map((p, i) => ({ p, i, day: dayOf(p) }))
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.i - b.i))
    .slice(0, limit)
    .sort((a, b) => a.i - b.i);
  return ranked.map((r) => r.p);
}

/** The code frame of a problem at a line and column of a JSON file, or undefined. */
function codeFrame(
  o: Output,
  p: Problem,
  texts: Map<string, string[] | undefined>,
): string | undefined {
  if (o.root === undefined || p.line === undefined || p.column === undefined) return undefined;
  // Set-aside input (an office's report rows, a waiver) is counted in the daily log, not framed:
  // frames are for the files authors edit, where the log stays short.
  if (p.setAside !== undefined) return undefined;
  if (!p.file.endsWith('.json')) return undefined;
  if (!texts.has(p.file)) {
    let lines: string[] | undefined;
    try {
      const text = readFileSync(path.resolve(o.root, p.file), 'utf8');
      lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
    } catch {
      lines = undefined;
    }
    texts.set(p.file, lines);
  }
  const lines = texts.get(p.file);
  if (!lines || p.line > lines.length) return undefined;
  // A line too long to show (a file written on one line) is not framed: the place says it.
  if ((lines[p.line - 1]?.length ?? 0) > MAX_FRAME_WIDTH) return undefined;
  // Only the lines around the place are handed over (those before it blank, so that the
  // frame's line numbers are the file's): a large file costs no more than a small one.
  const first = Math.max(1, p.line - FRAME_LINES);
  const last = Math.min(lines.length, p.line + FRAME_LINES);
  const excerpt =
    '\n'.repeat(first - 1) +
    lines
      .slice(first - 1, last)
      .map((l) => l.replace(/\r$/, ''))
      .join('\n');
  return codeFrameColumns(
    excerpt,
    { start: { line: p.line, column: p.column } },
    {
      highlightCode: o.color === true,
      forceColor: o.color === true,
      linesAbove: FRAME_LINES,
      linesBelow: FRAME_LINES,
    },
  );
}

/** Escapes a value of a GitHub workflow command (`%`, CR, LF; and `:` and `,` in properties). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=SHOUTU-R012::message` (warnings and set-aside input: `::warning`). */
export function githubAnnotation(p: Problem): string {
  const kind = p.severity === 'error' && p.setAside === undefined ? 'error' : 'warning';
  const props = [`file=${escapeProperty(p.file)}`];
  if (p.line !== undefined) props.push(`line=${p.line}`);
  if (p.column !== undefined) props.push(`col=${p.column}`);
  props.push(`title=${escapeProperty(p.code)}`);
  const where = p.field !== undefined ? `${p.field}: ` : p.cell !== undefined ? `${p.cell}: ` : '';
  return `::${kind} ${props.join(',')}::${escapeData(`${where}${p.message}`)}`;
}

export function countOf(problems: Problem[], severity: Problem['severity']): number {
  return problems.filter((p) => p.severity === severity).length;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A progress line on a terminal, redrawn in place; silent when output is not a terminal. */
export function progress(o: Output, label: string) {
  let last = -1;
  return {
    tick(done: number, total: number) {
      if (!o.interactive) return;
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%`,
      );
    },
    done() {
      if (o.interactive && last >= 0) process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Exit codes of every command: 0 clean; 1 problems found in the inputs (errors, or warnings
 * beyond `--max-warnings` / under `--strict`); 2 the command could not run as asked (a usage
 * mistake, no project, a configuration it cannot read, a fault of the disk); 70 a bug in Shoutu.
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 70 } as const;

/** How warnings count: `--strict` is `maxWarnings: 0`; without either, warnings never fail. */
export interface Gate {
  strict?: boolean;
  maxWarnings?: number | undefined;
}

/**
 * The exit code for problems found: 1 on an error that did not only set input aside, or on more
 * warnings than the gate allows; else 0. Set-aside input is counted, never fails a run.
 */
export function exitFor(problems: readonly Problem[], gate: Gate = {}): 0 | 1 {
  if (problems.some((p) => p.severity === 'error' && p.setAside === undefined)) return 1;
  const allowed = gate.strict ? 0 : gate.maxWarnings;
  if (allowed === undefined) return 0;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return warnings > allowed ? 1 : 0;
}
