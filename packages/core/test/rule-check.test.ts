import {
  checkRule,
  checkSharedCondition,
  Form,
  factHint,
  formatProblem,
  type JsonSource,
  parseJsonSource,
  Rule,
  type RuleContext,
  SharedCondition,
  validateJson,
} from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { registryOf, t } from './helpers.js';

const form = Form.parse({
  id: 'grid-daily',
  title: t('网格日报', 'grid daily'),
  subjects: { kind: 'territory', level: 'grid' },
  fields: [
    { id: 'visited', type: 'integer', min: 0, label: t('走访', 'visited') },
    { id: 'area', type: 'text', label: t('片区', 'area') },
    { id: 'on_duty', type: 'boolean', label: t('在岗', 'on duty') },
  ],
});
const forms = new Map([['grid-daily', form]]);
const registry = registryOf();

function parsed<T>(file: string, value: object, schema: { safeParse: unknown }) {
  const p = parseJsonSource(file, JSON.stringify(value, null, 2));
  if (!p.source) throw new Error(p.problems.map(formatProblem).join('\n'));
  const v = validateJson(p.source, schema as never);
  return { source: p.source, data: v.data as T | undefined, problems: v.problems };
}

const ruleOf = (conditions: object) => ({
  id: 'prevention.x',
  area: 'prevention',
  title: t('x'),
  description: t('x'),
  appliesTo: { kind: 'territory', level: 'grid' },
  severity: 'major',
  responsible: 'subject',
  remediation: t('x'),
  source: { document: t('x'), clause: t('1') },
  effective: { from: '2020-01-01' },
  conditions,
});
const sharedOf = (name: string, conditions: object) => ({
  name,
  description: t(name),
  conditions,
});

function project(
  rule: object,
  shared: Record<string, object> = {},
): { rule: string[]; shared: Record<string, string[]> } {
  const sources = new Map<string, { condition: SharedCondition; source: JsonSource }>();
  const problems: Record<string, string[]> = {};
  for (const [name, conditions] of Object.entries(shared)) {
    const s = parsed<SharedCondition>(
      `rules/conditions/${name}.json`,
      sharedOf(name, conditions),
      SharedCondition,
    );
    if (!s.data) throw new Error(s.problems.map(formatProblem).join('\n'));
    sources.set(name, { condition: s.data, source: s.source });
  }
  const ctx: RuleContext = { registry, forms, shared: sources };
  for (const [name, s] of sources)
    problems[name] = checkSharedCondition(s.source, s.condition, ctx).map(formatProblem);
  const r = parsed<Rule>('rules/prevention/x.json', ruleOf(rule), Rule);
  const said = r.data ? checkRule(r.source, r.data, ctx) : r.problems;
  return { rule: said.map(formatProblem), shared: problems };
}

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });

describe('operator decorators are checked against the facts', () => {
  test.each([
    [leaf('grid-daily.visited', 'not:equal', 3), []],
    [leaf('grid-daily.visited', 'someValue:equal', [1, 2]), []],
    [leaf('grid-daily.visited', 'everyValue:greaterThan', [1, 2]), []],
    [leaf('grid-daily.area', 'swap:contains', ['north', 'south']), []],
    [leaf('grid-daily.visited', 'swap:lessThan', 5), []],
    [
      leaf('grid-daily.visited', 'not:swap:in', [1, 2]),
      [
        // swap:in asks whether the fact (a list) holds the value: no fact is a list.
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "not:swap:in": "in" here (after "swap") needs a fact that is a list, and no fact is a list (each fact of the forms and the registry holds one value); "grid-daily.visited" is a single integer (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'someFact:equal', 3),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "someFact:equal": "someFact" needs a fact that is a list, and no fact is a list (each fact of the forms and the registry holds one value); "grid-daily.visited" is a single integer (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'everyFact:greaterThan', 3),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "everyFact:greaterThan": "everyFact" needs a fact that is a list, and no fact is a list (each fact of the forms and the registry holds one value); "grid-daily.visited" is a single integer (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'everyValue:swap:in', [1, 2]),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "everyValue:swap:in": "in" here (after "swap") needs a fact that is a list, and no fact is a list (each fact of the forms and the registry holds one value); "grid-daily.visited" is a single integer (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'someValue:equal', 3),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "someValue:equal": "someValue" needs a list of values, e.g. [1, 2], found the number 3 (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'someValue:equal', ['a']),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: expected a number to compare with, found the text "a" (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'everyValue:greaterThan', [-1]),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: -1 is outside the range of the field: expected at least 0 (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.on_duty', 'swap:greaterThan', 1),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "greaterThan" compares numbers, and this fact is yes/no (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.area', 'swap:contains', 'north'),
      [
        'rules/prevention/x.json:39:9: error SHOUTU-R010: "swap:contains": "contains" here (after "swap") needs a list of values, e.g. [1, 2], found the text "north" (at conditions.all[0].operator)',
      ],
    ],
    [
      leaf('grid-daily.visited', 'in', { fact: 'grid-daily.visited' }),
      [
        'rules/prevention/x.json:40:9: error SHOUTU-R010: "in" needs a fact that is a list, and no fact is a list (each fact of the forms and the registry holds one value); "grid-daily.visited" is a single integer (at conditions.all[0].value)',
      ],
    ],
  ])('%j', (condition, expected) => {
    expect(project({ all: [condition] }).rule).toEqual(expected);
  });

  test('an unknown decorator lists the ones json-rules-engine has', () => {
    expect(project({ all: [leaf('grid-daily.visited', 'anyFact:equal', 1)] }).rule).toEqual([
      'rules/prevention/x.json:39:9: error SHOUTU-S006: unknown operator decorator "anyFact": expected one of someFact, someValue, everyFact, everyValue, swap, not, each followed by a colon before the operator, e.g. "not:in", found the text "anyFact:equal" (at conditions.all[0].operator)',
    ]);
  });
});

describe('shared conditions', () => {
  test('one no rule uses is checked all the same, with hints', () => {
    const r = project(
      { all: [leaf('grid-daily.visited', 'equal', 1)] },
      {
        unused: {
          all: [
            leaf('grid-daily.visitd', 'equal', 1),
            leaf('grid-daily.area', 'lessThan', 'a'),
            { condition: 'nowhere' },
          ],
        },
      },
    );
    expect(r.rule).toEqual([]);
    expect(r.shared.unused).toEqual([
      'rules/conditions/unused.json:10:9: error SHOUTU-R012: unknown fact "grid-daily.visitd"; did you mean "grid-daily.visited"? (at conditions.all[0].fact)',
      'rules/conditions/unused.json:17:9: error SHOUTU-R010: "lessThan" compares numbers, and this fact is text (at conditions.all[1].value)',
      'rules/conditions/unused.json:20:9: error SHOUTU-R006: unknown shared condition "nowhere": expected a file rules/conditions/nowhere.json (at conditions.all[2].condition)',
    ]);
  });

  test('a self-reference and a cycle are located errors naming the chain', () => {
    const r = project(
      { condition: 'a' },
      {
        a: { all: [{ condition: 'b' }] },
        b: { any: [{ condition: 'a' }] },
        self: { not: { condition: 'self' } },
      },
    );
    expect(r.shared.self).toEqual([
      'rules/conditions/self.json:9:7: error SHOUTU-R007: the shared condition "self" refers to itself (self → self) (at conditions.not.condition)',
    ]);
    expect(r.shared.a).toEqual([
      'rules/conditions/b.json:10:9: error SHOUTU-R007: the shared condition "a" refers to itself (a → b → a) (at conditions.any[0].condition)',
    ]);
    expect(r.shared.b).toEqual([
      'rules/conditions/a.json:10:9: error SHOUTU-R007: the shared condition "b" refers to itself (b → a → b) (at conditions.all[0].condition)',
    ]);
    // The rule's own check finds the same mistake, said the same way (loadRules says it once).
    expect(r.rule).toEqual(r.shared.a);
  });

  test('a chain of shared conditions too deep, or multiplying, is refused, not followed', () => {
    const chain: Record<string, object> = {};
    for (let i = 0; i < 100; i++)
      chain[`c${i}`] =
        i < 99
          ? { not: { condition: `c${i + 1}` } }
          : { all: [leaf('grid-daily.visited', 'equal', 1)] };
    const deep = project({ condition: 'c0' }, chain);
    expect(deep.rule).toHaveLength(1);
    expect(deep.rule[0]).toMatch(
      /^rules\/conditions\/c31\.json:9:7: error SHOUTU-R008: the shared condition "c32" takes the conditions more than 64 levels deep \(c0 → c1 → .* → c32\): expected at most 64 levels of "all", "any", "not" and shared conditions \(at conditions\.not\.condition\)$/,
    );
    const doubling: Record<string, object> = {};
    for (let i = 0; i < 20; i++)
      doubling[`d${i}`] =
        i < 19
          ? { all: [{ condition: `d${i + 1}` }, { condition: `d${i + 1}` }] }
          : { all: [leaf('grid-daily.visited', 'equal', 1)] };
    const started = performance.now();
    const wide = project({ condition: 'd0' }, doubling);
    expect(performance.now() - started).toBeLessThan(10_000);

    expect(wide.rule).toHaveLength(1);
    expect(wide.rule[0]).toMatch(
      /^rules\/conditions\/d\d+\.json:\d+:\d+: error SHOUTU-R008: the shared condition "d\d+" makes the conditions more than 10000 conditions long when shared conditions are written out in place \(d0 → d1 → .*\): expected shared conditions that do not use each other over and over \(at conditions\.all\[\d\]\.condition\)$/,
    );
  });
});

describe('factHint (stream A2): the fact an unknown name most likely meant', () => {
  const names = ['grid-daily.households_visited', 'grid-daily.late', 'subject.households'];
  const labels = new Map([['已走访户数', ['grid-daily.households_visited']]]);
  test.each([
    ['households_visited', /<form>\.<field>.*did you mean "grid-daily.households_visited"\?$/],
    ['households', /subject\.<attribute>.*did you mean "subject.households"\?$/],
    [
      'grid-daily.已走访户数',
      /label of a field, not its id; did you mean "grid-daily.households_visited"\?$/,
    ],
    ['已走访户数', /did you mean "grid-daily.households_visited"\?$/],
    ['grid-daily.households_visted', /^; did you mean "grid-daily.households_visited"\?$/],
    ['nothing-like-it', /^$/],
  ])('%s', (fact, said) => {
    expect(factHint(fact, names, labels)).toMatch(said);
  });
});
