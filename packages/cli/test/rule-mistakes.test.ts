import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { project, run } from './helpers.js';

const RULE = 'rules/prevention/grid-screening.json';
const CONDITION = `      {
        "fact": "grid-daily.households_visited",
        "operator": "greaterThanInclusive",
        "value": { "fact": "subject.households" }
      }`;

/** Replaces the rule's one condition (lines 28–32) and returns what validate prints. */
async function withCondition(condition: string): Promise<{ code: number; err: string }> {
  const root = await project('mini');
  const file = path.join(root, RULE);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(CONDITION);
  await writeFile(file, text.replace(CONDITION, condition));
  const r = await run(['--root', root, 'validate']);
  return {
    code: r.code,
    err: r.err
      .split('\n')
      .filter((l) => l.startsWith('rules/'))
      .join('\n'),
  };
}

const leaf = (fact: string, operator: string, value: string) =>
  `      {\n        "fact": "${fact}",\n        "operator": "${operator}",\n        "value": ${value}\n      }`;

describe('rule mistakes are caught before evaluation, with their place', () => {
  test.each([
    [
      'a threshold of the wrong type',
      leaf('grid-daily.households_visited', 'greaterThanInclusive', '"10%"'),
      `${RULE}:31:9: error SHOUTU-R010: expected a number (household) to compare with, found the text "10%" (at conditions.all[0].value)`,
    ],
    [
      'a threshold in the wrong unit',
      `      {\n        "fact": "grid-daily.households_visited",\n        "operator": "greaterThanInclusive",\n        "value": 100,\n        "unit": "%"\n      }`,
      `${RULE}:32:9: error SHOUTU-R011: the value is in "%", but "grid-daily.households_visited" is in "household": expected the threshold in "household" (at conditions.all[0].unit)`,
    ],
    [
      'a threshold outside the field’s range',
      leaf('grid-daily.households_visited', 'greaterThanInclusive', '-5'),
      `${RULE}:31:9: error SHOUTU-R010: -5 is outside the range of the field: expected at least 0 (household) (at conditions.all[0].value)`,
    ],
    [
      'a fact that the rule’s subjects do not report',
      leaf('street-duty.leading_cadre_on_shift', 'equal', 'true'),
      `${RULE}:29:9: error SHOUTU-R005: the fact "street-duty.leading_cadre_on_shift" comes from the form "street-duty", which is filled in by each street; this rule applies to each grid (at conditions.all[0].fact)`,
    ],
    [
      'a personal field',
      leaf('grid-daily.reporter_phone', 'equal', '"x"'),
      `${RULE}:29:9: error SHOUTU-R004: "grid-daily.reporter_phone" is a personal field: personal data never reaches rules or results (at conditions.all[0].fact)`,
    ],
    [
      'an unknown fact',
      leaf('grid-daily.households', 'equal', '1'),
      `${RULE}:29:9: error SHOUTU-R012: unknown fact "grid-daily.households"; did you mean "grid-daily.households_visited"? (at conditions.all[0].fact)`,
    ],
    [
      '"in" without a list',
      leaf('grid-daily.households_visited', 'in', '3'),
      `${RULE}:31:9: error SHOUTU-R010: "in" needs a list of values, e.g. [1, 2], found the number 3 (at conditions.all[0].value)`,
    ],
    [
      'an ordering operator on a yes/no fact',
      leaf('grid-daily.late', 'greaterThan', '0'),
      `${RULE}:31:9: error SHOUTU-R010: "greaterThan" compares numbers, and this fact is yes/no (at conditions.all[0].value)`,
    ],
    [
      'an operator that does not exist',
      leaf('grid-daily.households_visited', 'atLeast', '1'),
      `${RULE}:30:9: error SHOUTU-S006: expected an operator of json-rules-engine: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain (optionally decorated, e.g. "not:in"), found the text "atLeast" (at conditions.all[0].operator)`,
    ],
    [
      'a plain path on a fact that is a plain value',
      `      {\n        "fact": "grid-daily.households_visited",\n        "path": "$.x",\n        "operator": "equal",\n        "value": 1\n      }`,
      `${RULE}:30:9: error SHOUTU-R009: the fact "grid-daily.households_visited" is a plain value: "path" reads inside objects and is not needed (at conditions.all[0].path)`,
    ],
    [
      'a JSONPath expression, which could run code',
      `      {\n        "fact": "grid-daily.households_visited",\n        "path": "$..[?(@.constructor)]",\n        "operator": "equal",\n        "value": 1\n      }`,
      `${RULE}:30:9: error SHOUTU-S006: expected a plain path such as "$.company" or "$.items[0].price" (JSONPath filters and scripts are not allowed: they can run code), found the text "$..[?(@.constructor)]" (at conditions.all[0].path)`,
    ],
    [
      'a shared condition that does not exist',
      `      { "condition": "duty-in-plac" }`,
      `${RULE}:28:9: error SHOUTU-R006: unknown shared condition "duty-in-plac": expected a file rules/conditions/duty-in-plac.json (at conditions.all[0].condition)`,
    ],
    [
      'something that is no condition at all',
      `      { "rule": "other" }`,
      `${RULE}:28:9: error SHOUTU-S001: unknown field "rule". Expected one of: fact, operator, value, unit, path, params, name, priority, all, any, not, condition (at conditions.all[0])`,
    ],
    [
      'a mistake deep inside nested conditions',
      `      {\n        "any": [\n          { "fact": "grid-daily.households_visited", "operator": "atLeast", "value": 1 }\n        ]\n      }`,
      `${RULE}:30:54: error SHOUTU-S006: expected an operator of json-rules-engine: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain (optionally decorated, e.g. "not:in"), found the text "atLeast" (at conditions.all[0].any[0].operator)`,
    ],
    [
      'a condition without its operator',
      `      { "fact": "grid-daily.households_visited", "value": 1 }`,
      `${RULE}:28:7: error SHOUTU-S002: missing required field "operator": expected text in double quotes (at conditions.all[0].operator)`,
    ],
    [
      'a __proto__ key',
      `      {\n        "__proto__": { "polluted": true },\n        "fact": "grid-daily.households_visited"\n      }`,
      `${RULE}:29:9: error SHOUTU-J008: the field name "__proto__" is not allowed`,
    ],
  ])('%s', async (_name, condition, expected) => {
    const r = await withCondition(condition);
    expect(r.code).toBe(1);
    expect(r.err).toBe(expected);
  });

  test('an empty "all" is always true in json-rules-engine, and says so', async () => {
    const root = await project('mini');
    const file = path.join(root, RULE);
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/"all": \[[\s\S]*?\n {4}\]/, '"all": []'),
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.err).toContain(
      `${RULE}:27:5: error SHOUTU-S005: an empty "all" list is always true in json-rules-engine: expected at least one condition (at conditions.all)`,
    );
  });

  test('a threshold in the right unit is accepted and evaluates', async () => {
    const r = await withCondition(
      `      {\n        "fact": "grid-daily.households_visited",\n        "operator": "greaterThanInclusive",\n        "value": 100,\n        "unit": "household"\n      }`,
    );
    expect(r).toEqual({ code: 0, err: '' });
  });

  test('an empty "any" is always true in json-rules-engine, and says so', async () => {
    const r = await withCondition('      { "any": [] }');
    expect(r.err).toBe(
      `${RULE}:28:9: error SHOUTU-S005: an empty "any" list is always true in json-rules-engine: expected at least one condition (at conditions.all[0].any)`,
    );
  });

  test('invalid JSON in a rule file: the first place it goes wrong', async () => {
    const r = await withCondition(
      '      { "fact": "grid-daily.households_visited", "operator": "equal" "value": 1 }',
    );
    expect(r.err).toBe(
      `${RULE}:28:70: error SHOUTU-J003: this is not valid JSON: expected a comma (,) between items`,
    );
  });

  test('an unknown field in the metadata names the fields allowed', async () => {
    const root = await project('mini');
    const file = path.join(root, RULE);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"severity"', '"severty"'));
    const r = await run(['--root', root, 'validate']);
    expect(r.err).toMatch(
      /unknown field "severty"; did you mean "severity"\? Expected one of: id, version, area, /,
    );
  });

  test('a copied rule whose id was not changed: both files are named', async () => {
    const root = await project('mini');
    const text = await readFile(path.join(root, RULE), 'utf8');
    await writeFile(path.join(root, 'rules/prevention/a-copy.json'), text);
    const r = await run(['--root', root, 'validate']);
    expect(r.err).toContain(
      'rules/prevention/a-copy.json:2:3: error SHOUTU-R017: the rule "prevention.grid-screening" version 1 is also defined in rules/prevention/grid-screening.json',
    );
    expect(r.err).toContain(
      'rules/prevention/grid-screening.json:2:3: error SHOUTU-R017: the rule "prevention.grid-screening" version 1 is also defined in rules/prevention/a-copy.json',
    );
  });
});

describe('the weak cases of issue 13: one located message that says the fix', () => {
  async function checked(change: (text: string) => string) {
    const root = await project('mini');
    const file = path.join(root, RULE);
    const before = await readFile(file, 'utf8');
    expect(change(before)).not.toBe(before);
    await writeFile(file, change(before));
    const r = await run(['--root', root, 'rules', 'check']);
    return { code: r.code, problems: r.err.split('\n').filter((l) => l.startsWith('rules/')) };
  }

  test('single quotes: JSON needs double quotes, said at the quote', async () => {
    const r = await checked((t) => t.replace('"area": "prevention"', "'area': 'prevention'"));
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      `${RULE}:3:3: error SHOUTU-J004: this is not valid JSON: JSON needs double quotes around text and names: write "x", not 'x'`,
    ]);
  });

  test('a value of a discriminated union lists the allowed values', async () => {
    const r = await checked((t) => t.replace('"mode": "fail"', '"mode": "failed"'));
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      `${RULE}:25:16: error SHOUTU-S004: expected one of "fail", "skip", "carry", found the text "failed"; did you mean "fail"? (at missing.mode)`,
    ]);
  });

  test('an enum value lists the allowed values and the one meant', async () => {
    const r = await checked((t) => t.replace('"critical"', '"critcal"'));
    expect(r.problems).toEqual([
      `${RULE}:10:3: error SHOUTU-S004: expected one of "critical", "major", "minor", found the text "critcal"; did you mean "critical"? (at severity)`,
    ]);
  });

  test('a mistyped key: at the key, with the name meant, and no "missing" at 1:1', async () => {
    const r = await checked((t) => t.replace('"severity"', '"serverity"'));
    expect(r.code).toBe(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      new RegExp(
        `^${RULE}:10:3: error SHOUTU-S001: unknown field "serverity"; did you mean "severity"\\? Expected one of: id, `,
      ),
    );
  });

  test('a mistyped discriminator key is said at the key, not as a missing field', async () => {
    const r = await checked((t) => t.replace('"mode": "fail"', '"mdoe": "fail"'));
    expect(r.problems).toEqual([
      `${RULE}:25:16: error SHOUTU-S001: unknown field "mdoe"; did you mean "mode"? (at missing)`,
    ]);
  });

  test('one mistyped place type is one error, not one per condition', async () => {
    const r = await checked((t) =>
      t.replace(
        '"appliesTo": { "kind": "territory", "level": "grid" }',
        '"appliesTo": { "kind": "place", "placeTypes": ["shcool"] }',
      ),
    );
    expect(r.code).toBe(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      new RegExp(`^${RULE}:9:\\d+: error SHOUTU-R003: unknown place type "shcool"`),
    );
  });

  test('one unknown level is one error, not one per condition', async () => {
    const r = await checked((t) => t.replace('"level": "grid"', '"level": "gird"'));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/error SHOUTU-R002: unknown level "gird"/);
  });
});

describe('held-back mistakes (stream A2): said with what to write', () => {
  async function checked(change: (text: string) => string, ...extra: string[]) {
    const root = await project('mini');
    const file = path.join(root, RULE);
    const before = await readFile(file, 'utf8');
    expect(change(before)).not.toBe(before);
    await writeFile(file, change(before));
    const r = await run(['--root', root, 'rules', 'check', ...extra]);
    return { code: r.code, problems: r.err.split('\n').filter((l) => l.startsWith('rules/')) };
  }

  test('a tab typed inside a text is called a tab, at the tab', async () => {
    const r = await checked((t) => t.replace('Every household in', 'Every household\tin'));
    expect(r.code).toBe(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(new RegExp(`^${RULE}:4:\\d+: error SHOUTU-J011: .*a tab.*\\\\t`));
  });

  test('a name without quotes: names need double quotes', async () => {
    const r = await checked((t) => t.replace('"severity": "critical"', 'severity: "critical"'));
    expect(r.problems).toEqual([
      `${RULE}:10:3: error SHOUTU-J012: this is not valid JSON: the name severity has no double quotes: names need double quotes; write "severity"`,
    ]);
  });

  test('a word value without quotes: text needs double quotes', async () => {
    const r = await checked((t) => t.replace('"severity": "critical"', '"severity": critical'));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      new RegExp(`^${RULE}:10:15: error SHOUTU-J013: .*write "critical"`),
    );
  });

  test('a percent sign after a number: write the number without %', async () => {
    const r = await checked((t) =>
      t.replace('"value": { "fact": "subject.households" }', '"value": 90%'),
    );
    expect(r.problems).toEqual([
      `${RULE}:31:20: error SHOUTU-J014: this is not valid JSON: a percent sign after the number 90: a number is written without %; write 90`,
    ]);
  });

  test('a title as a plain text: the languages expected are named', async () => {
    const r = await checked((t) =>
      t.replace(/"title": \{[^}]*\}/, '"title": "网格逐户排查全覆盖"'),
    );
    expect(r.problems).toEqual([
      `${RULE}:4:3: error SHOUTU-S003: expected an object { "zh": …, "en": … }, found the text "网格逐户排查全覆盖" (at title)`,
    ]);
  });

  test('effective as a date: the object to write, with the date in it', async () => {
    const r = await checked((t) =>
      t.replace('"effective": { "from": "2020-01-25" }', '"effective": "2020-01-25"'),
    );
    expect(r.problems).toEqual([
      `${RULE}:24:3: error SHOUTU-S003: expected an object { "from": "2020-01-25" }, found the text "2020-01-25" (at effective)`,
    ]);
  });

  test('appliesTo as a level: the objects to write', async () => {
    const r = await checked((t) =>
      t.replace('"appliesTo": { "kind": "territory", "level": "grid" }', '"appliesTo": "grid"'),
    );
    expect(r.problems).toEqual([
      `${RULE}:9:3: error SHOUTU-S003: expected an object { "kind": "territory", "level": "grid" } or { "kind": "place", "placeTypes": … }, found the text "grid" (at appliesTo)`,
    ]);
  });

  test('conditions as a list: wrap it in { "all": [ … ] }', async () => {
    const r = await checked((t) =>
      t.replace(/"conditions": \{\s*"all": \[([\s\S]*?)\]\s*\}/, '"conditions": [$1]'),
    );
    expect(r.problems).toEqual([
      `${RULE}:26:3: error SHOUTU-S003: expected an object { … }, found a list: wrap the list in { "all": [ … ] } (at conditions)`,
    ]);
  });

  test('"all" and "any" side by side: one group per object', async () => {
    const r = await checked((t) =>
      t.replace(
        /("conditions": \{\s*"all": \[[\s\S]*?\])/,
        `$1,\n    "any": [\n${CONDITION}\n    ]`,
      ),
    );
    expect(r.problems).toEqual([
      `${RULE}:26:3: error SHOUTU-S009: "all" and "any" cannot sit side by side in one object: one group per object; nest one inside the other, e.g. { "all": [ …, { "any": [ … ] } ] } (at conditions)`,
    ]);
  });

  const NAMING =
    "a fact is named <form>.<field> for a report's field, or subject.<attribute> for the registry's";
  test.each([
    [
      'a field without its form',
      '"fact": "grid-daily.households_visited"',
      '"fact": "households_visited"',
      `${RULE}:29:9: error SHOUTU-R012: unknown fact "households_visited": ${NAMING}; did you mean "grid-daily.households_visited"? (at conditions.all[0].fact)`,
    ],
    [
      'a field by its label',
      '"fact": "grid-daily.households_visited"',
      '"fact": "grid-daily.已走访户数"',
      `${RULE}:29:9: error SHOUTU-R012: unknown fact "grid-daily.已走访户数": "已走访户数" is the label of a field, not its id; did you mean "grid-daily.households_visited"? (at conditions.all[0].fact)`,
    ],
    [
      'an attribute without "subject."',
      '{ "fact": "subject.households" }',
      '{ "fact": "households" }',
      `${RULE}:31:20: error SHOUTU-R012: unknown fact "households": ${NAMING}; did you mean "subject.households"? (at conditions.all[0].value.fact)`,
    ],
  ])('an unknown fact: %s names the fact meant', async (_, from, to, said) => {
    const r = await checked((t) => t.replace(from, to));
    expect(r.problems).toEqual([said]);
  });

  test('an area the scoring method does not have is one error, with the areas allowed', async () => {
    const r = await checked((t) => t.replace('"area": "prevention"', '"area": "epidemic"'));
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      `${RULE}:3:3: error SHOUTU-R001: unknown area "epidemic": expected one of the areas of rules/scoring.json (prevention, security, safety) (at area)`,
    ]);
  });

  test('a rule at the top of rules/ is located and says the folder to move it into', async () => {
    const root = await project('mini');
    const text = await readFile(path.join(root, RULE), 'utf8');
    await rm(path.join(root, RULE));
    await writeFile(path.join(root, 'rules/grid-screening.json'), text);
    for (const command of ['check', 'test']) {
      const r = await run(['--root', root, 'rules', command]);
      expect(r.code).toBe(1);
      expect(r.err.split('\n').filter((l) => l.startsWith('rules/'))).toEqual([
        'rules/grid-screening.json:3:3: error SHOUTU-R013: a rule must sit in a folder of its area: move it into rules/prevention/ (rules/prevention/grid-screening.json)',
      ]);
    }
  });

  test.each([
    [
      true,
      '0.9',
      'a share in percent (0 to 100), and 0.9 looks like a fraction written for a percent: for 90 % write 90',
    ],
    [
      false,
      '90',
      'a ratio between 0 and 1 (not in percent), and 90 looks like a percent: for 90 % write 0.9',
    ],
  ])(
    'a share (percent: %s) compared with %s: --strict says the scale to write',
    async (percent, value, said) => {
      const root = await project('mini');
      const form = path.join(root, 'data/forms/grid-daily.json');
      const text = await readFile(form, 'utf8');
      expect(text.trimEnd().endsWith('  ]\n}')).toBe(true);
      await writeFile(
        form,
        `${text.trimEnd().slice(0, -2)},\n  "derived": [\n    { "id": "visited_share", "label": { "zh": "走访率", "en": "share visited" }, "ratio": { "of": "households_visited", "to": "subject.households", "percent": ${percent} } }\n  ]\n}\n`,
      );
      const ruleFile = path.join(root, RULE);
      const rule = await readFile(ruleFile, 'utf8');
      await writeFile(
        ruleFile,
        rule.replace(
          CONDITION,
          `      { "fact": "grid-daily.visited_share", "operator": "greaterThanInclusive", "value": ${value} }`,
        ),
      );
      const r = await run(['--root', root, 'rules', 'check', '--strict']);
      expect(r.code).toBe(1);
      const lines = r.err.split('\n').filter((l) => l.startsWith('rules/'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^${RULE}:28:\\d+: warning SHOUTU-R02[12]: never .*\\. "grid-daily.visited_share" is ${said.replace(/[().]/g, '\\$&')} \\(at conditions\\.all\\[0\\]\\.value\\)$`,
        ),
      );
    },
  );
});
