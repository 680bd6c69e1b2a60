import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { project, run } from './helpers.js';

// Real data's gaps at the command line: blank cells and look-backs over missing days.
const FORM = 'data/forms/grid-daily.json';
const RULE = 'rules/prevention/grid-screening.json';
const G1 = '210202001001001';

async function edit(root: string, file: string, change: (v: Record<string, unknown>) => void) {
  const value = JSON.parse(await readFile(path.join(root, file), 'utf8')) as Record<
    string,
    unknown
  >;
  change(value);
  await writeFile(path.join(root, file), JSON.stringify(value, null, 2));
}

const explain = (root: string, date: string, lang = 'en') =>
  run([
    '--root',
    root,
    'explain',
    '--subject',
    G1,
    '--rule',
    'prevention.grid-screening',
    '--date',
    date,
    '--lang',
    lang,
  ]);

describe('a blank cell at the command line', () => {
  test('validate warns at file:line:field and counts it; explain says which field was blank', async () => {
    const root = await project('mini');
    await mkdir(path.join(root, 'data/reports/2020-02-04'));
    await writeFile(
      path.join(root, 'data/reports/2020-02-04/grid-daily.210202.csv'),
      `subject,submitted_at,households_visited,reporter_phone\n${G1},2020-02-04T10:00,,\n`,
    );
    const v = await run(['--root', root, 'validate']);
    expect(v.code).toBe(0);
    expect(v.err).toContain(
      'data/reports/2020-02-04/grid-daily.210202.csv:2:households_visited: warning SHOUTU-D003: blank: expected a whole number of at least 0 (household); the rules that need this value count it as missing, the rest of the row is used',
    );
    expect(v.out).toContain('(1 blank cell: missing values)');
    const en = await explain(root, '2020-02-04');
    expect(en.out).toContain('day: 2020-02-04 · status: missing');
    expect(en.out).toContain(
      "why: left blank in the day's report: households visited (a missing value, not a failure)",
    );
    expect(en.out).not.toContain('no report of the day');
    const zh = await explain(root, '2020-02-04', 'zh');
    expect(zh.out).toContain('原因: 当日报表未填：已走访户数（按缺失计，不算不合格）');
  });
});

describe('look-backs over days with missing reports', () => {
  async function withSum(minDays?: number) {
    const root = await project('mini');
    await edit(root, FORM, (f) => {
      f.derived = [
        {
          id: 'visited_3d',
          label: { zh: '近3日走访户数', en: 'households visited in 3 days' },
          unit: 'household',
          sum: { field: 'households_visited', days: 3 },
          ...(minDays ? { minDays } : {}),
        },
      ];
    });
    await edit(root, RULE, (r) => {
      r.conditions = {
        all: [{ fact: 'grid-daily.visited_3d', operator: 'greaterThanInclusive', value: 100000 }],
      };
    });
    return root;
  }

  test('the explanation says over how many days a partial sum ran', async () => {
    // Reports on 2 and 3 February: 2 of the 3 days up to the 4th.
    const root = await withSum();
    const r = await explain(root, '2020-02-04');
    expect(r.out).toContain('status: failed');
    expect(r.out).toContain(
      'why: households visited in 3 days: 692 households; required: at least 100000 households (over 2 of 3 days)',
    );
    const zh = await explain(root, '2020-02-04', 'zh');
    expect(zh.out).toContain('（3天中有2天）');
  });

  test('below minDays the check is missing, and the explanation says why', async () => {
    const root = await withSum(3);
    const r = await explain(root, '2020-02-04');
    expect(r.out).toContain('status: missing');
    expect(r.out).toContain(
      'why: households visited in 3 days: values over 2 of 3 days; required: at least 3 days',
    );
    const zh = await explain(root, '2020-02-04', 'zh');
    expect(zh.out).toContain('原因: 近3日走访户数：3天中有2天有数据；要求：至少 3 天');
  });
});
