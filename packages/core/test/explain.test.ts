import {
  describeBlank,
  describeCoverage,
  describeOutcome,
  describeTooFewDays,
  type FactInfo,
} from '@shoutu/core';
import { describe, expect, test } from 'vitest';

const facts = new Map<string, FactInfo>([
  [
    'unit-daily.staff',
    { name: 'unit-daily.staff', label: { zh: '在岗人数', en: 'staff on duty' }, type: 'integer' },
  ],
  [
    'unit-daily.quota',
    { name: 'unit-daily.quota', label: { zh: '定额', en: 'quota' }, type: 'integer' },
  ],
]);
const under = (operator: string, required: unknown = 2) =>
  ({ fact: 'unit-daily.staff', operator: `not:${operator}`, required, actual: 3 }) as never;

describe('conditions under `not`', () => {
  test('Chinese says the opposite comparison, never 不不', () => {
    expect(describeOutcome(under('greaterThanInclusive'), facts, 'zh')).toBe(
      '在岗人数：3；要求：少于 2',
    );
    expect(describeOutcome(under('lessThanInclusive'), facts, 'zh')).toBe(
      '在岗人数：3；要求：超过 2',
    );
    expect(describeOutcome(under('notEqual'), facts, 'zh')).toBe('在岗人数：3；要求：等于 2');
    expect(describeOutcome(under('notIn', [1, 2]), facts, 'zh')).toBe(
      '在岗人数：3；要求：属于 1、2',
    );
    expect(describeOutcome(under('greaterThan'), facts, 'zh')).toBe('在岗人数：3；要求：不大于 2');
    expect(
      describeOutcome(
        under('greaterThanInclusive', { fact: 'unit-daily.quota', value: 4 }),
        facts,
        'zh',
      ),
    ).toBe('在岗人数：3 / 4（75%）；要求：少于 定额（4）');
    for (const op of [
      'equal',
      'notEqual',
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'in',
      'notIn',
      'contains',
      'doesNotContain',
    ])
      expect(describeOutcome(under(op), facts, 'zh'), op).not.toMatch(/不不/);
  });

  test('English keeps "not"', () => {
    expect(describeOutcome(under('greaterThanInclusive'), facts, 'en')).toBe(
      'staff on duty: 3; required: not at least 2',
    );
  });
});

describe('gaps in the explanation', () => {
  test('look-back coverage in both languages', () => {
    expect(describeCoverage(5, 7, 'en')).toBe('over 5 of 7 days');
    expect(describeCoverage(5, 7, 'zh')).toBe('7天中有5天');
    expect(describeTooFewDays('unit-daily.staff', { days: 5, of: 7 }, 6, facts, 'en')).toBe(
      'staff on duty: values over 5 of 7 days; required: at least 6 days',
    );
    expect(describeTooFewDays('unit-daily.staff', { days: 5, of: 7 }, 6, facts, 'zh')).toBe(
      '在岗人数：7天中有5天有数据；要求：至少 6 天',
    );
  });

  test('blank cells say which fields, and that they are missing, not failing', () => {
    expect(describeBlank(['unit-daily.staff', 'unit-daily.x'], facts, 'en')).toBe(
      "left blank in the day's report: staff on duty, unit-daily.x (a missing value, not a failure)",
    );
    expect(describeBlank(['unit-daily.staff'], facts, 'zh')).toBe(
      '当日报表未填：在岗人数（按缺失计，不算不合格）',
    );
  });
});
