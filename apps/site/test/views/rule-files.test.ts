import { realpathSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readProjectRules } from '../../src/lib/rule-records';
import { ruleRecords } from '../../src/lib/rules';

/** The CLI package's mini fixture, found as the site's devDependency (never the repository's data/). */
const FIXTURE = path.join(
  realpathSync(path.join(import.meta.dirname, '../../node_modules/@shoutu/cli')),
  'test/fixtures/mini',
);

/**
 * The rules area reads the project's rule files as the command line does: a rule added after the
 * last evaluated day is in the catalog before any day is evaluated with it.
 */
describe('rule files read through the command line’s loader', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'shoutu-site-rules-'));
    await cp(FIXTURE, root, { recursive: true });
    const base = JSON.parse(
      await readFile(path.join(root, 'rules/prevention/grid-screening.json'), 'utf8'),
    );
    const added = {
      ...base,
      id: 'prevention.grid-screening-again',
      title: { zh: '新规则', en: 'A new rule' },
      effective: { from: '2020-02-10' },
      deadline: { days: 1, basis: 'assumed' },
    };
    await writeFile(
      path.join(root, 'rules/prevention/grid-screening-again.json'),
      JSON.stringify(added, null, 2),
    );
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('a new rule file is read with its conditions and deadline, and listed before it is checked', async () => {
    const { files, facts } = await readProjectRules(root);
    const ids = files.map((f) => f.rule.id).sort();
    expect(ids).toEqual(['prevention.grid-screening', 'prevention.grid-screening-again']);
    const added = files.find((f) => f.rule.id === 'prevention.grid-screening-again');
    expect(added?.file).toBe('rules/prevention/grid-screening-again.json');
    expect(added?.rule.deadline).toEqual({ days: 1, basis: 'assumed' });
    expect(facts.some((f) => f.name === 'grid-daily.households_visited')).toBe(true);
    const records = ruleRecords('2020-02-03', files, []);
    expect(records.find((r) => r.id === 'prevention.grid-screening-again')).toMatchObject({
      state: 'upcoming',
      counts: undefined,
    });
  });

  test('rule files that do not load stop the build with located problems', async () => {
    const broken = path.join(root, 'rules/prevention/broken.json');
    await writeFile(broken, '{ "id": ');
    try {
      await expect(readProjectRules(root)).rejects.toThrow(/rules\/prevention\/broken\.json:1/);
    } finally {
      await rm(broken);
    }
  });

  test('results copied without their project: no rule files, the snapshots alone describe the rules', async () => {
    const bare = await mkdtemp(path.join(tmpdir(), 'shoutu-site-bare-'));
    try {
      expect(await readProjectRules(bare)).toEqual({ files: [], shared: new Map(), facts: [] });
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});
