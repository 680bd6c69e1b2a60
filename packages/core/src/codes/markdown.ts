import { PROBLEM_CODES } from './index.js';
import type { ProblemCodeInfo } from './types.js';

/** What each letter after `SHOUTU-` is about, in the order the page lists them. */
export const CODE_LETTERS: readonly (readonly [string, string])[] = [
  ['J', 'JSON syntax'],
  ['S', 'Shape of a file'],
  ['R', 'Rules'],
  ['T', 'Rule tests'],
  ['V', 'Rule versions'],
  ['G', 'Registry'],
  ['F', 'Forms'],
  ['P', 'Project and configuration'],
  ['C', 'Scoring'],
  ['D', 'Report data'],
  ['X', 'Workbooks and encodings'],
  ['W', 'Waivers'],
  ['E', 'Evaluating and the record'],
  ['N', 'Renamed words'],
];

const SEVERITY_WORDS: Record<ProblemCodeInfo['severity'], string> = {
  error: 'error',
  warning: 'warning (fails under `--strict` or past `--max-warnings`)',
  'set-aside': 'set aside (the input is left out, counted and said; the run goes on)',
};

/**
 * `docs/problems.md`: every problem code of the catalogue, grouped by letter, each with its
 * name, severity, title and explanation. Written by `shoutu schemas`; a test fails when the
 * committed page differs.
 */
export function problemsMarkdown(codes: readonly ProblemCodeInfo[] = PROBLEM_CODES): string {
  const out: string[] = [
    '# Problem codes',
    '',
    '<!-- Generated from the catalogue in packages/core/src/codes/ by `shoutu schemas`: do not edit. -->',
    '',
    'Every problem Shoutu reports carries a stable code, printed after its severity:',
    '',
    '```text',
    'rules/prevention/grid-screening.json:29:9: error SHOUTU-R012: unknown fact "grid-daily.households"',
    '```',
    '',
    'A code never changes meaning. Exit codes: 0 clean, 1 problems found (errors, or warnings under `--strict` / past `--max-warnings`), 2 the command could not run as asked, 70 a bug in Shoutu. Input that was set aside (a report row or file, a waiver) is printed under the words "set aside" and never fails a run.',
    '',
  ];
  const known = new Set(CODE_LETTERS.map(([l]) => l));
  const letters = [
    ...CODE_LETTERS,
    ...[...new Set(codes.map((c) => c.code.charAt(7)))]
      .filter((l) => !known.has(l))
      .sort()
      .map((l) => [l, l] as const),
  ];
  for (const [letter, title] of letters) {
    const group = codes
      .filter((c) => c.code.charAt(7) === letter)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (group.length === 0) continue;
    out.push(`## ${letter}: ${title}`, '');
    for (const c of group) {
      out.push(`### ${c.code} ${c.name}`, '');
      out.push(
        `**${c.title}.** Severity: ${SEVERITY_WORDS[c.severity]}.${c.retired ? ' Retired: no longer reported.' : ''}`,
        '',
      );
      out.push(c.explanation, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
