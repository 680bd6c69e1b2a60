import { Form, Rule } from '@shoutu/core';
import { compileRule, emptyCoverage, runCase } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

const t = (s: string) => ({ zh: s, en: s });
const form = Form.parse({
  id: 'grid-daily',
  title: t('grid daily'),
  subjects: { kind: 'territory', level: 'grid' },
  fields: [
    { id: 'visited', type: 'integer', unit: 'household', label: t('visited') },
    { id: 'fever', type: 'integer', unit: 'person', label: t('fever') },
  ],
  derived: [
    {
      id: 'coverage',
      label: t('coverage'),
      ratio: { of: 'visited', to: 'subject.households', percent: true },
    },
    { id: 'fever_7d', label: t('fever, 7 days'), sum: { field: 'fever', days: 7 } },
  ],
});
const forms = new Map([[form.id, form]]);
const rule = (fact: string, operator: string, value: number) =>
  compileRule(
    Rule.parse({
      id: 'safety.x',
      area: 'safety',
      title: t('x'),
      description: t('x'),
      appliesTo: { kind: 'territory', level: 'grid' },
      severity: 'major',
      responsible: 'territorial',
      remediation: t('x'),
      source: { document: t('doc'), clause: t('c') },
      effective: { from: '2020-01-01' },
      missing: { mode: 'fail' },
      conditions: { all: [{ fact, operator, value }] },
    }),
    new Map(),
    forms,
  );

describe('runCase and derived facts', () => {
  test('a ratio given alone is used as given, not read as a missing report', async () => {
    const compiled = rule('grid-daily.coverage', 'greaterThanInclusive', 90);
    const pass = await runCase(
      compiled,
      { name: 'p', facts: { 'grid-daily.coverage': 95 }, expect: 'pass' },
      emptyCoverage(compiled),
    );
    expect(pass.actual).toBe('pass');
    const fail = await runCase(
      compiled,
      { name: 'f', facts: { 'grid-daily.coverage': 40 }, expect: 'fail' },
      emptyCoverage(compiled),
    );
    expect(fail).toMatchObject({ actual: 'fail', passed: true });
  });

  test('a ratio is computed from its fields when they are given instead', async () => {
    const compiled = rule('grid-daily.coverage', 'greaterThanInclusive', 90);
    const r = await runCase(
      compiled,
      {
        name: 'c',
        facts: { 'grid-daily.visited': 40, 'subject.households': 100 },
        expect: 'fail',
      },
      emptyCoverage(compiled),
    );
    expect(r.actual).toBe('fail');
  });

  test('a look-back sum given alone is used as given', async () => {
    const compiled = rule('grid-daily.fever_7d', 'lessThanInclusive', 3);
    const r = await runCase(
      compiled,
      { name: 's', facts: { 'grid-daily.fever_7d': 9 }, expect: 'fail' },
      emptyCoverage(compiled),
    );
    expect(r.actual).toBe('fail');
  });

  test('with nothing given, the report is missing', async () => {
    const compiled = rule('grid-daily.coverage', 'greaterThanInclusive', 90);
    const r = await runCase(
      compiled,
      { name: 'm', facts: {}, expect: 'missing' },
      emptyCoverage(compiled),
    );
    expect(r.actual).toBe('missing');
  });
});
