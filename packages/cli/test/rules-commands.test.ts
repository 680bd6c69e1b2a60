import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { project, run, unframed } from './helpers.js';

const RULE = 'rules/prevention/grid-screening.json';
const TEST = 'rules/prevention/grid-screening.test.json';

async function edit(root: string, rel: string, change: (text: string) => string) {
  const file = path.join(root, rel);
  await writeFile(file, change(await readFile(file, 'utf8')));
}

describe('shoutu rules check', () => {
  test('clean rules: a count, and a warning for a rule that never passes on the current data', async () => {
    const root = await project('mini');
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('rules check: 1 rule, 0 errors, 0 warnings');
    await edit(root, RULE, (t) =>
      t.replace('"value": { "fact": "subject.households" }', '"value": 1000'),
    );
    const w = await run(['--root', root, 'rules', 'check']);
    expect(w.code).toBe(0);
    expect(unframed(w.err)).toBe(
      `${RULE}:26:3: warning SHOUTU-R022: never passes on the current data (3 checks, 2020-02-02 to 2020-02-03): is the threshold reachable? If that is meant, add "expect": { "fires": "never-passes", "reason": "…" } (at conditions)`,
    );
  });

  test('a rule without a deadline: a warning naming the file, not an error', async () => {
    const root = await project('mini');
    await edit(root, RULE, (t) => t.replace(/,\n\s*"deadline": \{[^}]*\}/, ''));
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.code).toBe(0);
    expect(unframed(r.err)).toBe(
      `${RULE}:1:1: warning SHOUTU-R020: no "deadline", so its failures are never overdue: expected e.g. "deadline": { "days": 0, "basis": "assumed" } (0 is the same day)`,
    );
    expect(r.out).toBe('rules check: 1 rule, 0 errors, 1 warning');
  });

  test('two versions of a rule in force on the same day', async () => {
    const root = await project('mini');
    const text = await readFile(path.join(root, RULE), 'utf8');
    await writeFile(
      path.join(root, 'rules/prevention/grid-screening-v2.json'),
      text
        .replace('"area": "prevention",', '"version": 2,\n  "area": "prevention",')
        .replace('"from": "2020-01-25"', '"from": "2020-03-01"'),
    );
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/prevention/grid-screening-v2.json:25:18: error SHOUTU-R019: version 2 of "prevention.grid-screening" starts on 2020-03-01, while version 1 (rules/prevention/grid-screening.json) is in force from 2020-01-25 to open end: expected periods that do not overlap (end the earlier one the day before) (at effective.from)',
    );
    await edit(root, RULE, (t) =>
      t.replace('"from": "2020-01-25" }', '"from": "2020-01-25", "to": "2020-02-29" }'),
    );
    expect((await run(['--root', root, 'rules', 'check'])).code).toBe(0);
  });

  test('--json prints the problems for machines', async () => {
    const root = await project('mini');
    await edit(root, RULE, (t) => t.replace('"severity": "critical"', '"severity": "grave"'));
    const r = await run(['--root', root, 'rules', 'check', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ rules: 1, errors: 1, warnings: 0 });
    expect(json.problems[0]).toMatchObject({ severity: 'error', file: RULE, line: 10, column: 3 });
    expect(json.problems[0].message).toContain(
      'expected one of "critical", "major", "minor", found the text "grave"',
    );
  });

  test('shared conditions: used by name, checked for the rule that uses them, no loops', async () => {
    const root = await project('mini');
    const dir = path.join(root, 'rules/conditions');
    await mkdir(dir);
    const shared = (name: string, condition: string) =>
      writeFile(
        path.join(dir, `${name}.json`),
        `{\n  "name": "${name}",\n  "description": { "zh": "说明", "en": "note" },\n  "conditions": { "all": [\n    ${condition}\n  ] }\n}\n`,
      );
    await shared(
      'all-visited',
      '{ "fact": "grid-daily.households_visited", "operator": "greaterThanInclusive", "value": { "fact": "subject.households" } }',
    );
    await edit(root, RULE, (t) =>
      t.replace(/"all": \[[\s\S]*?\n {4}\]/, '"all": [{ "condition": "all-visited" }]'),
    );
    const ok = await run(['--root', root, 'rules', 'check']);
    expect(ok).toMatchObject({ code: 0, out: 'rules check: 1 rule, 0 errors, 0 warnings' });
    expect((await run(['--root', root, 'rules', 'test'])).code).toBe(0);

    await shared(
      'all-visited',
      '{ "fact": "street-duty.leading_cadre_on_shift", "operator": "equal", "value": true }',
    );
    const wrong = await run(['--root', root, 'rules', 'check']);
    expect(unframed(wrong.err)).toBe(
      'rules/conditions/all-visited.json:5:7: error SHOUTU-R005: the fact "street-duty.leading_cadre_on_shift" comes from the form "street-duty", which is filled in by each street; this rule applies to each grid (at conditions.all[0].fact)',
    );

    await shared('all-visited', '{ "condition": "all-visited" }');
    const loop = await run(['--root', root, 'rules', 'check']);
    expect(unframed(loop.err)).toBe(
      'rules/conditions/all-visited.json:5:7: error SHOUTU-R007: the shared condition "all-visited" refers to itself (all-visited → all-visited) (at conditions.all[0].condition)',
    );
  });

  test('an id must begin with its area; a broken shared condition is reported once, in its file', async () => {
    const root = await project('mini');
    await edit(root, RULE, (t) =>
      t
        .replace('"id": "prevention.grid-screening"', '"id": "safety.grid-screening"')
        .replace(/"all": \[[\s\S]*?\n {4}\]/, '"all": [{ "condition": "visited" }]'),
    );
    await mkdir(path.join(root, 'rules/conditions'));
    await writeFile(path.join(root, 'rules/conditions/visited.json'), '{ "name": "visited" }\n');
    const r = await run(['--root', root, 'rules', 'check']);
    expect(unframed(r.err).split('\n')).toEqual([
      'rules/conditions/visited.json:1:1: error SHOUTU-S002: missing required field "conditions": expected the conditions to start with "all", "any", "not" or { "condition": name } (at conditions)',
      'rules/conditions/visited.json:1:1: error SHOUTU-S002: missing required field "description": expected an object { … } (at description)',
      `${RULE}:2:3: error SHOUTU-R016: the id "safety.grid-screening" must begin with its area: expected "prevention.…" (at id)`,
    ]);
  });

  test('a rule outside an area folder', async () => {
    const root = await project('mini');
    await writeFile(path.join(root, 'rules/stray.json'), '{}');
    const r = await run(['--root', root, 'rules', 'check']);
    expect(unframed(r.err)).toBe(
      'rules/stray.json:1:1: error SHOUTU-R013: a rule must sit in a folder of its area: expected rules/prevention/, rules/security/ or rules/safety/; move the file into the folder of its area',
    );
  });
});

describe('shoutu rules test', () => {
  test('cases as expected and full coverage', async () => {
    const root = await project('mini');
    const r = await run(['--root', root, 'rules', 'test', '-v']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '    100 %  prevention.grid-screening\nrule tests: 2 of 2 cases as expected; lowest coverage 100 % (minimum 100 %, set in rules/rules.config.json)',
    );
  });

  test('a case that does not give the expected outcome names the deciding condition', async () => {
    const root = await project('mini');
    await edit(root, TEST, (t) => t.replace('"expect": "fail"', '"expect": "pass"'));
    const r = await run(['--root', root, 'rules', 'test']);
    expect(r.code).toBe(1);
    expect(unframed(r.err)).toBe(
      `${TEST}:9:5: error SHOUTU-T007: case "212 of 480 households visited": expected pass, got fail: households visited: 212 / 480 households (44 %); required: at least registered households (480 households)`,
    );
  });

  test('coverage below the minimum fails and says what is missing', async () => {
    const root = await project('mini');
    await edit(root, TEST, (t) => {
      const test = JSON.parse(t);
      test.cases = test.cases.slice(0, 1);
      return JSON.stringify(test, null, 2);
    });
    const r = await run(['--root', root, 'rules', 'test', '-v']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '     50 %  prevention.grid-screening  (no failing case; condition all[0] never false)',
    );
    expect(unframed(r.err)).toMatch(
      /^rules\/prevention\/grid-screening\.test\.json:2:3: error( SHOUTU-T008)?: the tests of "prevention\.grid-screening" cover 50 %, below the minimum of 100 % \(set in rules\/rules\.config\.json\): no failing case; condition all\[0\] never false$/,
    );
  });

  test('an unknown fact or rule in a test file is located', async () => {
    const root = await project('mini');
    await edit(root, TEST, (t) =>
      t.replace('"grid-daily.households_visited": 480', '"grid-daily.household_visited": 480'),
    );
    const r = await run(['--root', root, 'rules', 'test']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${TEST}:6:18: error SHOUTU-T003: unknown fact "grid-daily.household_visited"; did you mean "grid-daily.households_visited"? (at cases[0].facts)`,
    );
    await edit(root, TEST, (t) =>
      t.replace('"rule": "prevention.grid-screening"', '"rule": "prevention.grid-screenin"'),
    );
    const u = await run(['--root', root, 'rules', 'test']);
    expect(u.err).toContain(
      `${TEST}:2:3: error SHOUTU-T002: unknown rule "prevention.grid-screenin"; did you mean "prevention.grid-screening"?: none of the 2 cases of this file ran (at rule)`,
    );
  });
});

describe('shoutu rules test, more mistakes', () => {
  test('values of the wrong type, and facts the rule’s subjects do not report', async () => {
    const root = await project('mini');
    await edit(root, TEST, (t) =>
      t
        .replace('"grid-daily.households_visited": 480,', '"grid-daily.households_visited": "480",')
        .replace(
          '"grid-daily.households_visited": 212,',
          '"street-duty.leading_cadre_on_shift": true, "grid-daily.households_visited": 212,',
        ),
    );
    const r = await run(['--root', root, 'rules', 'test']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${TEST}:6:18: error SHOUTU-T003: "grid-daily.households_visited" is an integer fact: expected a number (household), found the text "480" (at cases[0].facts)`,
    );
    expect(r.err).toContain(
      `${TEST}:11:18: error SHOUTU-T003: the fact "street-duty.leading_cadre_on_shift" comes from the form "street-duty", which is filled in by each street; this rule applies to each grid (at cases[1].facts)`,
    );
  });

  test('every version of a rule is tested, and a case says which one', async () => {
    const root = await project('mini');
    await edit(root, RULE, (t) =>
      t.replace('"from": "2020-01-25" }', '"from": "2020-01-25", "to": "2020-02-29" }'),
    );
    const v1 = await readFile(path.join(root, RULE), 'utf8');
    await writeFile(
      path.join(root, 'rules/prevention/grid-screening-v2.json'),
      v1
        .replace('"area": "prevention",', '"version": 2,\n  "area": "prevention",')
        .replace('"from": "2020-01-25", "to": "2020-02-29" }', '"from": "2020-03-01" }'),
    );
    const r = await run(['--root', root, 'rules', 'test', '-v']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${TEST}:4:5: error SHOUTU-T004: "prevention.grid-screening" has versions 1, 2: give the case a "date" to say which one it tests (at cases[0])`,
    );
    expect(r.out).toContain('      0 %  prevention.grid-screening v2  (no passing case;');
  });
});

describe('shoutu rules diff', () => {
  async function repo() {
    const root = await project('mini');
    const sh = promisify(execFile);
    const g = (...args: string[]) => sh('git', ['-C', root, ...args]);
    await g('init', '-q');
    await g('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    await g('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'rules');
    return root;
  }

  test('a stricter threshold: which districts and units change, and by how much', async () => {
    const root = await repo();
    await edit(root, RULE, (t) =>
      t.replace('"value": { "fact": "subject.households" }', '"value": 400'),
    );
    const r = await run(['--root', root, 'rules', 'diff']);
    expect(r.code).toBe(0);
    // On 2020-02-03 grid 1 visited 480 households (passes either way) and grid 2 has no valid report.
    expect(r.out).toMatch(
      /^impact of the rules in the working tree against HEAD \([0-9a-f]{12}\), on the data of 2020-02-03\n/,
    );
    expect(r.out).toContain('rules: 1 changed (prevention.grid-screening@1); 0 added; 0 removed');
    expect(r.out).toContain('outcomes that change: 0');
    const day2 = await run(['--root', root, 'rules', 'diff', '--date', '2020-02-02', '--json']);
    const json = JSON.parse(day2.out);
    // Grid 2 visited 300 of 300 households: it passed against its own households, fails against 400.
    expect(json.outcomes).toEqual([
      {
        rule: 'prevention.grid-screening',
        subject: '210202001001002',
        before: 'pass',
        after: 'fail',
      },
    ]);
    expect(
      json.units.map((u: { code: string; before: number; after: number }) => [
        u.code,
        u.before,
        u.after,
      ]),
    ).toEqual([
      ['210202001001002', 100, 0],
      ['210202001', 50, 0],
      ['210202001001', 50, 0],
    ]);
    expect(json.districts).toEqual([
      { code: '210202', name: { zh: '中山区', en: 'Zhongshan' }, before: 50, after: 0 },
    ]);
  });

  test('an unknown revision says so', async () => {
    const root = await repo();
    const r = await run(['--root', root, 'rules', 'diff', '--rev', 'nope']);
    expect(r).toMatchObject({
      code: 2,
      err: `error: --rev nope: not a revision of the git repository at ${root}`,
    });
  });
});
