import { expect, test } from 'vitest';
import { REPO, run } from './helpers.js';

test('explain names the responsible parties by the words of `responsible`, in English and Chinese', async () => {
  const args = ['--root', REPO, 'explain', '--subject', '210202003001001-01'];
  const rule = ['--rule', 'prevention.school-ventilation', '--date', '2020-03-24'];
  const en = await run([...args, ...rule]);
  expect(en.code).toBe(0);
  const parties = (out: string, word: string) =>
    out
      .split('\n')
      .filter((l) => l.startsWith(word))
      .map((l) => l.slice(word.length).split(')')[0]);
  expect([...new Set(parties(en.out, 'responsible ('))]).toEqual([
    'subject',
    'department',
    'territorial',
  ]);
  const zh = await run([...args, ...rule, '--lang', 'zh']);
  expect([...new Set(parties(zh.out, '责任方 ('))]).toEqual(['主体', '部门', '属地']);
}, 60_000);
