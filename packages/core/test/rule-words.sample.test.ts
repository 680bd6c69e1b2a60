import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  conditionText,
  deadlineDays,
  describeDeadline,
  describeRule,
  OPERATORS,
  Rule,
} from '@shoutu/core';
import { describe, expect, test } from 'vitest';

const RULES = path.resolve(import.meta.dirname, '../../../rules');
const rules = readdirSync(RULES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(path.join(RULES, d.name))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.test.json'))
      .map((f) => Rule.parse(JSON.parse(readFileSync(path.join(RULES, d.name, f), 'utf8')))),
  );

describe('the sample rules in words', () => {
  test('all 37 rules have a deadline and their clause in Chinese and English', () => {
    expect(rules).toHaveLength(37);
    for (const r of rules) {
      expect(r.deadline, r.id).toBeDefined();
      expect(Object.keys(r.source.clause).sort(), r.id).toEqual(['en', 'zh']);
      if (r.deadline?.basis === 'seed') expect(r.deadline.source, r.id).toBeDefined();
    }
    // Those the sources give: at once, within the hour, promptly.
    const seed = rules.filter((r) => r.deadline?.basis === 'seed').map((r) => r.id);
    expect(seed.sort()).toEqual([
      'safety.emergency-report-within-an-hour',
      'safety.general-hazards-fixed',
      'security.public-order',
    ]);
  });

  test('every rule reads without operator names, and its deadline in words', () => {
    for (const r of rules)
      for (const lang of ['zh', 'en']) {
        const text = conditionText(describeRule(r, new Map(), lang));
        for (const op of OPERATORS)
          expect(text, `${r.id} ${lang}`).not.toMatch(new RegExp(`\\b${op}\\b`));
        expect(text, r.id).not.toMatch(/undefined|\[object/);
        if (r.deadline) expect(describeDeadline(r.deadline, lang)).not.toBe('');
      }
    const hour = rules.find((r) => r.id === 'safety.emergency-report-within-an-hour');
    expect(hour?.deadline && describeDeadline(hour.deadline, 'zh')).toBe('1 小时内');
    expect(hour?.deadline && deadlineDays(hour.deadline)).toBe(0);
  });
});
