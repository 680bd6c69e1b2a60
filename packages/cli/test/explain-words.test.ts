import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { project, run } from './helpers.js';

/** The mini project, its rule given a deadline, a clause in both languages and nested conditions. */
async function withWords(): Promise<string> {
  const root = await project('mini');
  const file = path.join(root, 'rules/prevention/grid-screening.json');
  const rule = JSON.parse(await readFile(file, 'utf8'));
  rule.source.clause = {
    zh: '建立横向到边、纵向到底、全覆盖、无遗漏的防控网络',
    en: 'establish a prevention and control network with full coverage and no omission',
  };
  rule.deadline = { days: 0, basis: 'assumed' };
  rule.conditions = {
    all: [
      { condition: 'all-visited' },
      {
        any: [
          { fact: 'grid-daily.households_visited', operator: 'greaterThan', value: 0 },
          { not: { fact: 'subject.households', operator: 'greaterThan', value: 0 } },
        ],
      },
    ],
  };
  await writeFile(file, JSON.stringify(rule, null, 2));
  await mkdir(path.join(root, 'rules/conditions'), { recursive: true });
  await writeFile(
    path.join(root, 'rules/conditions/all-visited.json'),
    JSON.stringify({
      name: 'all-visited',
      description: { zh: '全部走访', en: 'every household visited' },
      conditions: {
        all: [
          {
            fact: 'grid-daily.households_visited',
            operator: 'greaterThanInclusive',
            value: { fact: 'subject.households' },
          },
        ],
      },
    }),
  );
  // The scoring method of the contract (a share of critical checks caps the band), whichever the
  // fixture has.
  const scoring = path.join(root, 'rules/scoring.json');
  const method = JSON.parse(await readFile(scoring, 'utf8'));
  if (method.criticalFailure) {
    delete method.criticalFailure;
    method.criticalCap = { yellow: 0.01, red: 0.05 };
    await writeFile(scoring, JSON.stringify(method, null, 2));
  }
  return root;
}

const args = (root: string, lang: string) => [
  '--root',
  root,
  'explain',
  '--subject',
  '210202001001001',
  '--rule',
  'prevention.grid-screening',
  '--date',
  '2020-02-02',
  '--lang',
  lang,
];

describe('shoutu explain: the rule in words', () => {
  test('the deadline, what the rule asks (shared conditions followed) and the clause, in English', async () => {
    const root = await withWords();
    const r = await run(args(root, 'en'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('deadline: the same day (assumed, not from the source)');
    const at = lines.indexOf('the rule asks:');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 8)).toEqual([
      '  - all of the following',
      '    - the shared condition “all-visited”',
      '      - households visited: at least registered households',
      '    - at least one of the following',
      '      - households visited: more than 0 households',
      '      - not the following',
      '        - registered households: more than 0 households',
    ]);
    expect(r.out).toContain(
      '"establish a prevention and control network with full coverage and no omission"',
    );
  });

  test('in Chinese, the clause too', async () => {
    const root = await withWords();
    const r = await run(args(root, 'zh'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('整改时限: 当日内（推定，非出自依据文件）');
    expect(r.out).toContain('    - 以下各项至少满足一项');
    expect(r.out).toContain('"建立横向到边、纵向到底、全覆盖、无遗漏的防控网络"');
    expect(r.out).not.toContain('establish');
  });
});
