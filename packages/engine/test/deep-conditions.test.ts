import {
  jsonDepthProblem,
  LIMITS,
  type NestedCondition,
  parseJsonSource,
  Rule,
  type TopLevelCondition,
} from '@shoutu/core';
import {
  compileConditions,
  compileRule,
  directPredicate,
  evaluateOne,
  ReportIndex,
} from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

/**
 * The deepest conditions a rule file can hold (the depth scan refuses anything deeper) and the
 * longest chains of shared conditions the checks let through: json-rules-engine's own run, the
 * compiled checks and the plain closures all evaluate them, with the same outcome.
 */
const t = (s: string) => ({ zh: s, en: s });
const ruleOf = (conditions: unknown) => ({
  id: 'prevention.deep',
  area: 'prevention',
  title: t('deep'),
  description: t('deep'),
  appliesTo: { kind: 'territory', level: 'grid' },
  severity: 'minor',
  responsible: 'subject',
  remediation: t('none'),
  source: { document: t('doc'), clause: t('1') },
  effective: { from: '2020-01-01' },
  conditions,
});

/** `levels` levels of `not` (each one JSON level) around a leaf, under one `all`. */
function nested(levels: number, value: number): TopLevelCondition {
  let c: NestedCondition = { fact: 'subject.n', operator: 'equal', value };
  for (let i = 0; i < levels; i++) c = { not: c };
  return { all: [c] };
}

const subject = { code: 'g1', level: 'grid', facts: { 'subject.n': 1 } };
const input = { reports: new ReportIndex([]), day: '2020-02-05' };

describe('deep conditions', () => {
  test('a rule file nested 60 deep is read, compiled and evaluated the same three ways', async () => {
    for (const [levels, value, status] of [
      [56, 1, 'pass'],
      [57, 1, 'fail'],
      [56, 2, 'fail'],
    ] as const) {
      const text = JSON.stringify(ruleOf(nested(levels, value)));
      // root object, conditions, all, its list, then the nots and the leaf
      expect(jsonDepthProblem('r.json', text)).toBeUndefined();
      const parsed = parseJsonSource('r.json', text);
      expect(parsed.problems).toEqual([]);
      const rule = Rule.parse(parsed.source?.value);
      const compiled = compileRule(rule);
      expect(compiled.facts).toEqual(['subject.n']);
      const finding = await evaluateOne(compiled, subject, input);
      expect(finding.status).toBe(status);
      expect(directPredicate(rule.conditions)({ 'subject.n': 1 })).toBe(status === 'pass');
      expect(compileConditions(rule.conditions, new Map(), () => 0).test([1])).toBe(
        status === 'pass',
      );
    }
    const tooDeep = JSON.stringify(ruleOf(nested(LIMITS.jsonDepth, 1)));
    expect(jsonDepthProblem('r.json', tooDeep)?.message).toMatch(/^nested 65 deep/);
  });

  test('a chain of shared conditions as long as the checks allow evaluates the same three ways', async () => {
    const shared = new Map<string, TopLevelCondition>();
    const n = LIMITS.jsonDepth - 1;
    for (let i = 0; i < n; i++)
      shared.set(`c${i}`, i < n - 1 ? { condition: `c${i + 1}` } : nested(58, 1));
    const rule = Rule.parse(ruleOf({ condition: 'c0' }));
    const compiled = compileRule(rule, shared);
    expect(compiled.facts).toEqual(['subject.n']);
    expect((await evaluateOne(compiled, subject, input)).status).toBe('pass');
    expect(directPredicate(rule.conditions, shared)({ 'subject.n': 1 })).toBe(true);
    expect(compileConditions(rule.conditions, shared, () => 0).test([1])).toBe(true);
  });
});
