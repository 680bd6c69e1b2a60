/**
 * A problem found in an input file, located precisely enough for a person to fix it:
 * `line`/`column` for JSON, `line`/`field` for CSV rows (the line in the file, header = 1),
 * `cell` for a workbook (`Sheet1!C12`; `line` is then the row of the sheet).
 *
 * Every problem carries a stable `code` from the catalogue (`PROBLEM_CODES`, `codes/`), listed
 * with an explanation in docs/problems.md. A problem that set input aside (a report row or
 * file, a waiver) says so in `setAside`: it is counted and printed under the words "set aside",
 * never "error", and it does not fail a run (the rest goes on).
 */
export interface Problem {
  severity: 'error' | 'warning';
  /** A code of the catalogue (`PROBLEM_CODES`), e.g. "SHOUTU-R012". */
  code: string;
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  field?: string | undefined;
  /** A workbook cell, `<sheet>!<column><row>`, e.g. "Sheet1!C12". */
  cell?: string | undefined;
  /** What was set aside because of it: a report row, a whole file, a waiver. */
  setAside?: 'row' | 'file' | 'waiver' | undefined;
  message: string;
}

/** A problem before its site has given it a code (`problemAt` without one). */
export type UncodedProblem = Omit<Problem, 'code'> & { code?: string | undefined };

/** Where a problem is: `file:line:column`, `file:line:field` or `file:Sheet1!C12`. */
export function problemPlace(p: Problem): string {
  let where = p.file;
  if (p.cell !== undefined) return `${where}:${p.cell}`;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.column !== undefined) where += `:${p.column}`;
  if (p.field !== undefined) where += `:${p.field}`;
  return where;
}

/**
 * The word a problem is printed under: "set aside" for input left out of a run (never "error",
 * so a log of a green run has no line that says `error:`), else its severity.
 */
export function problemWord(p: Problem): string {
  return p.setAside !== undefined ? 'set aside' : p.severity;
}

/** `file:line:column: error SHOUTU-R012: message` (docs/design/authors.md §2). */
export function formatProblem(p: Problem): string {
  return `${problemPlace(p)}: ${problemWord(p)} ${p.code}: ${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.field ?? '', b.field ?? '') ||
      cmp(a.cell ?? '', b.cell ?? '') ||
      cmp(a.message, b.message),
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Closest candidate by edit distance, for "did you mean …?" hints. */
export function didYouMean(word: string, names: Iterable<string>): string | undefined {
  const candidates = [...names];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best) return best;
  // A word that is the start of a longer name ("grid-daily.households") most likely meant it.
  const lower = word.toLowerCase();
  for (const c of candidates) if (c.toLowerCase().startsWith(lower) && lower.length >= 4) return c;
  return undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export function hint(word: string, candidates: Iterable<string>): string {
  const guess = didYouMean(word, candidates);
  return guess ? `; did you mean "${guess}"?` : '';
}
