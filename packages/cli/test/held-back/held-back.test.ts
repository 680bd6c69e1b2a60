/**
 * Issue 13, "Done when": a held-back set of author mistakes run against `rules check` and
 * `rules test`; every one must get a located, actionable message and a non-zero exit.
 *
 * Per case (mistakes.ts) it asserts:
 * - the exit code is 1 (problems found), not 0, not 2 (usage) and not 70 (a bug);
 * - a problem line names the edited file with a line number (`file:line`, `file:line:column`,
 *   `file:line:field`), at `line` when the case gives one;
 * - that problem's own lines (not its code frame) say what the case expects;
 * - with `oneError`, no other error line (one root cause gives one error);
 * - no line is generic ("does not match any allowed form", "found nothing", "expected a
 *   character that is not allowed in JSON" …), and none is a stack trace.
 *
 * `SHOUTU_HELD_BACK_RESULTS=<file>` writes what each case got, as Markdown (RESULTS.md).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers.js';
import { CHECK, editOf, MISTAKES, type Mistake } from './mistakes.js';

/** Messages that tell an author that something is wrong but not what to write instead. */
export const GENERIC = [
  /does not match any allowed form/i,
  /found nothing/i,
  /expected a character that is not allowed in JSON/i,
  /^[^:]*:\s*(error|warning)[^:]*:\s*invalid input\b/i,
  /\bInvalid input\b/,
  /Unexpected token/,
  /\binternal error\b/i,
  /^\s+at .+:\d+:\d+\)?$/,
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const ANSI = /\x1b\[[0-9;]*m/g;
/** A line of a code frame (`> 10 |   "severity": …`, `     |   ^`): it quotes the file, it does not explain. */
const FRAME = /^\s*>?\s*\d*\s*\|/;
/** A line that starts a located problem. */
const LOCATED = /(^|\s)[^\s:]+\.(json|csv|xlsx|md):\d+/;

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Verdict {
  code: number;
  lines: string[];
  failures: string[];
}

/** Judges one run of a case; `failures` is empty when the message is located and actionable. */
export function judge(m: Mistake, code: number, output: string): Verdict {
  const lines = output.replace(ANSI, '').split('\n');
  const failures: string[] = [];
  if (code !== 1) failures.push(`exit code ${code}, expected 1`);
  const files = typeof m.file === 'string' ? [m.file] : m.file;
  const at = new RegExp(
    `(^|\\s)(${files.map(literal).join('|')}):${m.line === undefined ? '\\d+' : `${m.line}(?!\\d)`}`,
  );
  const blocks: string[][] = [];
  lines.forEach((line, i) => {
    if (!at.test(line)) return;
    const block = [line];
    for (const next of lines.slice(i + 1)) {
      if (LOCATED.test(next) && !FRAME.test(next)) break;
      if (!FRAME.test(next)) block.push(next);
    }
    blocks.push(block);
  });
  const where = `${files.join(' or ')}:${m.line ?? 'N'}`;
  if (blocks.length === 0) failures.push(`no problem names ${where}`);
  else if (!blocks.some((b) => m.says.test(b.join('\n'))))
    failures.push(`no problem at ${where} says ${m.says}`);
  if (m.summary && !m.summary.test(lines.join('\n')))
    failures.push(`the output never says ${m.summary}`);
  if (m.oneError) {
    const errors = lines.filter((l) => LOCATED.test(l) && !FRAME.test(l) && /\berror\b/.test(l));
    if (errors.length > 1) failures.push(`${errors.length} errors for one root cause`);
  }
  const generic = lines.filter((l) => !FRAME.test(l) && GENERIC.some((g) => g.test(l)));
  if (generic.length > 0) failures.push(`generic: ${generic.join(' | ')}`);
  return { code, lines, failures };
}

const verdicts = new Map<string, Verdict>();
/** Rule-file mistakes that `rules test` lets through or does not locate. */
const alsoTest: string[] = [];

describe('held-back author mistakes (issue 13)', () => {
  it('has at least 60 cases, each with a name of its own', () => {
    expect(MISTAKES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(MISTAKES.map((m) => m.name)).size).toBe(MISTAKES.length);
  });

  it('judges: a located, actionable message passes; generic, unlocated or exit 0 does not', () => {
    const m: Mistake = {
      name: 'x',
      did: 'x',
      run: [],
      edit: async () => {},
      file: 'rules/a/b.json',
      line: 10,
      says: /"critical"/,
    };
    const good = 'rules/a/b.json:10:3: error SHOUTU-R001: expected one of "critical", "major"';
    expect(judge(m, 1, good).failures).toEqual([]);
    expect(judge(m, 1, `${good}\n> 10 | "critical"`).failures).toEqual([]);
    expect(judge(m, 0, good).failures).toEqual(['exit code 0, expected 1']);
    expect(judge(m, 1, good.replace(':10:', ':1:')).failures).toHaveLength(1);
    expect(judge(m, 1, good.replace(':10:', ':100:')).failures).toHaveLength(1);
    // The expected word only in the code frame does not count.
    expect(judge(m, 1, 'rules/a/b.json:10:3: error: bad\n> 10 |   "critical"').failures).toEqual([
      'no problem at rules/a/b.json:10 says /"critical"/',
    ]);
    expect(
      judge(m, 1, `${good}\nrules/a/b.json:1:1: error: found nothing (at severity)`).failures,
    ).toHaveLength(1);
    const twice = `${good}\nrules/a/b.json:12:3: error: unknown level`;
    expect(judge(m, 1, twice).failures).toEqual([]);
    expect(judge({ ...m, oneError: true }, 1, twice).failures).toEqual([
      '2 errors for one root cause',
    ]);
  });

  for (const m of MISTAKES) {
    it(`${m.name}`, async () => {
      const fixture = await loadFixture('mini');
      await m.edit(editOf(fixture));
      const r = await fixture.run(...m.run);
      const v = judge(m, r.code, [r.err, r.out].join('\n'));
      verdicts.set(m.name, v);
      expect(
        v.failures,
        `${m.did}\n$ shoutu ${m.run.join(' ')} → ${r.code}\n${v.lines.join('\n')}`,
      ).toEqual([]);
    }, 60_000);
  }

  // A broken rule stops `rules test` too: each mistake `rules check` must catch, with its place.
  it('every rule-file mistake also stops rules test with exit 1 and its file:line', async () => {
    const missed: string[] = [];
    for (const m of MISTAKES.filter((x) => x.run === CHECK && !x.name.startsWith('version:'))) {
      const fixture = await loadFixture('mini');
      await m.edit(editOf(fixture));
      const r = await fixture.run('rules', 'test');
      const located = judge(
        { ...m, says: /./, oneError: undefined },
        r.code,
        [r.err, r.out].join('\n'),
      );
      const bad = located.failures.filter((f) => !f.startsWith('generic'));
      if (bad.length > 0) missed.push(`${m.name}: ${bad.join('; ')}`);
    }
    alsoTest.push(...missed);
    expect(missed).toEqual([]);
  }, 300_000);

  afterAll(() => {
    const target = process.env.SHOUTU_HELD_BACK_RESULTS;
    if (!target) return;
    writeFileSync(
      target,
      target.endsWith('.md')
        ? resultsMarkdown(verdicts, alsoTest)
        : JSON.stringify(Object.fromEntries(verdicts), null, 2),
    );
  });
});

/** The stream of issue 13 most likely to own a case's fix (authors.md §7), for the merge. */
function streamOf(m: Mistake): string {
  if (/^(test|config):|^version: a changed/.test(m.name)) return 'B (tests & versions)';
  return 'A (problems)';
}

/** RESULTS.md: which cases fail, and what they get instead of a located, actionable message. */
function resultsMarkdown(verdicts: Map<string, Verdict>, alsoTest: string[]): string {
  const failing = MISTAKES.filter((m) => (verdicts.get(m.name)?.failures.length ?? 1) > 0);
  const out = [
    '# Held-back author mistakes: results',
    '',
    'Written by `held-back.test.ts` (do not edit by hand):',
    '',
    '```sh',
    'SHOUTU_HELD_BACK_RESULTS=$PWD/packages/cli/test/held-back/RESULTS.md npx -y pnpm@10 exec vitest run --project cli test/held-back',
    'npx -y pnpm@10 exec prettier --write packages/cli/test/held-back/RESULTS.md',
    '```',
    '',
    `${MISTAKES.length} cases: ${MISTAKES.length - failing.length} get a located, actionable message and exit 1; ${failing.length} do not.`,
    '',
    '## Failing cases',
    '',
  ];
  for (const m of failing) {
    const v = verdicts.get(m.name);
    out.push(`### ${m.name}`, '');
    out.push(`- The author ${m.did}; \`shoutu ${m.run.join(' ')}\`; likely stream ${streamOf(m)}.`);
    out.push(`- Why it fails: ${v ? v.failures.join('; ') : 'the case did not run'}.`);
    const got = (v?.lines ?? []).filter((l) => l.trim() !== '').slice(0, 6);
    out.push('- What it gets:', '', '  ```text', ...got.map((l) => `  ${l}`), '  ```', '');
  }
  out.push(
    '## The same rule-file mistakes under `rules test`',
    '',
    'Each case run with `rules check` is run again with `rules test`, which must stop with exit 1',
    'and the same file:line.',
    '',
    ...(alsoTest.length === 0 ? ['All do.'] : alsoTest.map((x) => `- Not: ${x}`)),
    '',
  );
  out.push('## Passing cases', '');
  for (const m of MISTAKES.filter((x) => !failing.includes(x))) out.push(`- ${m.name}`);
  return `${out.join('\n')}\n`;
}
