/**
 * A second territory that shares nothing with the sample (fixtures/states): a country of states,
 * 3- and 5-digit codes, no places, areas of its own, one language, a rule on the top level.
 * The model's own checks: the scoring arithmetic of the top unit's check, located problems of
 * areas, languages and project.json, the editor schemas. The full "Done when" walk (validate,
 * rules check|test, evaluate, explain, gaps) is territory.test.ts on fixtures/fjordland.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectSchemas } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { project, run } from './helpers.js';

describe('another territory, with no code change', () => {
  test("the top unit's own check weighs in the whole's score like any other", async () => {
    const root = await project('states');
    const e = await run(['--root', root, 'evaluate']);
    expect(e.code).toBe(0);
    expect(e.out).toContain('3 checks');
    const index = JSON.parse(
      await readFile(path.join(root, 'data/results/2021-03-01/index.json'), 'utf8'),
    );
    // health: the country's own check failed (0 of 3); economy: North passed, South failed (1 of 2).
    // (3 × 0 + 1 × 50) / 4 = 12.5.
    expect(index.summary.areas).toEqual({ health: 0, economy: 50 });
    expect(index.summary.score).toBe(12.5);
  });

  test('a rule names an area the scoring method declares', async () => {
    const root = await project('states');
    const file = path.join(root, 'rules/economy/vaccinated.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"area": "economy"', '"area": "econmy"'),
    );
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/economy/vaccinated.json:3:3: error SHOUTU-R001: unknown area "econmy"; did you mean "economy"?: expected one of the areas of rules/scoring.json (health, economy) (at area)',
    );
  });

  test('the editor schema of its rules offers its own areas and facts', async () => {
    const built = await projectSchemas(await project('states'));
    if (!('schemas' in built)) throw new Error('the fixture should have no problems');
    const rule = built.schemas['rule.schema.json'] as {
      properties: { area: { enum: string[] } };
    };
    expect(rule.properties.area.enum).toEqual(['health', 'economy']);
    expect(JSON.stringify(rule)).toContain('"subject.population"');
  });

  test('a rule outside the area folders is pointed to the declared ones', async () => {
    const root = await project('states');
    await writeFile(
      path.join(root, 'rules/stray.json'),
      await readFile(path.join(root, 'rules/health/masks.json'), 'utf8'),
    );
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.err).toContain(
      'rules/stray.json:3:3: error SHOUTU-R013: a rule must sit in a folder of its area: move it into rules/health/ (rules/health/stray.json)',
    );
  });

  test('a text in a language the project does not declare is not enough', async () => {
    const root = await project('states');
    await writeFile(
      path.join(root, 'data/project.json'),
      '{ "languages": ["en", "fr"], "timeZone": "America/Chicago" }\n',
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `data/registry/registry.json:5:7: error SHOUTU-S007: expected text in "fr" too: the project's languages are en, fr (at levels[0].name)`,
    );
  });
});

describe('data/project.json', () => {
  test('is required, and its mistakes are located', async () => {
    const root = await project('states');
    const file = path.join(root, 'data/project.json');
    await rm(file);
    const missing = await run(['--root', root, 'validate']);
    expect(missing.code).toBe(1);
    expect(missing.err.split('\n')[0]).toMatch(
      /^data\/project\.json: error SHOUTU-P001: no project file: expected \{ "languages"/,
    );
    await writeFile(file, '{\n  "languages": ["en"],\n  "timeZone": "Mars/Olympus"\n}\n');
    const zone = await run(['--root', root, 'validate']);
    expect(zone.err.split('\n')[0]).toBe(
      'data/project.json:3:3: error SHOUTU-S007: expected an IANA time zone such as "Asia/Shanghai" or "Europe/Paris", found the text "Mars/Olympus" (at timeZone)',
    );
  });

  test("the future-date guard counts today in the project's zone", async () => {
    const root = await project('states');
    const r = await run(['--root', root, 'evaluate', '--date', '2099-01-01']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^error: --date 2099-01-01: that day has not begun yet \(today is \d{4}-\d{2}-\d{2} in America\/Chicago, the time zone of data\/project\.json\)/,
    );
  });
});
