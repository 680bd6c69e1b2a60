import { rm } from 'node:fs/promises';
import { loadProject, loadReports, openReports } from '@shoutu/cli';
import { addDays } from '@shoutu/core';
import { evaluateDay } from '@shoutu/engine';
import { describe, expect, test } from 'vitest';
import { type Fixture, loadFixture } from './helpers.js';

/**
 * Evaluating one day reads that day and only the earlier days the rules' look-backs touch, and
 * finds exactly what reading every day finds.
 */

const FIRST = '2020-01-01';
const DAYS = 41; // 40 days of history before the last
const LAST = addDays(FIRST, DAYS - 1);
const GRIDS = ['210202001001001', '210202001001002'];

/** The mini fixture with `DAYS` days of grid reports; `reports(day, grid)` gives a row or none. */
async function history(
  reports: (i: number, grid: string) => number | 'blank' | undefined = () => 500,
): Promise<Fixture> {
  const fx = await loadFixture('mini');
  await rm(fx.file('data/reports'), { recursive: true, force: true });
  for (let i = 0; i < DAYS; i++) {
    const day = addDays(FIRST, i);
    const lines = ['subject,submitted_at,households_visited,reporter_phone'];
    for (const grid of GRIDS) {
      const v = reports(i, grid);
      if (v !== undefined) lines.push(`${grid},${day}T10:00,${v === 'blank' ? '' : v},`);
    }
    await fx.write(`data/reports/${day}/grid-daily.210202.csv`, `${lines.join('\n')}\n`);
  }
  return fx;
}

const DERIVED = {
  week: { sum: { field: 'households_visited', days: 7 } },
  seen: { count: { days: 3 }, minDays: 2 },
  since: { daysSinceReport: {} },
  full: { streak: { field: 'households_visited', equals: 500 } },
} as const;

/** Adds derived facts to the form and a rule reading `fact` compared with `value`. */
async function lookBackRule(
  fx: Fixture,
  id: string,
  condition: { fact: string; operator: string; value: unknown },
  missing: Record<string, unknown> = { mode: 'fail' },
) {
  const formFile = 'data/forms/grid-daily.json';
  const form = JSON.parse(await fx.read(formFile));
  form.derived = Object.entries(DERIVED).map(([k, def]) => ({
    id: k,
    label: { zh: k, en: k },
    ...def,
  }));
  await fx.write(formFile, JSON.stringify(form, null, 2));
  const rule = JSON.parse(await fx.read('rules/prevention/grid-screening.json'));
  rule.id = `prevention.${id}`;
  rule.effective = { from: '2019-12-01' };
  rule.missing = missing;
  rule.conditions = { all: [condition] };
  await fx.write(`rules/prevention/${id}.json`, JSON.stringify(rule, null, 2));
}

/** The line that says what evaluate read. */
const readLine = (err: string) => err.split('\n').find((l) => l.startsWith('read ')) ?? '';

describe('evaluate reads only the days it needs', () => {
  test('a day whose rules look at that day only reads that day', async () => {
    const fx = await history();
    const r = await fx.run('evaluate', '--date', LAST);
    expect(r.code).toBe(0);
    expect(readLine(r.err)).toBe(
      `read 1 report file of 1 day (${LAST} to ${LAST}): 0 from the cache, 1 parsed`,
    );
  });

  test('a 7-day sum reads the 7 days of its window', async () => {
    const fx = await history();
    await lookBackRule(fx, 'week', {
      fact: 'grid-daily.week',
      operator: 'greaterThan',
      value: 100,
    });
    const r = await fx.run('evaluate', '--date', LAST);
    expect(r.code).toBe(0);
    expect(readLine(r.err)).toBe(
      `read 7 report files of 7 days (${addDays(LAST, -6)} to ${LAST}): 0 from the cache, 7 parsed`,
    );
  });

  test('days since the last report walk back only to that report', async () => {
    // Grid 2 last reported 5 days before the last day.
    const fx = await history((i, grid) => (grid === GRIDS[1] && i > DAYS - 6 ? undefined : 500));
    await lookBackRule(fx, 'since', {
      fact: 'grid-daily.since',
      operator: 'lessThan',
      value: 2,
    });
    const r = await fx.run('evaluate', '--date', LAST);
    expect(r.code).toBe(0);
    expect(readLine(r.err)).toBe(
      `read 6 report files of 6 days (${addDays(LAST, -5)} to ${LAST}): 0 from the cache, 6 parsed`,
    );
  });

  test('every day without a snapshot is read when evaluate runs without --date', async () => {
    const fx = await history();
    const r = await fx.run('evaluate');
    expect(r.code).toBe(0);
    expect(readLine(r.err)).toBe(
      `read 41 report files of 41 days (${FIRST} to ${LAST}): 0 from the cache, 41 parsed`,
    );
    // The next day only needs itself: history is not read again.
    const next = addDays(LAST, 1);
    await fx.write(
      `data/reports/${next}/grid-daily.210202.csv`,
      `subject,submitted_at,households_visited,reporter_phone\n${GRIDS[0]},${next}T10:00,500,\n`,
    );
    const again = await fx.run('evaluate');
    expect(again.out).toMatch(/^evaluated 1 day/);
    expect(readLine(again.err)).toBe(
      `read 1 report file of 1 day (${next} to ${next}): 0 from the cache, 1 parsed`,
    );
  });

  test('reading lazily finds exactly what reading every day finds, on every day', async () => {
    // Gaps, blanks and streaks that break, so that every look-back has something to walk over.
    const fx = await history((i, grid) =>
      grid === GRIDS[0]
        ? i % 9 === 4
          ? undefined
          : i % 5 === 0
            ? 480
            : 500
        : i % 4 === 1
          ? 'blank'
          : i % 7 === 3 || (i > 20 && i < 30)
            ? undefined
            : 500,
    );
    await lookBackRule(fx, 'week', {
      fact: 'grid-daily.week',
      operator: 'greaterThan',
      value: 2000,
    });
    await lookBackRule(fx, 'seen', { fact: 'grid-daily.seen', operator: 'equal', value: 3 });
    await lookBackRule(fx, 'since', { fact: 'grid-daily.since', operator: 'lessThan', value: 2 });
    await lookBackRule(fx, 'full', { fact: 'grid-daily.full', operator: 'greaterThan', value: 3 });
    await lookBackRule(
      fx,
      'carried',
      { fact: 'grid-daily.households_visited', operator: 'greaterThan', value: 490 },
      { mode: 'carry', days: 4 },
    );
    const { project, problems } = await loadProject(fx.root);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    if (!project) throw new Error('the fixture project did not load');
    const eager = await loadReports(fx.root, project.registry, project.forms);
    let checks = 0;
    for (let i = 0; i < DAYS + 2; i++) {
      const day = addDays(FIRST, i);
      // A fresh lazy index per day: each starts from nothing, as a run evaluating that day does.
      const lazy = openReports(fx.root, project, { cache: false });
      const input = { registry: project.registry, rules: project.ruleSet.rules, day };
      const want = await evaluateDay({ ...input, reports: eager.index });
      const got = await evaluateDay({ ...input, reports: lazy.index });
      expect(got).toEqual(want);
      expect(lazy.source.read().days.length).toBeLessThanOrEqual(i + 1);
      checks += want.length;
    }
    expect(checks).toBeGreaterThan(400);
  });
});

test('the lazy source names files outside day folders and never lists them as days', async () => {
  const fx = await history();
  await fx.write('data/reports/notes.txt', 'not a report\n');
  await fx.write(
    'data/reports/2020-02-30/grid-daily.210202.csv',
    'subject,submitted_at,households_visited,reporter_phone\n',
  );
  await fx.write(
    'data/reports/week-1/grid-daily.210202.csv',
    'subject,submitted_at,households_visited,reporter_phone\n',
  );
  const { project } = await loadProject(fx.root);
  if (!project) throw new Error('the fixture project did not load');
  const { source } = openReports(fx.root, project, { cache: false });
  expect(source.days()).toHaveLength(DAYS);
  expect(source.days()).not.toContain('2020-02-30');
  const read = source.read();
  expect(read.days).toEqual([]);
  expect(read.problems.map((p) => p.file)).toEqual([
    'data/reports/2020-02-30/grid-daily.210202.csv',
    'data/reports/notes.txt',
    'data/reports/week-1/grid-daily.210202.csv',
  ]);
  expect(read.problems.every((p) => p.message.endsWith('the whole file was set aside'))).toBe(true);
  // The same problems as `shoutu validate` finds reading every file.
  const all = await loadReports(fx.root, project.registry, project.forms);
  expect(all.problems).toEqual(read.problems);
  // And evaluate counts them as set aside.
  const r = await fx.run('evaluate', '--date', LAST);
  expect(r.err).toContain('reports set aside: 3 files, 0 rows');
});
