/**
 * Issue 9, "Done when": a territory of our own making, unlike Dalian in every way (the fixture
 * `fjordland`: levels nation → county → parish with 2-, 4- and 7-digit codes, the areas water and
 * roads, English only, Europe/Oslo, no places, no departments, a top level that reports), goes
 * through validate, rules check, rules test, evaluate and explain with no code change. The fixture
 * is written in the formats of docs/design/any-territory.md (data/project.json, `areas` in
 * scoring.json, registry attributes, measurement units, level plurals). The smaller `states`
 * fixture (states.test.ts) checks the model's own pieces: located problems, project.json, the
 * editor schemas and the scoring arithmetic of a top unit's check.
 */
import { readFile } from 'node:fs/promises';
import { readSnapshot } from '@shoutu/core/snapshot';
import { beforeAll, describe, expect, test } from 'vitest';
import { type Fixture, loadFixture } from './helpers.js';
import { comparePredicates } from './parity.js';

const DAYS = ['2023-05-08', '2023-05-09', '2023-05-10', '2023-05-11', '2023-05-12'];
const TOP = '51';
const COUNTIES = ['5101', '5102', '5103'];

type Json = Record<string, unknown> & {
  findings: { rule: string; subject: string; status: string; blank?: string[] }[];
};

/** The index, or a district's whole day (its file with its units, places and findings). */
async function read(fx: Fixture, rel: string): Promise<Json> {
  const [day, name] = rel.split('/') as [string, string];
  if (name === 'index.json')
    return JSON.parse(await readFile(fx.file(`data/results/${rel}`), 'utf8'));
  const district = readSnapshot(fx.file('data/results'), day).districts.get(
    name.replace('.json', ''),
  );
  if (!district) throw new Error(`no district ${name} on ${day}`);
  return district as unknown as Json;
}

describe('a second territory (fixtures/fjordland) with no code change', () => {
  let fx: Fixture;
  const results = async (rel: string): Promise<Json> => read(fx, rel);

  beforeAll(async () => {
    fx = await loadFixture('fjordland');
  });

  test('validate accepts the registry, the forms, the rules and the reports of every level', async () => {
    const r = await fx.run('validate');
    expect(r.err).not.toMatch(/\berror\b.*(registry|forms|rules|scoring|project)/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^registry: 12 units, 0 places; 3 forms; 6 rules$/m);
    // The top unit's own reports are read, not set aside as "not a county".
    expect(r.err).not.toContain('nation-daily.51.csv');
  });

  test('rules check: six rules in two areas of its own, no error, no warning', async () => {
    const r = await fx.run('rules', 'check');
    expect(r.err).toBe('');
    expect(r.out).toBe('rules check: 6 rules, 0 errors, 0 warnings');
    expect(r.code).toBe(0);
  });

  test('rules test: every case as expected, 100 % coverage, the top level’s rule included', async () => {
    const r = await fx.run('rules', 'test', '-v');
    expect(r.code).toBe(0);
    for (const id of [
      'roads.patrol',
      'roads.potholes',
      'water.chlorine',
      'water.clean-samples',
      'water.national-bulletin',
      'water.sampling',
    ])
      expect(r.out).toMatch(new RegExp(`^\\s+100 %\\s+${id.replace('.', '\\.')}$`, 'm'));
    expect(r.out).toMatch(/rule tests: 15 of 15 cases as expected; lowest coverage 100 %/);
  });

  test('evaluate: every day, with the top unit checked and scored like any unit', async () => {
    const r = await fx.run('evaluate');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^evaluated 5 days \(2023-05-08 to 2023-05-12\): \d+ checks;/m);
    for (const day of DAYS) {
      const index = await results(`${day}/index.json`);
      const territory = index.territory as {
        languages: string[];
        levels: { id: string; plural?: { en: string } }[];
        areas: { id: string; weight: number }[];
        placeTypes: unknown[];
      };
      expect(territory.languages).toEqual(['en']);
      expect(territory.levels.map((l) => l.id)).toEqual(['nation', 'county', 'parish']);
      expect(territory.levels.map((l) => l.plural?.en)).toEqual([
        'nations',
        'counties',
        'parishes',
      ]);
      expect(territory.areas.map((a) => [a.id, a.weight])).toEqual([
        ['water', 2],
        ['roads', 1],
      ]);
      expect(territory.placeTypes).toEqual([]);
      expect((index.districts as { code: string }[]).map((d) => d.code).sort()).toEqual(COUNTIES);
      expect(Object.keys((index.summary as { areas: object }).areas)).toEqual(['water', 'roads']);
      // The top unit's own check, the national bulletin, every day: counted like any check
      // (passes are counted, not listed), its failure listed in the index's `findings` and
      // weighed in the whole's score as points lost on the top unit's own checks.
      const failed = day === '2023-05-10';
      const bulletin = (index.rules as { id: string; counts: object }[]).find(
        (r) => r.id === 'water.national-bulletin',
      );
      expect(bulletin?.counts).toMatchObject({ pass: failed ? 0 : 1, fail: failed ? 1 : 0 });
      const own = index.findings.filter((f) => f.rule === 'water.national-bulletin');
      expect(own.map((f) => [f.subject, f.status])).toEqual(failed ? [[TOP, 'fail']] : []);
      if (failed) expect(index.ownLost).toBeGreaterThan(0);
      else expect(index.ownLost).toBe(0);
      for (const code of COUNTIES) {
        // Each county is checked and scored; the top unit's own check belongs to none of them.
        const county = await results(`${day}/${code}.json`);
        const summary = county.summary as { score: number | null; counts: { pass: number } };
        expect(summary.score, `${day}/${code}.json`).not.toBeNull();
        expect(summary.counts.pass, `${day}/${code}.json`).toBeGreaterThan(0);
        expect(
          (county.rules as { id: string; counts: object }[]).find(
            (r) => r.id === 'water.national-bulletin',
          )?.counts,
        ).toMatchObject({ pass: 0, fail: 0 });
      }
    }
    // Late: 5101001's water report of 2023-05-09 came at 11:30, due 09:00.
    const late = (await results('2023-05-09/5101.json')).findings.find(
      (f) => f.rule === 'water.sampling' && f.subject === '5101001',
    );
    expect(late?.status).toBe('fail');
    // A missing report: 5103002 sent no water report on 2023-05-10.
    const missing = (await results('2023-05-10/5103.json')).findings.find(
      (f) => f.rule === 'water.sampling' && f.subject === '5103002',
    );
    expect(missing?.status).toBe('missing');
  });

  test('explain: a parish’s finding, and the top unit’s own (--subject 51)', async () => {
    const top = await fx.run(
      'explain',
      '--subject',
      TOP,
      '--rule',
      'water.national-bulletin',
      '--date',
      '2023-05-10',
    );
    expect(top.err).toBe('');
    expect(top.code).toBe(0);
    expect(top.out).not.toMatch(/not in force/);
    expect(top.out.split('\n').slice(0, 6)).toEqual([
      'water.national-bulletin (version 1): A national water bulletin every day — Drinking water, major',
      'subject: 51 Fjordland',
      'day: 2023-05-10 · status: failed',
      'why: water bulletin published: no; required: yes',
      'why: reservoir filling: 18.5%; required: at least 20%',
      'source: data/reports/2023-05-10/nation-daily.51.csv:2 (water bulletin published, reservoir filling)',
    ]);
    const parish = await fx.run(
      'explain',
      '--subject',
      '5103001',
      '--rule',
      'roads.patrol',
      '--date',
      '2023-05-08',
    );
    expect(parish.code).toBe(0);
    expect(parish.out).toContain('Sjøvik');
    expect(parish.out).toContain('Vestøy');
    expect(parish.out).toMatch(/parish warden/);
    expect(parish.out).not.toMatch(/street|communit|grid|district|Dalian/i);
  });

  test('plain predicates agree with json-rules-engine on every check of every day', async () => {
    expect(await comparePredicates(fx.root)).toBeGreaterThan(150);
  });
});

/** Issue 9, item 5, on the same fixture: a blank cell is a missing value for that field only. */
describe('real data’s gaps in the second territory', () => {
  let fx: Fixture;
  const findings = async (rel: string) => (await read(fx, rel)).findings;
  const explain = async (subject: string, rule: string, date: string) => {
    const r = await fx.run('explain', '--subject', subject, '--rule', rule, '--date', date);
    expect(r.code).toBe(0);
    return r.out;
  };

  beforeAll(async () => {
    fx = await loadFixture('fjordland');
    expect((await fx.run('evaluate')).code).toBe(0);
  });

  test('a blank required cell makes only the rules that need it missing, and says which', async () => {
    // 5101002 left samples_clean blank on 2023-05-10; samples_taken was given.
    const day = (await findings('2023-05-10/5101.json')).filter((f) => f.subject === '5101002');
    const clean = day.find((f) => f.rule === 'water.clean-samples');
    expect(clean?.status).toBe('missing');
    expect(clean?.blank).toEqual(['water-daily.samples_clean']);
    const why = await explain('5101002', 'water.clean-samples', '2023-05-10');
    expect(why).toMatch(
      /^why: left blank in the day's report: samples within limits \(a missing value, not a failure\)$/m,
    );
    // The other rule on the row still runs, and passes (passes are counted, not listed).
    expect(day.find((f) => f.rule === 'water.sampling')).toBeUndefined();
    expect(await explain('5101002', 'water.sampling', '2023-05-10')).toMatch(/· status: passed$/m);
  });

  test('a blank optional cell is never a failure', async () => {
    // 5102002 left the optional chlorine cell blank on 2023-05-09; the rule skips what is missing.
    const listed = (await findings('2023-05-09/5102.json')).filter((f) => f.subject === '5102002');
    expect(listed.filter((f) => f.rule === 'water.chlorine')).toEqual([]);
    const why = await explain('5102002', 'water.chlorine', '2023-05-09');
    expect(why).toMatch(/· status: not applicable$/m);
    expect(why).toContain(
      "left blank in the day's report: free chlorine (a missing value, not a failure)",
    );
  });
});
