import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { registryLocator } from '../src/commands/explain.js';
import { ExplainJson } from '../src/json/explain.js';
import { loadFixture, project, run } from './helpers.js';

/** The mini project, its rule given a deadline, a clause in both languages and nested conditions. */
async function withWords(): Promise<string> {
  const root = await project('mini');
  const file = path.join(root, 'rules/prevention/grid-screening.json');
  const rule = JSON.parse(await readFile(file, 'utf8'));
  rule.source.clause = {
    zh: '建立横向到边、纵向到底、全覆盖、无遗漏的防控网络',
    en: 'establish a prevention and control network with full coverage and no omission',
  };
  rule.deadline = { days: 0, basis: 'assumed' };
  rule.conditions = {
    all: [
      { condition: 'all-visited' },
      {
        any: [
          { fact: 'grid-daily.households_visited', operator: 'greaterThan', value: 0 },
          { not: { fact: 'subject.households', operator: 'greaterThan', value: 0 } },
        ],
      },
    ],
  };
  await writeFile(file, JSON.stringify(rule, null, 2));
  await mkdir(path.join(root, 'rules/conditions'), { recursive: true });
  await writeFile(
    path.join(root, 'rules/conditions/all-visited.json'),
    JSON.stringify({
      name: 'all-visited',
      description: { zh: '全部走访', en: 'every household visited' },
      conditions: {
        all: [
          {
            fact: 'grid-daily.households_visited',
            operator: 'greaterThanInclusive',
            value: { fact: 'subject.households' },
          },
        ],
      },
    }),
  );
  // The scoring method of the contract (a share of critical checks caps the band), whichever the
  // fixture has.
  const scoring = path.join(root, 'rules/scoring.json');
  const method = JSON.parse(await readFile(scoring, 'utf8'));
  if (method.criticalFailure) {
    delete method.criticalFailure;
    method.criticalCap = { yellow: 0.01, red: 0.05 };
    await writeFile(scoring, JSON.stringify(method, null, 2));
  }
  return root;
}

const args = (root: string, lang: string) => [
  '--root',
  root,
  'explain',
  '--subject',
  '210202001001001',
  '--rule',
  'prevention.grid-screening',
  '--date',
  '2020-02-02',
  '--lang',
  lang,
];

describe('shoutu explain: the rule in words', () => {
  test('the deadline, what the rule asks (shared conditions followed) and the clause, in English', async () => {
    const root = await withWords();
    const r = await run(args(root, 'en'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('deadline: the same day (assumed, not from the source)');
    const at = lines.indexOf('the rule asks:');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 8)).toEqual([
      '  - all of the following',
      '    - the shared condition “all-visited”',
      '      - households visited: at least registered households',
      '    - at least one of the following',
      '      - households visited: more than 0 households',
      '      - not the following',
      '        - registered households: more than 0 households',
    ]);
    expect(r.out).toContain(
      '"establish a prevention and control network with full coverage and no omission"',
    );
  });

  test('in Chinese, the clause too', async () => {
    const root = await withWords();
    const r = await run(args(root, 'zh'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('整改时限: 当日内（推定，非出自依据文件）');
    expect(r.out).toContain('    - 以下各项至少满足一项');
    expect(r.out).toContain('“建立横向到边、纵向到底、全覆盖、无遗漏的防控网络”');
    expect(r.out).not.toContain('establish');
  });
});

/** The line of the registry file (mini) that gives a grid its households. */
async function householdsLine(root: string, households: number): Promise<number> {
  const text = await readFile(path.join(root, 'data/registry/registry.json'), 'utf8');
  const at = text.split('\n').findIndex((l) => l.includes(`"households": ${households}`));
  expect(at).toBeGreaterThanOrEqual(0);
  return at + 1;
}

const explainArgs = (subject: string, ...more: string[]) => [
  'explain',
  '--subject',
  subject,
  '--rule',
  'prevention.grid-screening',
  ...more,
];
const GRID_1 = '210202001001001'; // 212 of 480 households visited on 2020-02-02: fails
const GRID_2 = '210202001001002'; // 300 of 300: passes

describe('shoutu explain: issue 13', () => {
  test('in Chinese, the record line and every label are Chinese too', async () => {
    const f = await loadFixture('mini');
    const none = await f.run(...explainArgs(GRID_1, '--date', '2020-02-02', '--lang', 'zh'));
    expect(none.code).toBe(0);
    expect(none.out).toContain(
      '记录：无——当场计算，因为 2020-02-02 没有快照（`shoutu evaluate --date 2020-02-02` 会生成）',
    );
    expect((await f.run('evaluate', '--date', '2020-02-02')).code).toBe(0);
    const listed = await f.run(...explainArgs(GRID_1, '--date', '2020-02-02', '--lang', 'zh'));
    expect(listed.out).toContain('记录：data/results/2020-02-02/210202.findings.csv.gz（第 1 版）');
    const passed = await f.run(...explainArgs(GRID_2, '--date', '2020-02-02', '--lang', 'zh'));
    expect(passed.out).toContain('（第 1 版）未列出此项');
    for (const r of [none, listed, passed]) {
      // Every line starts with a Chinese label (rule ids, codes and file names aside).
      for (const line of r.out.split('\n'))
        expect(line, line).not.toMatch(/^(record|note|why|source|subject|day|responsible)\b/);
      expect(r.out).not.toMatch(/evaluated now|does not list|revision/);
    }
    expect(none.out).toContain(
      '数据来源: data/reports/2020-02-02/grid-daily.210202.csv:2（已走访户数）',
    );
  });

  test('a registry fact names the registry file and the line of its value', async () => {
    const f = await loadFixture('mini');
    const line = await householdsLine(f.root, 480);
    const r = await f.run(...explainArgs(GRID_1, '--date', '2020-02-02'));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(
      expect.arrayContaining([
        'source: data/reports/2020-02-02/grid-daily.210202.csv:2 (households visited)',
        `source: data/registry/registry.json:${line} (registered households)`,
      ]),
    );
  });

  test('a pass shows the values that made it pass: the facts and what was required', async () => {
    const f = await loadFixture('mini');
    const r = await f.run(...explainArgs(GRID_2, '--date', '2020-02-02'));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('day: 2020-02-02 · status: passed');
    expect(lines).toContain(
      'why: households visited: 300 / 300 households (100 %); required: at least registered households (300 households)',
    );
    expect(lines).toContain(
      'source: data/reports/2020-02-02/grid-daily.210202.csv:3 (households visited)',
    );
    expect(lines).toContain(
      `source: data/registry/registry.json:${await householdsLine(f.root, 300)} (registered households)`,
    );
    expect(r.out).not.toContain('remediation:');
  });

  test('without --date: the latest day with a snapshot, said on stderr; else the latest with reports', async () => {
    const f = await loadFixture('mini');
    const before = await f.run(...explainArgs(GRID_1));
    expect(before.code).toBe(0);
    expect(before.err).toBe(
      'explain: no --date given and no snapshot in data/results/: 2020-02-03, the latest day with reports',
    );
    expect(before.out).toContain('day: 2020-02-03 ·');
    expect((await f.run('evaluate', '--date', '2020-02-02')).code).toBe(0);
    const after = await f.run(...explainArgs(GRID_1));
    expect(after.err).toBe(
      'explain: no --date given: 2020-02-02, the latest day with a snapshot in data/results/',
    );
    expect(after.out).toContain('day: 2020-02-02 · status: failed');
    // The day is said on stderr only: stdout stays the explanation (and JSON stays JSON).
    const json = await f.run(...explainArgs(GRID_1, '--json'));
    expect(JSON.parse(json.out)).toMatchObject({ day: '2020-02-02', dayGiven: false });
    // A day given is used as given, and not said.
    const given = await f.run(...explainArgs(GRID_1, '--date', '2020-02-03'));
    expect(given.err).toBe('');
    expect(given.out).toContain('day: 2020-02-03 ·');
  });

  test('--json validates against its schema: the finding, the rule, values with sources, who answers', async () => {
    const f = await loadFixture('mini');
    expect((await f.run('evaluate', '--date', '2020-02-02')).code).toBe(0);
    const schema = JSON.parse(
      await readFile(
        path.join(import.meta.dirname, '../schemas/explain.output.schema.json'),
        'utf8',
      ),
    );
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const fail = await f.run(...explainArgs(GRID_1, '--date', '2020-02-02', '--json'));
    const pass = await f.run(...explainArgs(GRID_2, '--date', '2020-02-02', '--json'));
    const missing = await f.run(...explainArgs(GRID_2, '--date', '2020-02-03', '--json'));
    for (const r of [fail, pass, missing]) {
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out);
      expect(ExplainJson.safeParse(out).error).toBeUndefined();
      expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    }
    const failed = JSON.parse(fail.out);
    expect(failed).toMatchObject({
      command: 'explain',
      exitCode: 0,
      day: '2020-02-02',
      dayGiven: true,
      rule: { id: 'prevention.grid-screening', version: 1 },
      subject: {
        code: GRID_1,
        level: 'grid',
        within: ['210202001001', '210202001', '210202', '210200'],
      },
      finding: { status: 'fail', streak: 1 },
      record: { file: 'data/results/2020-02-02/210202.findings.csv.gz', revision: 1 },
      problems: [],
    });
    expect(failed.rule.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(failed.values).toEqual([
      {
        fact: 'grid-daily.households_visited',
        value: 212,
        source: {
          file: 'data/reports/2020-02-02/grid-daily.210202.csv',
          line: 2,
          field: 'households_visited',
        },
      },
      {
        fact: 'subject.households',
        value: 480,
        source: {
          file: 'data/registry/registry.json',
          line: await householdsLine(f.root, 480),
          field: 'attributes.households',
        },
      },
    ]);
    expect(
      failed.responsible.map((p: { kind: string; code: string }) => `${p.kind} ${p.code}`),
    ).toEqual([
      `territorial ${GRID_1}`,
      'territorial 210202001001',
      'territorial 210202001',
      'territorial 210202',
      'territorial 210200',
    ]);
    // A pass carries the conditions that held, with the values.
    expect(JSON.parse(pass.out)).toMatchObject({
      finding: { status: 'pass' },
      record: { revision: 1 },
      conditions: [
        {
          fact: 'grid-daily.households_visited',
          operator: 'greaterThanInclusive',
          required: { fact: 'subject.households', value: 300 },
          actual: 300,
        },
      ],
    });
    // Missing: nothing could be gathered, so no values; still valid.
    expect(JSON.parse(missing.out)).toMatchObject({
      finding: { status: 'missing' },
      values: [],
      record: null,
    });
  });

  test('--json of a project that cannot be loaded gives its problems, still valid JSON', async () => {
    const f = await loadFixture('mini');
    await f.write('data/registry/registry.json', '{ "levels": [] ');
    const r = await f.run(...explainArgs(GRID_1, '--date', '2020-02-02', '--json'));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ command: 'explain', exitCode: 1 });
    expect(out.problems.length).toBeGreaterThan(0);
    expect(out.problems[0].file).toBe('data/registry/registry.json');
    expect(ExplainJson.safeParse(out).error).toBeUndefined();
  });
});

describe('registryLocator: where a registry fact was read', () => {
  test('a place in a second registry file: its attribute’s line, else its entry’s; a code no file has: none', async () => {
    const f = await loadFixture('mini');
    await f.write(
      'data/registry/units/210202.json',
      [
        '{',
        '  "places": [',
        '    { "id": "P-1", "type": "school", "grid": "210202001001001",',
        '      "attributes": {',
        '        "staff": 12',
        '      }',
        '    },',
        '    {',
        '      "id": "P-2", "type": "school", "grid": "210202001001001"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const place = (code: string) =>
      registryLocator(f.root, { code, placeType: 'school', facts: {} });
    expect(place('P-1')('staff')).toEqual({
      file: 'data/registry/units/210202.json',
      line: 5,
      field: 'attributes.staff',
    });
    expect(place('P-2')('staff')).toEqual({
      file: 'data/registry/units/210202.json',
      line: 8,
      field: 'attributes.staff',
    });
    expect(place('P-3')('staff')).toBeNull();
    // A unit of the same code is not a place: units are looked up among units.
    const grid = registryLocator(f.root, { code: '210202001001001', level: 'grid', facts: {} });
    expect(grid('households')?.file).toBe('data/registry/registry.json');
  });
});
