import { expect } from 'vitest';
import type { Fixture } from '../../helpers.js';
import { cond, deepConditions, edit, exists, RULE, RULE_TEST, rule, shared } from '../build.js';
import { at, type Case } from '../corpus.js';

const g = 'rules and shared conditions' as const;
const NEW = 'rules/prevention/extra.json';
const withRule =
  (conditions: string, over: Record<string, unknown> = {}) =>
  (f: Fixture) =>
    f.write(NEW, rule('extra', conditions, over));
const withShared = (name: string, conditions: string) => (f: Fixture) =>
  f.write(`rules/conditions/${name}.json`, shared(name, conditions));
const bad = (
  name: string,
  file: string,
  setup: (f: Fixture) => Promise<void>,
  what: string | RegExp,
  command = ['rules', 'check'],
): Case => ({ group: g, name, setup, command, expect: { exit: 1, message: at(file, what) } });

const GOOD = cond('greaterThan', '0');

export const cases: Case[] = [
  bad('conditions nested 2,000 deep', NEW, withRule(deepConditions(2_000)), /nested|deep/),
  bad('conditions nested 10,000 deep', NEW, withRule(deepConditions(10_000)), /nested|deep/),
  bad(
    'conditions nested 40 deep (past the limit of 64 arrays and objects)',
    NEW,
    withRule(deepConditions(40)),
    /nested|deep/,
  ),
  {
    group: g,
    name: 'conditions nested 20 deep are within the limit and checked',
    setup: withRule(deepConditions(20)),
    command: ['rules', 'check'],
    expect: { exit: 0, message: /2 rules, 0 errors/ },
  },
  bad(
    'conditions nested 2,000 deep stop validate too',
    NEW,
    withRule(deepConditions(2_000)),
    /nested|deep/,
    ['validate'],
  ),
  bad(
    'conditions nested 10,000 deep stop evaluate, nothing published',
    NEW,
    withRule(deepConditions(10_000)),
    /nested|deep/,
    ['evaluate'],
  ),
  bad(
    'an unused shared condition with an unknown fact',
    'rules/conditions/unused.json',
    withShared('unused', cond('greaterThan', '0', 'grid-daily.households')),
    'grid-daily.households',
  ),
  bad(
    'an unused shared condition with an unknown operator',
    'rules/conditions/unused.json',
    withShared('unused', cond('atLeast')),
    'atLeast',
  ),
  bad(
    'an unused shared condition with a value of the wrong type',
    'rules/conditions/unused.json',
    withShared('unused', cond('greaterThan', '"many"')),
    /many|number/,
  ),
  bad(
    'an unused shared condition naming a missing shared condition',
    'rules/conditions/unused.json',
    withShared('unused', '{ "all": [ { "condition": "nowhere" } ] }'),
    'nowhere',
  ),
  bad(
    'an unused shared condition that refers to itself',
    'rules/conditions/self.json',
    withShared('self', '{ "all": [ { "condition": "self" } ] }'),
    /cycle|itself|refers|self/,
  ),
  bad(
    'a used shared condition that refers to itself',
    'rules/conditions/self.json',
    async (f) => {
      await withShared('self', `{ "any": [ { "condition": "self" }, ${GOOD} ] }`)(f);
      await withRule('{ "all": [ { "condition": "self" } ] }')(f);
    },
    /cycle|itself|refers/,
  ),
  bad(
    'two unused shared conditions that refer to each other',
    'rules/conditions/a.json',
    async (f) => {
      await withShared('a', '{ "all": [ { "condition": "b" } ] }')(f);
      await withShared('b', '{ "all": [ { "condition": "a" } ] }')(f);
    },
    /cycle|refer/,
  ),
  {
    group: g,
    name: 'a cycle of three shared conditions used by a rule',
    command: ['rules', 'check'],
    expect: { exit: 1, message: /rules\/conditions\/[abc]\.json:\d+[^\n]*(cycle|refer)/i },
    setup: async (f) => {
      await withShared('a', '{ "all": [ { "condition": "b" } ] }')(f);
      await withShared('b', '{ "all": [ { "condition": "c" } ] }')(f);
      await withShared('c', '{ "all": [ { "condition": "a" } ] }')(f);
      await withRule('{ "all": [ { "condition": "a" } ] }')(f);
    },
  },
  bad(
    'a cyclic shared condition stops evaluate, nothing published',
    'rules/conditions/self.json',
    async (f) => {
      await withShared('self', `{ "any": [ { "condition": "self" }, ${GOOD} ] }`)(f);
      await withRule('{ "all": [ { "condition": "self" } ] }')(f);
    },
    /cycle|itself|refers/,
    ['evaluate'],
  ),
  bad(
    'a shared condition whose name is not its file name',
    'rules/conditions/one.json',
    (f) => f.write('rules/conditions/one.json', shared('two', GOOD)),
    /two|one|name/,
  ),
  bad(
    'a shared condition nested 10,000 deep',
    'rules/conditions/deep.json',
    withShared('deep', deepConditions(10_000)),
    /nested|deep/,
  ),
  bad('an unknown operator', NEW, withRule(cond('atLeast')), 'atLeast'),
  bad('an unknown decorator', NEW, withRule(cond('mostly:equal')), 'mostly:equal'),
  bad('"someFact:" on a number fact', NEW, withRule(cond('someFact:greaterThan', '1')), /someFact/),
  bad('"everyFact:" on a number fact', NEW, withRule(cond('everyFact:equal', '1')), /everyFact/),
  bad(
    '"everyValue:swap:in"',
    NEW,
    withRule(cond('everyValue:swap:in', '[1, 2]')),
    /everyValue|swap/,
  ),
  bad('"someValue:" with a number value', NEW, withRule(cond('someValue:equal', '1')), /someValue/),
  bad(
    '"swap:" with "someFact:" and a single value (after swap, someFact reads the value)',
    NEW,
    withRule(cond('swap:someFact:equal', '1')),
    /swap|someFact/,
  ),
  bad(
    'an unknown fact',
    NEW,
    withRule(cond('greaterThan', '0', 'grid-daily.households')),
    'unknown fact',
  ),
  bad(
    'a fact of an unknown form',
    NEW,
    withRule(cond('greaterThan', '0', 'nosuch.households')),
    /nosuch/,
  ),
  bad(
    'a threshold past 2^53',
    NEW,
    withRule(cond('greaterThan', '9007199254740993')),
    /9007199254740993|9007199254740991|safe/,
  ),
  bad(
    'a threshold that overflows (1e400)',
    NEW,
    withRule(cond('greaterThan', '1e400')),
    /1e400|finite|Infinity|number/,
  ),
  bad(
    'an effective date that does not exist (2020-02-30)',
    NEW,
    withRule(GOOD, { effective: { from: '2020-02-30' } }),
    /effective|date/,
  ),
  bad(
    'an effective date of month 13',
    NEW,
    withRule(GOOD, { effective: { from: '2020-13-01' } }),
    /effective|date/,
  ),
  bad(
    'an end before the start',
    NEW,
    withRule(GOOD, { effective: { from: '2020-03-01', to: '2020-02-01' } }),
    /from|to|before|after/,
  ),
  bad('a condition that is text', NEW, withRule('"always"'), /conditions/),
  bad('conditions as a list', NEW, withRule(`[${GOOD}]`), /conditions/),
  bad(
    'a rule id given twice',
    NEW,
    (f) => f.write(NEW, rule('grid-screening', GOOD)),
    /prevention\.grid-screening/,
  ),
  bad(
    'an unknown severity',
    RULE,
    (f) => edit(f, RULE, '"severity": "critical"', '"severity": "fatal"'),
    'severity',
  ),
  bad(
    'an unknown area',
    RULE,
    (f) => edit(f, RULE, '"area": "prevention"', '"area": "hygiene"'),
    'hygiene',
  ),
  bad(
    'a rule test nested 10,000 deep',
    RULE_TEST,
    (f) =>
      edit(
        f,
        RULE_TEST,
        '"facts": {',
        `"facts": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}, "x": {`,
      ),
    /nested|deep/,
    ['rules', 'test'],
  ),
  {
    group: g,
    name: 'a bad rule never publishes',
    setup: withRule(cond('someFact:greaterThan', '1')),
    command: ['evaluate'],
    expect: {
      exit: 1,
      message: at(NEW, /someFact/),
      kept: (f) => expect(exists(f, 'data/results')).toBe(false),
    },
  },
  bad('a rule whose "not" holds a list', NEW, withRule(`{ "not": [${GOOD}] }`), /not/),
  bad(
    'a fact name of 100,000 characters',
    NEW,
    withRule(cond('greaterThan', '0', 'x'.repeat(100_000))),
    /unknown fact|fact/,
  ),
];
