import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { project, run } from './helpers.js';

/** Hostile rules, end to end: each is one located error, exit 1, never a stack. */
describe('rules check on rules built to overflow', () => {
  test('conditions nested 2,000 and 10,000 deep; shared conditions that name each other', async () => {
    const root = await project('mini');
    const rule = path.join(root, 'rules/prevention/grid-screening.json');
    const text = await readFile(rule, 'utf8');
    const leaf = '{ "fact": "grid-daily.households_visited", "operator": "equal", "value": 1 }';
    for (const n of [2_000, 10_000]) {
      let open = '';
      let close = '';
      for (let i = 0; i < n; i++)
        if (i % 2) {
          open += '{"not":';
          close = `}${close}`;
        } else {
          open += '{"all":[';
          close = `]}${close}`;
        }
      const deep = JSON.parse(text);
      deep.id = `prevention.deep-${n}`;
      deep.conditions = '@@';
      await writeFile(
        path.join(root, `rules/prevention/deep-${n}.json`),
        JSON.stringify(deep, null, 2).replace('"@@"', `${open}${leaf}${close}`),
      );
    }
    await mkdir(path.join(root, 'rules/conditions'), { recursive: true });
    const shared = (name: string, conditions: object) =>
      writeFile(
        path.join(root, `rules/conditions/${name}.json`),
        JSON.stringify({ name, description: { zh: name, en: name }, conditions }, null, 2),
      );
    await shared('loop-a', { all: [{ condition: 'loop-b' }] });
    await shared('loop-b', { any: [{ condition: 'loop-a' }] });
    await shared('unused', {
      all: [{ fact: 'grid-daily.households_visited', operator: 'someFact:equal', value: 1 }],
    });
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/internal error|^\s+at /m);
    const lines = r.err.split('\n').filter((l) => l.startsWith('rules/'));
    expect(lines).toEqual([
      'rules/conditions/loop-a.json:10:9: error SHOUTU-R007: the shared condition "loop-b" refers to itself (loop-b → loop-a → loop-b) (at conditions.all[0].condition)',
      'rules/conditions/loop-b.json:10:9: error SHOUTU-R007: the shared condition "loop-a" refers to itself (loop-a → loop-b → loop-a) (at conditions.any[0].condition)',
      'rules/conditions/unused.json:11:9: error SHOUTU-R010: "someFact:equal": "someFact" needs a fact that is a list, and no fact is a list (each fact of the forms and the registry holds one value); "grid-daily.households_visited" is a single integer (at conditions.all[0].operator)',
      expect.stringMatching(
        /^rules\/prevention\/deep-10000\.json:\d+:\d+: error SHOUTU-J002: nested 65 deep: expected at most 64 levels of arrays and objects/,
      ),
      expect.stringMatching(
        /^rules\/prevention\/deep-2000\.json:\d+:\d+: error SHOUTU-J002: nested 65 deep: expected at most 64 levels of arrays and objects/,
      ),
    ]);
  });
});
