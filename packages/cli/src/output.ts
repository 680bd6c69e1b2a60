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
