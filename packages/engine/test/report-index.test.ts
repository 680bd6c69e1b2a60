import { addDays, Form, type ReportRow } from '@shoutu/core';
import { computeDerived, derivedFacts, ReportIndex, type ReportSource } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';

const t = (s: string) => ({ zh: s, en: s });
const form = Form.parse({
  id: 'daily',
  title: t('daily'),
  subjects: { kind: 'territory', level: 'cell' },
  fields: [
    { id: 'n', type: 'integer', unit: 'person', label: t('n') },
    { id: 'ok', type: 'boolean', label: t('ok') },
  ],
  derived: [
    { id: 'n_7d', label: t('n, 7 days'), sum: { field: 'n', days: 7 } },
    { id: 'since', label: t('days since report'), daysSinceReport: {} },
    { id: 'ok_streak', label: t('days ok'), streak: { field: 'ok', equals: true } },
  ],
});
const forms = new Map([[form.id, form]]);
const spec = (id: string) => {
  const s = derivedFacts([`daily.${id}`], forms).get(`daily.${id}`);
  if (!s) throw new Error(`no derived fact ${id}`);
  return s;
};
const row = (subject: string, day: string, values: ReportRow['values']): ReportRow => ({
  form: 'daily',
  subject,
  day,
  submittedAt: null,
  late: false,
  values,
  file: `${day}.csv`,
  line: 2,
});

/** Thirty days of reports in memory, from 2020-01-01; counts the days read. */
function memorySource(skip: (subject: string, day: string) => boolean = () => false) {
  const days = Array.from({ length: 30 }, (_, i) => addDays('2020-01-01', i));
  const read: string[] = [];
  const source: ReportSource = {
    days: () => days,
    rowsOf: (day) => {
      read.push(day);
      return ['a', 'b'].filter((s) => !skip(s, day)).map((s) => row(s, day, { n: 1, ok: true }));
    },
  };
  return { source, read, days };
}

describe('ReportIndex over a lazy source', () => {
  test('reads nothing until a lookup needs a day, then only that day, once', () => {
    const { source, read } = memorySource();
    const index = new ReportIndex([], source);
    expect(read).toEqual([]);
    expect(index.days()).toHaveLength(30);
    expect(index.get('daily', 'a', '2020-01-10')?.day).toBe('2020-01-10');
    expect(index.get('daily', 'b', '2020-01-10')?.day).toBe('2020-01-10');
    expect(index.get('daily', 'a', '2020-03-01')).toBeUndefined();
    expect(read).toEqual(['2020-01-10']);
  });

  test('a sum over 7 days touches 7 days, not all history', () => {
    const { source, read } = memorySource();
    const index = new ReportIndex([], source);
    expect(computeDerived(spec('n_7d'), index, 'a', '2020-01-30', {})).toBe(7);
    expect([...read].sort()).toEqual(Array.from({ length: 7 }, (_, i) => addDays('2020-01-24', i)));
  });

  test('days since the last report walks back and stops when answered', () => {
    // "a" has not reported since the 25th.
    const { source, read } = memorySource((s, day) => s === 'a' && day > '2020-01-25');
    const index = new ReportIndex([], source);
    expect(computeDerived(spec('since'), index, 'a', '2020-01-30', {})).toBe(5);
    expect(read).toEqual([
      '2020-01-30',
      '2020-01-29',
      '2020-01-28',
      '2020-01-27',
      '2020-01-26',
      '2020-01-25',
    ]);
  });

  test('a streak walks back only as far as it lasts', () => {
    const { source, read } = memorySource((_, day) => day === '2020-01-27');
    const index = new ReportIndex([], source);
    expect(computeDerived(spec('ok_streak'), index, 'b', '2020-01-30', {})).toBe(3);
    expect(read).toEqual(['2020-01-30', '2020-01-29', '2020-01-28', '2020-01-27']);
  });

  test('rows given and a source combine; days() is their union, in order', () => {
    const { source } = memorySource();
    const index = new ReportIndex([row('c', '2019-12-31', { n: 4, ok: false })], source);
    expect(index.days()[0]).toBe('2019-12-31');
    expect(index.days()).toHaveLength(31);
    expect(index.lastBefore('daily', 'c', '2020-01-30')).toBe('2019-12-31');
    expect(index.get('daily', 'c', '2019-12-31')?.values.n).toBe(4);
  });

  test('without a source, lookups are as before', () => {
    const index = new ReportIndex([
      row('a', '2020-01-03', { n: 2, ok: true }),
      row('a', '2020-01-01', { n: 1, ok: true }),
    ]);
    expect(index.lastBefore('daily', 'a', '2020-01-02')).toBe('2020-01-01');
    expect(index.lastBefore('daily', 'a', '2020-01-05')).toBe('2020-01-03');
    expect(index.lastBefore('daily', 'a', '2019-12-31')).toBeUndefined();
    expect(index.latest('daily', 'a', '2020-01-02', 1)?.day).toBe('2020-01-01');
    expect(index.days()).toEqual(['2020-01-01', '2020-01-03']);
  });
});
