import { Rule, TopLevelCondition } from '@shoutu/core';
import { compileRule } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

/**
 * The conditions blocks of json-rules-engine's documented examples (its README and docs/rules.md,
 * examples 01–13), copied unchanged: Shoutu's rule schema must accept them and its engine set-up
 * (own plain-path resolver, shared conditions) must evaluate them as json-rules-engine documents.
 */
const t = (s: string) => ({ zh: s, en: s });
const rule = (conditions: unknown) =>
  Rule.parse({
    id: 'example',
    area: 'prevention',
    title: t('example'),
    description: t('example'),
    appliesTo: { kind: 'territory', level: 'grid' },
    severity: 'minor',
    responsible: 'subject',
    remediation: t('none'),
    source: { document: t('json-rules-engine docs'), clause: t('example') },
    effective: { from: '2020-01-01' },
    conditions,
  });

async function fires(conditions: unknown, facts: Record<string, unknown>, shared = new Map()) {
  expect(TopLevelCondition.safeParse(conditions).success).toBe(true);
  const { engine } = compileRule(rule(conditions), shared);
  const { results } = await engine.run(facts);
  return results.length > 0;
}

describe("json-rules-engine's documented examples load and evaluate unchanged", () => {
  const fouledOut = {
    any: [
      {
        all: [
          { fact: 'gameDuration', operator: 'equal', value: 40 },
          { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 5 },
        ],
      },
      {
        all: [
          { fact: 'gameDuration', operator: 'equal', value: 48 },
          { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 6 },
        ],
      },
    ],
  };

  test('README: nested any/all (player fouled out)', async () => {
    expect(await fires(fouledOut, { personalFoulCount: 6, gameDuration: 40 })).toBe(true);
    expect(await fires(fouledOut, { personalFoulCount: 5, gameDuration: 48 })).toBe(false);
  });

  test('01 hello world', async () => {
    const conditions = { all: [{ fact: 'displayMessage', operator: 'equal', value: true }] };
    expect(await fires(conditions, { displayMessage: true })).toBe(true);
  });

  test('02 nested boolean logic, with not', async () => {
    const conditions = {
      any: [
        {
          all: [
            { fact: 'gameDuration', operator: 'equal', value: 40 },
            { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 5 },
          ],
        },
        {
          all: [
            { fact: 'gameDuration', operator: 'equal', value: 48 },
            { not: { fact: 'personalFoulCount', operator: 'lessThan', value: 6 } },
          ],
        },
      ],
    };
    expect(await fires(conditions, { personalFoulCount: 6, gameDuration: 48 })).toBe(true);
    expect(await fires(conditions, { personalFoulCount: 4, gameDuration: 48 })).toBe(false);
  });

  test('03 dynamic facts with path (resolved by our own plain-path resolver)', async () => {
    const conditions = {
      all: [
        { fact: 'account-information', operator: 'equal', value: 'microsoft', path: '$.company' },
        {
          fact: 'account-information',
          operator: 'in',
          value: ['active', 'paid-leave'],
          path: '$.status',
        },
        {
          fact: 'account-information',
          operator: 'contains',
          value: '2016-12-25',
          path: '$.ptoDaysTaken',
        },
      ],
    };
    const account = {
      company: 'microsoft',
      status: 'active',
      ptoDaysTaken: ['2016-12-25', '2021-01-01'],
    };
    expect(await fires(conditions, { 'account-information': account })).toBe(true);
    expect(
      await fires(conditions, { 'account-information': { ...account, status: 'terminated' } }),
    ).toBe(false);
  });

  test('04 fact dependency, with params', async () => {
    const conditions = {
      all: [
        {
          fact: 'employee-tenure',
          operator: 'greaterThanInclusive',
          value: 1,
          params: { unit: 'years' },
        },
      ],
    };
    expect(await fires(conditions, { 'employee-tenure': 2 })).toBe(true);
  });

  test('05 fact priorities', async () => {
    const conditions = {
      all: [
        { fact: 'age', operator: 'greaterThanInclusive', value: 18, priority: 10 },
        { fact: 'income', operator: 'greaterThan', value: 50000, priority: 1 },
      ],
    };
    expect(await fires(conditions, { age: 30, income: 60000 })).toBe(true);
    expect(await fires(conditions, { age: 16, income: 60000 })).toBe(false);
  });

  test('08 fact comparison, with a path on both sides', async () => {
    const conditions = {
      all: [
        {
          fact: 'user',
          operator: 'greaterThanInclusive',
          value: { fact: 'product', path: '$.price' },
          path: '$.balance',
        },
      ],
    };
    expect(await fires(conditions, { user: { balance: 500 }, product: { price: 450 } })).toBe(true);
    expect(await fires(conditions, { user: { balance: 400 }, product: { price: 450 } })).toBe(
      false,
    );
  });

  test('10 condition sharing', async () => {
    const shared = new Map([
      [
        'screwdriverAficionado',
        {
          all: [
            { fact: 'drinksOrangeJuice', operator: 'equal', value: true },
            { fact: 'enjoysVodka', operator: 'equal', value: true },
          ],
        },
      ],
    ]);
    const conditions = {
      all: [
        { condition: 'screwdriverAficionado' },
        { fact: 'isSociable', operator: 'equal', value: true },
      ],
    };
    expect(
      await fires(
        conditions,
        { drinksOrangeJuice: true, enjoysVodka: true, isSociable: true },
        shared,
      ),
    ).toBe(true);
    expect(
      await fires(
        conditions,
        { drinksOrangeJuice: true, enjoysVodka: false, isSociable: true },
        shared,
      ),
    ).toBe(false);
  });

  test('13 operator decorators', async () => {
    const conditions = {
      all: [
        { fact: 'scores', operator: 'everyFact:greaterThanInclusive', value: 60 },
        { fact: 'tags', operator: 'someFact:equal', value: 'vip' },
        { fact: 'status', operator: 'not:in', value: ['banned', 'suspended'] },
        { fact: 'region', operator: 'swap:contains', value: ['north', 'south'] },
      ],
    };
    const facts = {
      scores: [70, 80],
      tags: ['new', 'vip'],
      status: 'active',
      region: 'north',
    };
    expect(await fires(conditions, facts)).toBe(true);
    expect(await fires(conditions, { ...facts, scores: [70, 50] })).toBe(false);
  });

  test('a JSONPath expression never reaches jsonpath-plus', async () => {
    const conditions = {
      all: [{ fact: 'x', operator: 'equal', value: 1, path: '$..[?(@.constructor)]' }],
    };
    expect(TopLevelCondition.safeParse(conditions).success).toBe(false);
    // Even handed to the engine directly, the resolver refuses it.
    const { engine } = compileRule(
      rule({ all: [{ fact: 'x', operator: 'equal', value: 1, path: '$.a' }] }),
    );
    engine.addRule({
      name: 'direct',
      conditions: {
        all: [{ fact: 'x', operator: 'equal', value: 1, path: '$..[?(@.constructor)]' }],
      },
      event: { type: 'x' },
    });
    await expect(engine.run({ x: { a: 1 } })).rejects.toThrow('not a plain path');
  });
});
