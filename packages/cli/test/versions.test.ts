import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { loadFixture } from './helpers.js';

/**
 * Rule versions with discipline (issue 13, docs/design/authors.md §4): `rules check` compares
 * each rule's content hash with the one stamped on the latest snapshot.
 */
const RULE = 'rules/prevention/grid-screening.json';

async function published() {
  const fx = await loadFixture('mini');
  const e = await fx.run('evaluate');
  expect(e.code).toBe(0);
  return fx;
}

describe('rules check: rule versions', () => {
  test('no snapshot: nothing to compare', async () => {
    const fx = await loadFixture('mini');
    await fx.write(RULE, (await fx.read(RULE)).replace('"greaterThanInclusive"', '"greaterThan"'));
    const r = await fx.run('rules', 'check');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/"version" is still|error/);
  });

  test('unchanged, or changed only in words, deadline or source: no error', async () => {
    const fx = await published();
    expect((await fx.run('rules', 'check')).code).toBe(0);
    await fx.write(
      RULE,
      (await fx.read(RULE))
        .replace('Every household in the grid screened', 'Every household screened')
        .replace('"days": 0', '"days": 1'),
    );
    const r = await fx.run('rules', 'check');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('a changed condition under the same version is an error at "version", saying how to add one', async () => {
    const fx = await published();
    await fx.write(
      RULE,
      (await fx.read(RULE))
        .replace(
          '"id": "prevention.grid-screening",',
          '"id": "prevention.grid-screening",\n  "version": 1,',
        )
        .replace('"greaterThanInclusive"', '"greaterThan"'),
    );
    const r = await fx.run('rules', 'check');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^rules\/prevention\/grid-screening\.json:3:3: error( SHOUTU-V001)?: the conditions \(with the shared conditions they name\) or "missing" of "prevention\.grid-screening" changed since the results of 2020-02-03 were made, but "version" is still 1: published days and new ones would be judged by different rules under one version\. Add a new version: end this one the day before the change \("effective": \{ "from": "2020-01-25", "to": "2020-02-03" \} here\), and put the changed rule in rules\/prevention\/grid-screening-v2\.json with the same "id", "version": 2 and "effective": \{ "from": "2020-02-04" \}\. If instead the published results were wrong, recompute them \(shoutu evaluate --recompute\)/,
    );
    const j = JSON.parse((await fx.run('rules', 'check', '--json')).out);
    expect(j.problems.map((p: { code?: string }) => p.code)).toContain('SHOUTU-V001');
  });

  test('a change to a shared condition the rule names counts too', async () => {
    const fx = await loadFixture('mini');
    const shared = (operator: string) =>
      fx.write(
        'rules/conditions/all-visited.json',
        `{\n  "name": "all-visited",\n  "description": { "zh": "说明", "en": "note" },\n  "conditions": { "all": [\n    { "fact": "grid-daily.households_visited", "operator": "${operator}", "value": { "fact": "subject.households" } }\n  ] }\n}\n`,
      );
    await shared('greaterThanInclusive');
    await fx.write(
      RULE,
      (await fx.read(RULE)).replace(
        /"all": \[[\s\S]*?\n {4}\]/,
        '"all": [{ "condition": "all-visited" }]',
      ),
    );
    expect((await fx.run('evaluate')).code).toBe(0);
    expect((await fx.run('rules', 'check')).code).toBe(0);
    await shared('greaterThan');
    const r = await fx.run('rules', 'check');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^rules\/prevention\/grid-screening\.json:\d+:\d+: error( SHOUTU-V001)?: the conditions \(with the shared conditions they name\)/m,
    );
  });

  test('following the advice clears it', async () => {
    const fx = await published();
    const v1 = await fx.read(RULE);
    await fx.write(
      RULE,
      v1.replace('"from": "2020-01-25" }', '"from": "2020-01-25", "to": "2020-02-03" }'),
    );
    await fx.write(
      'rules/prevention/grid-screening-v2.json',
      v1
        .replace('"area": "prevention",', '"version": 2,\n  "area": "prevention",')
        .replace('"from": "2020-01-25" }', '"from": "2020-02-04" }')
        .replace('"greaterThanInclusive"', '"greaterThan"'),
    );
    const r = await fx.run('rules', 'check');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('a changed appliesTo or missing mode is named; a version not written counts as 1', async () => {
    const fx = await published();
    await fx.write(RULE, (await fx.read(RULE)).replace('"mode": "fail"', '"mode": "skip"'));
    const m = await fx.run('rules', 'check');
    expect(m.code).toBe(1);
    expect(m.err).toMatch(
      /^rules\/prevention\/grid-screening\.json:2:3: error( SHOUTU-V001)?: the conditions .* or "missing" of "prevention\.grid-screening" changed .* but "version" is still 1 \(not written, so 1\):/,
    );
  });

  test('a snapshot of an older results format is not compared, with a note', async () => {
    const fx = await published();
    const index = fx.file('data/results/2020-02-03/index.json');
    const city = JSON.parse(await readFile(index, 'utf8'));
    await writeFile(index, JSON.stringify({ ...city, schema: 5 }));
    await fx.write(RULE, (await fx.read(RULE)).replace('"greaterThanInclusive"', '"greaterThan"'));
    const r = await fx.run('rules', 'check');
    expect(r.code).toBe(0);
    expect(r.err.split('\n')[0]).toBe(
      'note: the latest results (data/results/2020-02-03) are of results format 5, not 6: rule versions were not compared with them (shoutu evaluate --recompute rewrites them)',
    );
    expect(r.err).not.toMatch(/error/);
  });
});
