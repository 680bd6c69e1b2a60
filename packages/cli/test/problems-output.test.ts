import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { RulesCheckJson } from '../src/json/rules-check.js';
import { colorWanted, githubAnnotation, type Output, printProblems } from '../src/output.js';
import { project, run } from './helpers.js';

const RULE = 'rules/prevention/grid-screening.json';

async function edit(root: string, rel: string, change: (text: string) => string) {
  const file = path.join(root, rel);
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
}

function capture(extra: Partial<Output> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const o: Output = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    interactive: false,
    ...extra,
  };
  return { o, out, err };
}

/** The escape that starts a colour. */
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);
const plain = (s: string | undefined) => s?.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '');

describe('printed problems', () => {
  const problem: Problem = {
    severity: 'error',
    code: 'SHOUTU-R012',
    file: RULE,
    line: 29,
    column: 9,
    message: 'unknown fact "x"',
  };

  test('colour: NO_COLOR wins, FORCE_COLOR forces, else only on a terminal outside CI', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ CI: 'true' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
  });

  test('a JSON file gets a code frame with a caret under the place, plain without colour', async () => {
    const root = await project('mini');
    const { o, err } = capture({ root });
    printProblems(o, [problem]);
    expect(err[0]).toBe(`${RULE}:29:9: error SHOUTU-R012: unknown fact "x"`);
    expect(err[1]).toBe(
      [
        '  27 |     "all": [',
        '  28 |       {',
        '> 29 |         "fact": "grid-daily.households_visited",',
        '     |         ^',
        '  30 |         "operator": "greaterThanInclusive",',
        '  31 |         "value": { "fact": "subject.households" }',
      ].join('\n'),
    );
    expect(err.join('\n')).not.toMatch(ANSI);
  });

  test('in colour, the place, the word and the frame are painted', async () => {
    const root = await project('mini');
    const { o, err } = capture({ root, color: true });
    printProblems(o, [problem]);
    expect(err[0]).toMatch(ANSI);
    expect(plain(err[0])).toBe(`${RULE}:29:9: error SHOUTU-R012: unknown fact "x"`);
    expect(err[1]).toMatch(ANSI);
  });

  test('no frame for a CSV file, a file that is gone, a problem without a column, or set-aside input', async () => {
    const root = await project('mini');
    const { o, err } = capture({ root });
    printProblems(o, [
      { ...problem, file: 'data/reports/2020-02-02/grid-daily.210202.csv', column: 3 },
      { ...problem, file: 'rules/gone.json' },
      { ...problem, column: undefined },
      { ...problem, setAside: 'waiver' },
    ]);
    expect(err).toHaveLength(4);
  });

  test('set-aside input prints under "set aside", never "error"', () => {
    const { o, err } = capture();
    printProblems(o, [
      {
        severity: 'error',
        code: 'SHOUTU-D002',
        setAside: 'row',
        file: 'data/reports/2020-02-02/grid-daily.210202.csv',
        line: 3,
        field: 'subject',
        message: 'unknown subject; the row was set aside',
      },
    ]);
    expect(err).toEqual([
      'data/reports/2020-02-02/grid-daily.210202.csv:3:subject: set aside SHOUTU-D002: unknown subject; the row was set aside',
    ]);
  });

  test('--max-problems keeps the newest: problems of no day, then the latest day first', () => {
    const { o, err } = capture();
    const row = (day: string, line: number): Problem => ({
      severity: 'warning',
      code: 'SHOUTU-D003',
      file: `data/reports/${day}/grid-daily.210202.csv`,
      line,
      field: 'visited',
      message: 'blank',
    });
    printProblems(
      o,
      [
        row('2020-02-01', 2),
        row('2020-02-03', 2),
        row('2020-02-02', 2),
        problem,
        row('2020-02-03', 3),
      ],
      3,
    );
    expect(err).toEqual([
      'data/reports/2020-02-03/grid-daily.210202.csv:2:visited: warning SHOUTU-D003: blank',
      'data/reports/2020-02-03/grid-daily.210202.csv:3:visited: warning SHOUTU-D003: blank',
      `${RULE}:29:9: error SHOUTU-R012: unknown fact "x"`,
      '… and 2 more (use --max-problems to see them)',
    ]);
  });

  test('GitHub annotations: escaped, with file, line, column and the code as title', () => {
    expect(githubAnnotation({ ...problem, message: 'a: 100%\nnext' })).toBe(
      `::error file=${RULE},line=29,col=9,title=SHOUTU-R012::a: 100%25%0Anext`,
    );
    expect(
      githubAnnotation({ ...problem, severity: 'warning', file: 'a,b.json', line: undefined }),
    ).toBe('::warning file=a%2Cb.json,col=9,title=SHOUTU-R012::unknown fact "x"');
    const { o, err } = capture({ annotations: 'github' });
    printProblems(o, [problem]);
    expect(err).toContain(`::error file=${RULE},line=29,col=9,title=SHOUTU-R012::unknown fact "x"`);
  });

  test('--annotations github, and GITHUB_ACTIONS=true, print annotations', async () => {
    const root = await project('mini');
    await edit(root, RULE, (t) => t.replace('"severity"', '"serverity"'));
    const r = await run(['--root', root, '--annotations', 'github', 'rules', 'check']);
    expect(r.err).toContain(
      `::error file=${RULE},line=10,col=3,title=SHOUTU-S001::unknown field "serverity"; did you mean "severity"?`,
    );
    const bad = await run(['--root', root, '--annotations', 'gitlab', 'rules', 'check']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('error: --annotations gitlab: expected github or none');
  });
});

describe('exit codes', () => {
  test('a usage mistake exits 2; help and version exit 0', async () => {
    expect((await run(['--no-such-option'])).code).toBe(2);
    expect((await run(['no-such-command'])).code).toBe(2);
    expect((await run(['rules', 'check', '--max-warnings', 'many'])).code).toBe(2);
    expect((await run(['--version'])).code).toBe(0);
    expect((await run(['--help'])).code).toBe(0);
  });

  test('a project that cannot be found, or a bad option value, exits 2', async () => {
    const root = await project('mini');
    const r = await run(['--root', root, 'rules', 'check', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: no-such-folder: expected the rules folder/);
  });

  test('problems in the inputs exit 1', async () => {
    const root = await project('mini');
    await edit(root, RULE, (t) => t.replace('"critical"', '"critcal"'));
    expect((await run(['--root', root, 'rules', 'check'])).code).toBe(1);
  });
});

describe('rules check --strict and --max-warnings', () => {
  /** The mini project with its rule made never to pass on the current data: one warning. */
  async function withWarning() {
    const root = await project('mini');
    await edit(root, RULE, (t) =>
      t.replace('"value": { "fact": "subject.households" }', '"value": 1000'),
    );
    return root;
  }

  test('a warning passes by default, fails under --strict and past --max-warnings', async () => {
    const root = await withWarning();
    const plain = await run(['--root', root, 'rules', 'check']);
    expect(plain.code).toBe(0);
    expect(plain.err).toContain('warning SHOUTU-R022: never passes on the current data');
    const strict = await run(['--root', root, 'rules', 'check', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).toBe(
      'rules check: 1 rule, 0 errors, 1 warning (more than 0 warnings allowed under --strict)',
    );
    expect((await run(['--root', root, 'rules', 'check', '--max-warnings', '0'])).code).toBe(1);
    expect((await run(['--root', root, 'rules', 'check', '--max-warnings', '1'])).code).toBe(0);
  });

  test('"expect" in the rule says the warning is meant, so --strict passes', async () => {
    const root = await withWarning();
    await edit(root, RULE, (t) =>
      t.replace(
        '"missing": {',
        '"expect": { "fires": "never-passes", "reason": "no grid has visited 1000 households yet" },\n  "missing": {',
      ),
    );
    const r = await run(['--root', root, 'rules', 'check', '--strict']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // The other way round it does not silence the warning.
    await edit(root, RULE, (t) => t.replace('"never-passes"', '"never-fails"'));
    expect((await run(['--root', root, 'rules', 'check', '--strict'])).code).toBe(1);
  });

  test('--json: one object on stdout that its schema accepts, with the exit code', async () => {
    const root = await withWarning();
    const r = await run(['--root', root, 'rules', 'check', '--json', '--strict']);
    expect(r.code).toBe(1);
    const json = RulesCheckJson.parse(JSON.parse(r.out));
    expect(json).toMatchObject({
      command: 'rules check',
      exitCode: 1,
      rules: 1,
      errors: 0,
      warnings: 1,
    });
    expect(json.problems[0]).toMatchObject({
      severity: 'warning',
      code: 'SHOUTU-R022',
      file: RULE,
      line: 26,
      column: 3,
    });
    expect(r.err).toBe('');
  });
});
