import {
  type ConditionWords,
  conditionLines,
  conditionText,
  describeConditions,
  describeDeadline,
  describeOutcome,
  describeRule,
  type FactInfo,
  type MeasurementUnit,
  type NestedCondition,
  wordsLang,
} from '@shoutu/core';
import { describe, expect, test } from 'vitest';

const fact = (name: string, zh: string, en: string, unit?: string): [string, FactInfo] => [
  name,
  { name, label: { zh, en }, type: 'integer', ...(unit ? { unit } : {}) },
];
const facts = new Map<string, FactInfo>([
  fact('unit-daily.visited', '走访户数', 'households visited', 'household'),
  fact('subject.households', '登记户数', 'registered households', 'household'),
  fact('unit-daily.chlorine', '有效氯浓度', 'available chlorine', 'mg/L'),
  fact('unit-daily.on_shift', '领导带班', 'leader on shift'),
  fact('unit-daily.status', '状态', 'status'),
  fact('unit-daily.tags', '标签', 'tags'),
]);
const units: MeasurementUnit[] = [
  {
    id: 'household',
    name: { zh: '户', en: 'households' },
    one: { en: 'household' },
    attached: false,
  },
  { id: 'mg/L', name: { zh: 'mg/L', en: 'mg/L' }, attached: false },
];
const leaf = (f: string, operator: string, value: unknown, extra: object = {}) =>
  ({ fact: f, operator, value, ...extra }) as NestedCondition;
const words = (tree: NestedCondition, lang = 'en', options = {}) =>
  describeConditions(tree, facts, lang, { measurementUnits: units, ...options });

describe('one comparison', () => {
  test('a constant with its unit of measure, in both languages', () => {
    const c = leaf('unit-daily.chlorine', 'greaterThanInclusive', 250, { unit: 'mg/L' });
    expect(words(c, 'en')).toEqual({
      kind: 'leaf',
      text: 'available chlorine: at least 250 mg/L',
      parts: [{ text: 'available chlorine: at least 250 mg/L' }],
    });
    expect(words(c, 'zh').text).toBe('有效氯浓度：不少于 250 mg/L');
    // The fact's unit when the condition does not name one; "one" forms where a language has them.
    expect(words(leaf('unit-daily.visited', 'greaterThan', 1), 'en').text).toBe(
      'households visited: more than 1 household',
    );
    expect(words(leaf('unit-daily.visited', 'lessThan', 480), 'zh').text).toBe(
      '走访户数：小于 480 户',
    );
  });

  test('"equal" reads as the value itself, as describeOutcome says it', () => {
    expect(words(leaf('unit-daily.on_shift', 'equal', true), 'en').text).toBe(
      'leader on shift: yes',
    );
    expect(words(leaf('unit-daily.on_shift', 'equal', false), 'zh').text).toBe('领导带班：否');
    expect(words(leaf('unit-daily.on_shift', 'notEqual', true), 'en').text).toBe(
      'leader on shift: not equal to yes',
    );
  });

  test('a fact compared with another fact names both', () => {
    const c = leaf('unit-daily.visited', 'greaterThanInclusive', { fact: 'subject.households' });
    expect(words(c, 'en').text).toBe('households visited: at least registered households');
    expect(words(c, 'zh').text).toBe('走访户数：不少于 登记户数');
    // Equal to another fact keeps its operator: "households visited: registered households" would
    // read as a value.
    expect(words(leaf('unit-daily.visited', 'equal', { fact: 'subject.households' })).text).toBe(
      'households visited: equal to registered households',
    );
  });

  test('paths into object facts are shown; unknown facts keep their name', () => {
    expect(
      words(leaf('unit-daily.status', 'equal', { fact: 'other.form', path: '$.state' }), 'en').text,
    ).toBe('status: equal to other.form $.state');
    expect(words(leaf('nowhere.x', 'in', ['a', 'b']), 'en').text).toBe('nowhere.x: one of a, b');
    expect(words(leaf('nowhere.x', 'in', ['a', 'b']), 'zh').text).toBe('nowhere.x：属于 a、b');
  });

  test('decorated operators: not, swap, and quantifiers over lists', () => {
    expect(words(leaf('unit-daily.status', 'not:in', ['x', 'y']), 'en').text).toBe(
      'status: not one of x, y',
    );
    expect(words(leaf('unit-daily.status', 'not:in', ['x', 'y']), 'zh').text).toBe(
      '状态：不属于 x、y',
    );
    // Chinese never says 不不.
    expect(words(leaf('unit-daily.visited', 'not:greaterThanInclusive', 3), 'zh').text).toBe(
      '走访户数：少于 3 户',
    );
    expect(words(leaf('unit-daily.status', 'not:notIn', ['x']), 'zh').text).toBe('状态：属于 x');
    // Two nots cancel.
    expect(words(leaf('unit-daily.status', 'not:not:in', ['x']), 'en').text).toBe(
      'status: one of x',
    );
    // swap compares the value with the fact: the converse comparison of the fact.
    expect(words(leaf('unit-daily.chlorine', 'swap:greaterThan', 5), 'en').text).toBe(
      'available chlorine: less than 5 mg/L',
    );
    expect(words(leaf('unit-daily.tags', 'swap:in', ['a']), 'en').text).toBe('tags: containing a');
    expect(words(leaf('unit-daily.tags', 'someFact:equal', 'a'), 'en').text).toBe('any of tags: a');
    expect(words(leaf('unit-daily.tags', 'everyFact:equal', 'a'), 'zh').text).toBe(
      '标签中每一项：a',
    );
    expect(words(leaf('unit-daily.status', 'someValue:equal', ['a', 'b']), 'en').text).toBe(
      'status: any of a, b',
    );
    // With a quantifier, "not" denies the whole: "no tag is a", not "some tag is not a".
    expect(words(leaf('unit-daily.tags', 'not:someFact:equal', 'a'), 'en').text).toBe(
      'not so: any of tags: a',
    );
  });
});

describe('groups', () => {
  const tree: NestedCondition = {
    all: [
      leaf('unit-daily.on_shift', 'equal', true),
      {
        any: [
          leaf('unit-daily.chlorine', 'lessThanInclusive', 500),
          { not: leaf('unit-daily.status', 'equal', 'closed') },
        ],
      },
    ],
  };

  test('all, any and not, with their conditions as children', () => {
    const w = words(tree, 'en');
    expect(w.kind).toBe('all');
    expect(w.text).toBe('all of the following');
    expect(w.children?.map((c) => c.kind)).toEqual(['leaf', 'any']);
    expect(w.children?.[1]?.children?.map((c) => c.kind)).toEqual(['leaf', 'not']);
    expect(conditionText(w)).toBe(
      [
        '- all of the following',
        '  - leader on shift: yes',
        '  - at least one of the following',
        '    - available chlorine: at most 500 mg/L',
        '    - not the following',
        '      - status: closed',
      ].join('\n'),
    );
    expect(conditionLines(words(tree, 'zh')).map((l) => `${l.depth} ${l.node.text}`)).toEqual([
      '0 以下各项全部满足',
      '1 领导带班：是',
      '1 以下各项至少满足一项',
      '2 有效氯浓度：不超过 500 mg/L',
      '2 以下条件不成立',
      '3 状态：closed',
    ]);
  });

  test('a group of one condition is that condition, unless it has a name', () => {
    const one = { all: [leaf('unit-daily.on_shift', 'equal', true)] } as NestedCondition;
    expect(describeRule({ conditions: one }, facts, 'en')).toEqual({
      kind: 'leaf',
      text: 'leader on shift: yes',
      parts: [{ text: 'leader on shift: yes' }],
    });
    const named = { any: [leaf('unit-daily.on_shift', 'equal', true)], name: 'duty' };
    const w = words(named as NestedCondition);
    expect(w.kind).toBe('any');
    expect(w.name).toBe('duty');
  });
});

describe('shared conditions', () => {
  const shared = new Map<string, NestedCondition>([
    ['duty-in-place', { all: [leaf('unit-daily.on_shift', 'equal', true)] }],
    ['loop', { any: [{ condition: 'loop' }, leaf('unit-daily.status', 'equal', 'x')] }],
  ]);
  const sharedDescriptions = new Map([['duty-in-place', { zh: '值班到位', en: 'duty in place' }]]);

  test('followed by name where they are used, with what they are about', () => {
    const tree = {
      all: [{ condition: 'duty-in-place' }, leaf('unit-daily.chlorine', 'greaterThan', 0)],
    };
    const w = words(tree as NestedCondition, 'en', { shared, sharedDescriptions });
    const ref = w.children?.[0] as ConditionWords;
    expect(ref.kind).toBe('shared');
    expect(ref.name).toBe('duty-in-place');
    expect(ref.text).toBe('the shared condition “duty-in-place”: duty in place');
    expect(ref.children?.[0]?.text).toBe('leader on shift: yes');
    expect(words(tree as NestedCondition, 'zh', { shared }).children?.[0]?.text).toBe(
      '共用条件“duty-in-place”',
    );
  });

  test('one that does not exist, or names itself, is said so and not followed', () => {
    expect(words({ condition: 'nowhere' }, 'en', { shared }).text).toBe(
      'the shared condition “nowhere”, which does not exist',
    );
    const lines = conditionLines(words({ condition: 'loop' }, 'zh', { shared })).map(
      (l) => l.node.text,
    );
    expect(lines).toEqual([
      '共用条件“loop”',
      '以下各项至少满足一项',
      '共用条件“loop”引用了自身，未展开',
      '状态：x',
    ]);
  });
});

describe('deep trees', () => {
  test('conditions 64 deep are described and listed without recursion', () => {
    let tree: NestedCondition = leaf('unit-daily.on_shift', 'equal', true);
    for (let i = 0; i < 63; i++)
      tree =
        i % 2 === 0
          ? { not: tree }
          : { any: [tree, leaf('unit-daily.chlorine', 'greaterThan', i)] };
    const lines = conditionLines(words(tree, 'en'));
    expect(Math.max(...lines.map((l) => l.depth))).toBe(63);
    expect(lines.find((l) => l.depth === 63)?.node.text).toBe('leader on shift: yes');
    expect(lines.at(-1)?.node.text).toBe('available chlorine: more than 61 mg/L');
    expect(lines).toHaveLength(64 + 31);
  });

  test('words far deeper than the call stack allows are listed all the same', () => {
    // Built by hand: JSON stops at 64 levels, but the listing must not recurse (pages and the
    // command line render the lines flat).
    let w: ConditionWords = { kind: 'leaf', text: 'x', parts: [{ text: 'x' }] };
    for (let i = 0; i < 100_000; i++) w = { kind: 'not', text: 'n', parts: [], children: [w] };
    const lines = conditionLines(w);
    expect(lines).toHaveLength(100_001);
    expect(lines.at(-1)).toMatchObject({ depth: 100_000, node: { text: 'x' } });
  });

  test('shared conditions chained far deeper than the call stack allows stop at the bound', () => {
    const shared = new Map<string, NestedCondition>();
    for (let i = 0; i < 5000; i++)
      shared.set(`c${i}`, {
        all: [{ condition: `c${i + 1}` }, leaf('unit-daily.chlorine', 'greaterThan', i)],
      });
    shared.set('c5000', leaf('unit-daily.on_shift', 'equal', true));
    const lines = conditionLines(words({ condition: 'c0' }, 'en', { shared }));
    expect(lines.some((l) => l.node.text.includes('nested too deep or too large'))).toBe(true);
  });
});

describe('other languages', () => {
  test('read English words around the project’s own labels, marked for lang attributes', () => {
    const fr = new Map<string, FactInfo>([
      [
        'unit-daily.visited',
        {
          name: 'unit-daily.visited',
          label: { fr: 'foyers visités', en: 'households visited' },
          type: 'integer',
        },
      ],
    ]);
    expect(wordsLang('fr')).toBe('en');
    // describeOutcome too: English operator words, never json-rules-engine's names.
    expect(
      describeOutcome(
        { fact: 'unit-daily.visited', operator: 'greaterThanInclusive', required: 4, actual: 3 },
        facts,
        'fr',
      ),
    ).toBe('走访户数: 3 household; required: at least 4 household');
    const w = describeConditions(
      {
        all: [
          leaf('unit-daily.visited', 'greaterThanInclusive', 3),
          leaf('unit-daily.on_shift', 'equal', true),
        ],
      },
      new Map([...facts, ...fr]),
      'fr',
    );
    expect(w.parts).toEqual([{ text: 'all of the following', lang: 'en' }]);
    expect(w.children?.[0]?.parts).toEqual([
      { text: 'foyers visités' },
      { text: ': at least ', lang: 'en' },
      { text: '3' },
    ]);
    // A label without the reader's language falls back, and says which language it is in.
    expect(w.children?.[1]?.parts).toEqual([
      { text: '领导带班', lang: 'zh' },
      { text: ': yes', lang: 'en' },
    ]);
  });
});

describe('deadlines', () => {
  test('days, the same day, and hours, in both languages', () => {
    expect(describeDeadline({ days: 0 }, 'zh')).toBe('当日内');
    expect(describeDeadline({ days: 0 }, 'en')).toBe('the same day');
    expect(describeDeadline({ days: 3 }, 'zh')).toBe('3 日内');
    expect(describeDeadline({ days: 3 }, 'en')).toBe('within 3 days');
    expect(describeDeadline({ days: 1 }, 'en')).toBe('within 1 day');
    expect(describeDeadline({ hours: 1 }, 'zh')).toBe('1 小时内');
    expect(describeDeadline({ hours: 1 }, 'en')).toBe('within 1 hour');
    expect(describeDeadline({ hours: 36 }, 'en')).toBe('within 36 hours');
  });

  test('other languages read the English words', () => {
    expect(describeDeadline({ days: 2 }, 'fr')).toBe('within 2 days');
    expect(describeDeadline({ hours: 2 }, 'fr')).toBe('within 2 hours');
  });
});
