import { formatProblem, type Problem, sortProblems } from '@shoutu/core';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether progress may be drawn (stderr is a terminal). */
  interactive: boolean;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
};

/** Prints problems in file order, at most `limit` of them, then how many of each kind there were. */
export function printProblems(o: Output, problems: Problem[], limit = 200): void {
  const sorted = sortProblems(problems);
  for (const p of sorted.slice(0, limit)) o.err(formatProblem(p));
  if (sorted.length > limit)
    o.err(`… and ${sorted.length - limit} more (use --max-problems to see them)`);
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
