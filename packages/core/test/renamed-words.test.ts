import {
  checkRule,
  Form,
  formatProblem,
  PROBLEM_CODES,
  parseJsonSource,
  RESPONSIBLE,
  Rule,
  validateJson,
} from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { registryOf, t } from './helpers.js';

const form = Form.parse({
  id: 'grid-daily',
  title: t('网格日报', 'grid daily'),
  subjects: { kind: 'territory', level: 'grid' },
  fields: [{ id: 'visited', type: 'integer', min: 0, label: t('走访', 'visited') }],
});
const ctx = { registry: registryOf(), forms: new Map([['grid-daily', form]]) };

const ruleText = (responsible: string) =>
  JSON.stringify(
    {
      id: 'prevention.x',
      area: 'prevention',
      title: t('x'),
      description: t('x'),
      appliesTo: { kind: 'territory', level: 'grid' },
      severity: 'major',
      responsible,
      remediation: t('x'),
      source: { document: t('x'), clause: t('1') },
      effective: { from: '2020-01-01' },
      conditions: { all: [{ fact: 'grid-daily.visited', operator: 'greaterThan', value: 0 }] },
    },
    null,
    2,
  );

function load(responsible: string) {
  const p = parseJsonSource('rules/prevention/x.json', ruleText(responsible));
  if (!p.source) throw new Error(p.problems.map(formatProblem).join('\n'));
  const v = validateJson(p.source, Rule);
  const problems = v.data ? checkRule(p.source, v.data, ctx) : v.problems;
  return { rule: v.data, problems };
}

describe('the responsible party has one spelling: subject | department | territorial', () => {
  test('the words', () => {
    expect([...RESPONSIBLE]).toEqual(['subject', 'department', 'territorial']);
  });

  test.each(['subject', 'department', 'territorial'])('"%s" loads without a word', (word) => {
    const { rule, problems } = load(word);
    expect(rule?.responsible).toBe(word);
    expect(problems).toEqual([]);
  });

  test('the old "unit" loads as "subject", with a located warning SHOUTU-N001 saying what to write', () => {
    const { rule, problems } = load('unit');
    expect(rule?.responsible).toBe('subject');
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatchObject({
      severity: 'warning',
      code: 'SHOUTU-N001',
      file: 'rules/prevention/x.json',
      // At the key: the line that says "responsible".
      line:
        ruleText('unit')
          .split('\n')
          .findIndex((l) => l.includes('"responsible"')) + 1,
      column: 3,
    });
    expect(p?.message).toContain('write "subject"');
    const entry = PROBLEM_CODES.find((c) => c.code === 'SHOUTU-N001');
    expect(entry).toMatchObject({ severity: 'warning', name: 'responsible-unit-renamed' });
  });

  test.each(['departmental', 'place', 'Subject'])(
    '"%s" is not a word: an error listing the three',
    (word) => {
      const { rule, problems } = load(word);
      expect(rule).toBeUndefined();
      expect(problems.map((p) => p.severity)).toEqual(['error']);
      const text = problems.map(formatProblem).join('\n');
      for (const w of ['subject', 'department', 'territorial']) expect(text).toContain(w);
      expect(text).not.toContain('SHOUTU-N001');
    },
  );
});
