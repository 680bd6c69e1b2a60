import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CityResults, DistrictResults } from '@shoutu/core';
import { gunzipCsv, gzipCsv, readSnapshot } from '@shoutu/core/snapshot';
import { describe, expect, test } from 'vitest';
import { project, run, unframed } from './helpers.js';

async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(
        path.join(e.parentPath, e.name),
        'utf8',
      );
  return out;
}

describe('shoutu validate', () => {
  test('a clean project: counts, and the one bad row with its place', async () => {
    const root = await project('mini');
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'data/reports/2020-02-03/grid-daily.210202.csv:3:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "many"; the row was set aside',
    );
    expect(r.out).toBe(
      'registry: 6 units, 0 places; 2 forms; 1 rule\nreports: 2 files, 3 rows accepted; set aside: 0 files, 1 row (2 parsed, 0 unchanged since they were last checked)\nwaivers: 0 waivers accepted; set aside: 0 files, 0 waivers',
    );
  });

  test('one bad report file is set aside whole; the other files go on', async () => {
    const root = await project('mini');
    await writeFile(
      path.join(root, 'data/reports/2020-02-02/grid-daily.210202.csv'),
      'subject,visited\n210202001001001,3\n',
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'data/reports/2020-02-02/grid-daily.210202.csv:1: set aside SHOUTU-D001: the header lacks the required column(s) "households_visited" of the form "grid-daily"; the whole file was set aside',
    );
    expect(r.out).toContain('reports: 2 files, 1 row accepted; set aside: 1 file, 1 row');
  });

  test('a report in neither UTF-8 nor GBK, or in a format that is not read, is set aside and counted, never ignored', async () => {
    const root = await project('mini');
    const day = path.join(root, 'data/reports/2020-02-02');
    const gbk = Buffer.concat([
      Buffer.from('subject,households_visited\n210202001001001,3\n210202001001002,'),
      Buffer.from([0xc1, 0xff]),
      Buffer.from('\n'),
    ]);
    await writeFile(path.join(day, 'grid-daily.210202.csv'), gbk);
    await writeFile(path.join(day, 'grid-daily.210202.txt'), 'PK');
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'data/reports/2020-02-02/grid-daily.210202.csv:3: set aside SHOUTU-P004: the file is not UTF-8 text (it may have been saved as GBK): save it as UTF-8 (in Excel: "CSV UTF-8"); the whole file was set aside',
    );
    expect(r.err).toContain(
      'data/reports/2020-02-02/grid-daily.210202.txt: set aside SHOUTU-D001: ".txt" files are not read',
    );
    expect(r.out).toContain('reports: 3 files, 1 row accepted; set aside: 2 files, 1 row');
  });

  test('a rule file in GBK stops validation', async () => {
    const root = await project('mini');
    const file = path.join(root, 'rules/prevention/grid-screening.json');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(text.slice(0, 20)),
        Buffer.from([0xc1, 0xec]),
        Buffer.from(text.slice(20)),
      ]),
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/prevention/grid-screening.json:2: error SHOUTU-P004: the file is not UTF-8 text',
    );
  });

  test('a broken rule file fails with its line and column, and no stack trace', async () => {
    const root = await project('mini');
    const file = path.join(root, 'rules/prevention/grid-screening.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"greaterThanInclusive"', '"greaterThanOrEqual"'),
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/prevention/grid-screening.json:30:9: error SHOUTU-S006: expected an operator of json-rules-engine: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain (optionally decorated, e.g. "not:in"), found the text "greaterThanOrEqual" (at conditions.all[0].operator)',
    );
    expect(r.err).toContain(
      'validation failed: 1 error in the registry, forms, rules or scoring method; nothing was evaluated or published',
    );
    expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  test('an unknown fact gets a did-you-mean', async () => {
    const root = await project('mini');
    const file = path.join(root, 'rules/prevention/grid-screening.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'grid-daily.households_visited',
        'grid-daily.household_visited',
      ),
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/prevention/grid-screening.json:29:9: error SHOUTU-R012: unknown fact "grid-daily.household_visited"; did you mean "grid-daily.households_visited"? (at conditions.all[0].fact)',
    );
  });

  test('invalid JSON in the registry stops everything with its place', async () => {
    const root = await project('mini');
    const file = path.join(root, 'data/registry/registry.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"placeTypes": [],', '"placeTypes": [],,'),
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      'data/registry/registry.json:35:20: error SHOUTU-J003: this is not valid JSON: expected a field name in double quotes',
    );
  });
});

describe('shoutu evaluate', () => {
  test('writes valid results, byte-identical on a rerun, with no personal data', async () => {
    const root = await project('mini');
    const r = await run(['--root', root, 'evaluate']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'evaluated 2 days (2020-02-02 to 2020-02-03): 4 checks; results in data/results/ (scoring weighted/1)',
    );
    const results = path.join(root, 'data/results');
    const first = await readTree(results);
    expect(Object.keys(first).sort()).toEqual(
      ['2020-02-02', '2020-02-03'].flatMap((d) => [
        `${d}/210202.findings.csv.gz`,
        `${d}/210202.json`,
        `${d}/210202.places.csv.gz`,
        `${d}/210202.units.csv.gz`,
        `${d}/index.json`,
      ]),
    );
    const city = CityResults.parse(JSON.parse(first['2020-02-02/index.json']!));
    expect(city.summary.counts).toEqual({
      pass: 1,
      fail: 1,
      missing: 0,
      waived: 0,
      notApplicable: 0,
      error: 0,
    });
    expect(city.input).toEqual({
      reportFiles: 1,
      rows: 2,
      setAsideFiles: 0,
      setAsideRows: 0,
      lateRows: 1,
    });
    DistrictResults.parse(JSON.parse(first['2020-02-03/210202.json']!));
    const district = readSnapshot(results, '2020-02-03').districts.get('210202')!;
    // The bad row was set aside, so grid 2 has no report that day.
    expect(district.findings.map((f) => [f.subject, f.status])).toEqual([
      ['210202001001002', 'missing'],
    ]);
    expect(Object.values(first).join('')).not.toContain('CANARY');

    const again = await run(['--root', root, 'evaluate']);
    expect(again.out).toBe(
      'nothing to evaluate: all 2 days with reports already have snapshots in data/results/, kept as published (give --recompute to evaluate again)',
    );
    expect(await readTree(results)).toEqual(first);
    // Evaluated again on purpose, the same inputs give the same bytes: nothing is replaced.
    const recomputed = await run(['--root', root, 'evaluate', '--recompute']);
    expect(recomputed.out).toBe(
      'evaluated 2 days (2020-02-02 to 2020-02-03): 4 checks; 2 unchanged, 0 replaced; results in data/results/ (scoring weighted/1)',
    );
    expect(await readTree(results)).toEqual(first);
  });

  test('a published snapshot never changes unless recomputed, and then the earlier one is kept', async () => {
    const root = await project('mini');
    await run(['--root', root, 'evaluate']);
    const results = path.join(root, 'data/results');
    const published = await readTree(results);
    // The rule gets stricter: no grid passes any more.
    const file = path.join(root, 'rules/prevention/grid-screening.json');
    const rule = JSON.parse(await readFile(file, 'utf8'));
    rule.conditions.all[0].operator = 'greaterThan';
    await writeFile(file, JSON.stringify(rule, null, 2));
    const kept = await run(['--root', root, 'evaluate']);
    expect(kept.out).toMatch(/^nothing to evaluate: all 2 days/);
    expect(await readTree(results)).toEqual(published);
    // A new day is evaluated with the new rules; the old days stay as they were.
    const next = await run(['--root', root, 'evaluate', '--date', '2020-02-04']);
    expect(next.out).toBe(
      'evaluated 1 day (2020-02-04 to 2020-02-04): 2 checks; results in data/results/ (scoring weighted/1)',
    );
    const withNext = await readTree(results);
    for (const [name, body] of Object.entries(published)) expect(withNext[name]).toBe(body);

    const r = await run(['--root', root, 'evaluate', '--date', '2020-02-02', '--recompute']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe(
      'recomputed 2020-02-02: city score 50.0 → 0.0 (revision 2; the earlier snapshot is kept in data/results/superseded/2020-02-02/r1/)',
    );
    const after = await readTree(results);
    expect(after['superseded/2020-02-02/r1/index.json']).toBe(published['2020-02-02/index.json']);
    expect(after['superseded/2020-02-02/r1/210202.json']).toBe(published['2020-02-02/210202.json']);
    for (const kind of ['units', 'places', 'findings'])
      expect(after[`superseded/2020-02-02/r1/210202.${kind}.csv.gz`]).toBe(
        published[`2020-02-02/210202.${kind}.csv.gz`],
      );
    const city = CityResults.parse(JSON.parse(after['2020-02-02/index.json']!));
    expect(city.revision).toBe(2);
    expect(city.rulesHash).not.toBe(
      CityResults.parse(JSON.parse(published['2020-02-02/index.json']!)).rulesHash,
    );
    expect(after['2020-02-03/index.json']).toBe(published['2020-02-03/index.json']);
  });

  test('invalid rules leave the previous results untouched', async () => {
    const root = await project('mini');
    await run(['--root', root, 'evaluate']);
    const before = await readTree(path.join(root, 'data/results'));
    await writeFile(path.join(root, 'rules/prevention/grid-screening.json'), '{ "id": ');
    const r = await run(['--root', root, 'evaluate']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the published results were left as they were');
    expect(await readTree(path.join(root, 'data/results'))).toEqual(before);
  });

  test('--date evaluates one day; a day without reports shows them missing', async () => {
    const root = await project('mini');
    const r = await run(['--root', root, 'evaluate', '--date', '2020-02-04']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'warning: no reports for 2020-02-04 were accepted: every report that day counts as missing',
    );
    const d = DistrictResults.parse(
      JSON.parse(await readFile(path.join(root, 'data/results/2020-02-04/210202.json'), 'utf8')),
    );
    expect(d.summary.counts.missing).toBe(2);
    expect(existsSync(path.join(root, 'data/results/2020-02-02'))).toBe(false);
    const early = await run(['--root', root, 'evaluate', '--date', '2019-01-01']);
    expect(early).toMatchObject({
      code: 1,
      err: 'error: --date 2019-01-01: no district of the registry is in force that day; nothing was evaluated',
    });
    const bad = await run(['--root', root, 'evaluate', '--date', '2020-02-30']);
    expect(bad).toMatchObject({
      code: 2,
      err: 'error: --date 2020-02-30: that day is not in the calendar',
    });
  });

  test('a folder that is not a project says so', async () => {
    const root = await project('mini');
    await rm(path.join(root, 'rules'), { recursive: true });
    const r = await run(['--root', root, 'validate']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --root ${root}: expected a project folder with "rules/" in ${root}`);
  });
});

describe('shoutu explain', () => {
  test('one finding: status, why, source and who answers for it', async () => {
    const root = await project('mini');
    const args = [
      '--root',
      root,
      'explain',
      '--subject',
      '210202001001001',
      '--rule',
      'prevention.grid-screening',
    ];
    const r = await run([...args, '--date', '2020-02-02']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 5)).toEqual([
      'prevention.grid-screening (version 1): Every household in the grid screened — Prevention, critical',
      'subject: 210202001001001 Grid 1 · Qiyi › Haijun Square › Zhongshan › Dalian',
      'day: 2020-02-02 · status: failed',
      'why: households visited: 212 / 480 households (44 %); required: at least registered households (480 households)',
      'source: data/reports/2020-02-02/grid-daily.210202.csv:2 (households visited)',
    ]);
    expect(r.out).toContain('responsible (territorial): grid leader — Grid 1');
    expect(r.out).not.toContain('CANARY');
    const missing = await run([...args, '--date', '2020-02-05']);
    expect(missing.out).toContain('day: 2020-02-05 · status: missing');
    const wrong = await run([
      '--root',
      root,
      'explain',
      '--subject',
      '210202001001',
      '--rule',
      'prevention.grid-screening',
      '--date',
      '2020-02-02',
    ]);
    expect(wrong).toMatchObject({
      code: 2,
      err: 'error: the rule prevention.grid-screening applies to each grid; 210202001001 is a community',
    });
  });
});

describe('waivers', () => {
  const waiver = (over: object = {}) => ({
    subject: '210202001001001',
    rule: 'prevention.grid-screening',
    reason: { zh: '网格员招聘中', en: 'recruiting a grid worker' },
    approver: '中山区疫情防控指挥部办公室',
    start: '2020-02-01',
    expiry: '2020-02-02',
    ...over,
  });
  const write = async (root: string, name: string, body: string) => {
    await mkdir(path.join(root, 'data/waivers'), { recursive: true });
    await writeFile(path.join(root, 'data/waivers', name), body);
  };

  test('a waived failure is shown, not scored, until the waiver expires', async () => {
    const root = await project('mini');
    await write(root, 'w.json', JSON.stringify({ waivers: [waiver()] }, null, 2));
    const r = await run(['--root', root, 'evaluate']);
    expect(r).toMatchObject({
      code: 0,
      err: 'data/reports/2020-02-03/grid-daily.210202.csv:3:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "many"; the row was set aside\nreports set aside: 0 files, 1 row\nread 2 report files of 2 days (2020-02-02 to 2020-02-03): 0 from the cache, 2 parsed',
    });
    const day = async (d: string) =>
      readSnapshot(path.join(root, 'data/results'), d).districts.get('210202')!;
    // 2020-02-02: grid 1 failed under the waiver; only grid 2's pass is scored.
    const waived = await day('2020-02-02');
    expect(waived.summary).toMatchObject({ score: 100, counts: { pass: 1, fail: 0, waived: 1 } });
    expect(waived.findings[0]).toMatchObject({ status: 'waived', outcome: 'fail', streak: 1 });
    expect(waived.waivers).toEqual([{ ...waiver(), source: 'data/waivers/w.json:3' }]);
    // 2020-02-03: the waiver has expired; grid 2's missing report counts.
    const expired = await day('2020-02-03');
    expect(expired.waivers).toEqual([]);
    expect(expired.findings.map((f) => f.status)).toEqual(['missing']);

    const explained = await run([
      '--root',
      root,
      'explain',
      '--subject',
      '210202001001001',
      '--rule',
      'prevention.grid-screening',
      '--date',
      '2020-02-02',
    ]);
    expect(explained.out).toContain(
      'day: 2020-02-02 · status: waived (without the waiver: failed)',
    );
    expect(explained.out).toContain(
      'waiver: recruiting a grid worker — approved by 中山区疫情防控指挥部办公室, 2020-02-01 to 2020-02-02 (data/waivers/w.json:3)',
    );
    expect(explained.out).toContain(
      'record: data/results/2020-02-02/210202.findings.csv.gz (revision 1)',
    );

    // The index carries what pages need: the territory's names and the forms in force.
    const index = CityResults.parse(
      JSON.parse(await readFile(path.join(root, 'data/results/2020-02-02/index.json'), 'utf8')),
    );
    expect(index.schema).toBe(6);
    expect(index.territory.levels[0]?.id).toBe(index.city.level);
    expect(index.forms.length).toBeGreaterThan(0);
    expect(index.forms.every((f) => !('$schema' in f))).toBe(true);
    expect(index.ownLost).toBe(0);

    // A snapshot that breaks the contract is named with what is wrong, and explained anew.
    const file = path.join(root, 'data/results/2020-02-02/210202.json');
    const published = await readFile(file, 'utf8');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"rulesHash":', '"rulesHash":1,"was":'),
    );
    const broken = await run([
      '--root',
      root,
      'explain',
      '--subject',
      '210202001001001',
      '--rule',
      'prevention.grid-screening',
      '--date',
      '2020-02-02',
    ]);
    expect(broken.out).toContain(
      'record: data/results/2020-02-02/210202.json cannot be used (does not match the results contract',
    );
    expect(broken.out).toContain('rulesHash');
    expect(broken.out).toContain('— evaluated now instead');

    // So is a findings file with a cell that breaks the contract, by line and column.
    await writeFile(file, published);
    const csv = path.join(root, 'data/results/2020-02-02/210202.findings.csv.gz');
    await writeFile(csv, gzipCsv(gunzipCsv(await readFile(csv)).replace(',waived,', ',waved,')));
    const badRow = await run([
      '--root',
      root,
      'explain',
      '--subject',
      '210202001001001',
      '--rule',
      'prevention.grid-screening',
      '--date',
      '2020-02-02',
    ]);
    expect(badRow.out).toContain(
      'record: data/results/2020-02-02/210202.findings.csv.gz cannot be used (line 2, column status: Invalid option',
    );
  });

  test('a broken waiver file or waiver is set aside with its place; the others apply', async () => {
    const root = await project('mini');
    await write(root, 'broken.json', '{ "waivers": [ }');
    await write(
      root,
      'mixed.json',
      JSON.stringify(
        {
          waivers: [
            waiver({ subject: '210202001001009' }),
            waiver({ rule: 'prevention.grid-screen' }),
            waiver({ expiry: '2020-01-31' }),
            waiver(),
          ],
        },
        null,
        2,
      ),
    );
    const r = await run(['--root', root, 'evaluate']);
    expect(r.code).toBe(0);
    expect(unframed(r.err).split('\n')).toEqual([
      'data/waivers/broken.json:1:16: set aside SHOUTU-J003: this is not valid JSON: expected a value; the file was set aside',
      'data/waivers/mixed.json:4:7: set aside SHOUTU-W001: no unit or place has the code "210202001001009"; did you mean "210202001001001"? (at waivers[0].subject); the waiver was set aside',
      'data/waivers/mixed.json:16:7: set aside SHOUTU-W001: unknown rule "prevention.grid-screen"; did you mean "prevention.grid-screening"? (at waivers[1].rule); the waiver was set aside',
      'data/waivers/mixed.json:34:7: set aside SHOUTU-S007: expected an expiry on or after the start (2020-02-01), found the text "2020-01-31" (at waivers[2].expiry); the waiver was set aside',
      'data/reports/2020-02-03/grid-daily.210202.csv:3:households_visited: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "many"; the row was set aside',
      'reports set aside: 0 files, 1 row',
      'waivers set aside: 1 file, 3 waivers; the findings they would cover count as usual',
      'read 2 report files of 2 days (2020-02-02 to 2020-02-03): 0 from the cache, 2 parsed',
    ]);
    const d = DistrictResults.parse(
      JSON.parse(await readFile(path.join(root, 'data/results/2020-02-02/210202.json'), 'utf8')),
    );
    expect(d.summary.counts.waived).toBe(1);
  });
});

describe('the scoring method', () => {
  test('a mistake in rules/scoring.json stops evaluation with its place', async () => {
    const root = await project('mini');
    const file = path.join(root, 'rules/scoring.json');
    const method = JSON.parse(await readFile(file, 'utf8'));
    method.bands.yellow = 95;
    method.missingReport = { mode: 'partial' };
    await writeFile(file, JSON.stringify(method, null, 2));
    const r = await run(['--root', root, 'rules', 'check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/scoring.json:40:3: error SHOUTU-S002: missing required field "credit": expected a number (at missingReport.credit)',
    );
    method.missingReport.credit = 0.5;
    await writeFile(file, JSON.stringify(method, null, 2));
    const bands = await run(['--root', root, 'rules', 'check']);
    expect(bands.code).toBe(1);
    expect(bands.err).toContain(
      'rules/scoring.json:49:5: error SHOUTU-S007: expected the yellow band to start below green (90), found the number 95 (at bands.yellow)',
    );
    await rm(file);
    const gone = await run(['--root', root, 'evaluate']);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain(
      'rules/scoring.json: error SHOUTU-P002: no scoring method: expected this file with severity weights, the policy areas and their weights, bands and how missing reports count (see the README)',
    );
    expect(existsSync(path.join(root, 'data/results'))).toBe(false);
  });
});

describe('snapshots stay as published', () => {
  const setRule = async (root: string, edit: (rule: Record<string, unknown>) => void) => {
    const file = path.join(root, 'rules/prevention/grid-screening.json');
    const rule = JSON.parse(await readFile(file, 'utf8'));
    edit(rule);
    await writeFile(file, JSON.stringify(rule, null, 2));
  };

  test('a rule edit that changes what a day published makes a revision; one that does not, none', async () => {
    const root = await project('mini');
    await run(['--root', root, 'evaluate']);
    await setRule(root, (r) => {
      (r.remediation as { en: string }).en = 'Visit the remaining households today.';
    });
    const r = await run(['--root', root, 'evaluate', '--recompute']);
    // The remediation is part of the rule list each day publishes: both days get a revision.
    expect(r.out).toMatch(/; 0 unchanged, 2 replaced;/);
    // Whitespace in a rule file changes its hash but no finding: nothing is replaced.
    const file = path.join(root, 'rules/prevention/grid-screening.json');
    await writeFile(file, `${await readFile(file, 'utf8')}\n\n`);
    const same = await run(['--root', root, 'evaluate', '--recompute']);
    expect(same.out).toMatch(/; 2 unchanged, 0 replaced;/);
  });

  test('a kept snapshot is never overwritten, even when the current one cannot be read', async () => {
    const root = await project('mini');
    await run(['--root', root, 'evaluate']);
    const results = path.join(root, 'data/results');
    const published = await readTree(results);
    await writeFile(path.join(results, '2020-02-02/index.json'), '{"broken');
    const r = await run(['--root', root, 'evaluate', '--date', '2020-02-02', '--recompute']);
    expect(r.out).toContain(
      'recomputed 2020-02-02: city score unreadable → 50.0 (revision 2; the earlier snapshot is kept in data/results/superseded/2020-02-02/r1/)',
    );
    await setRule(root, (rule) => {
      (rule.conditions as { all: { operator: string }[] }).all[0]!.operator = 'greaterThan';
    });
    const again = await run(['--root', root, 'evaluate', '--date', '2020-02-02', '--recompute']);
    expect(again.out).toContain(
      'recomputed 2020-02-02: city score 50.0 → 0.0 (revision 3; the earlier snapshot is kept in data/results/superseded/2020-02-02/r2/)',
    );
    const after = await readTree(results);
    expect(after['superseded/2020-02-02/r1/index.json']).toBe('{"broken');
    // r2 is the snapshot that replaced the unreadable one: the published findings, revision 2.
    expect(after['superseded/2020-02-02/r2/210202.json']).toBe(
      published['2020-02-02/210202.json']!.replace('"revision":1', '"revision":2'),
    );
  });

  test('a day moved aside by an interrupted run is restored, not evaluated anew', async () => {
    const root = await project('mini');
    await run(['--root', root, 'evaluate']);
    const results = path.join(root, 'data/results');
    const published = await readTree(results);
    await rename(path.join(results, '2020-02-03'), path.join(results, '2020-02-03.old-4242'));
    const r = await run(['--root', root, 'evaluate']);
    expect(r.err).toContain(
      'note: restored the snapshot of 2020-02-03, which an interrupted run had moved aside',
    );
    expect(r.out).toMatch(/^nothing to evaluate/);
    expect(await readTree(results)).toEqual(published);
  });

  test('a scoring method changed without a new version stops evaluation', async () => {
    const root = await project('mini');
    await run(['--root', root, 'evaluate', '--date', '2020-02-02']);
    const file = path.join(root, 'rules/scoring.json');
    const method = JSON.parse(await readFile(file, 'utf8'));
    method.severityWeights.minor = 2;
    await writeFile(file, JSON.stringify(method, null, 2));
    const r = await run(['--root', root, 'evaluate']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'rules/scoring.json: error: the scoring method changed since the snapshot of 2020-02-02 but its version is still weighted/1: raise "version" so that scores computed the new way can be told apart; nothing was evaluated',
    );
    expect(existsSync(path.join(root, 'data/results/2020-02-03'))).toBe(false);
    method.version = 2;
    await writeFile(file, JSON.stringify(method, null, 2));
    const ok = await run(['--root', root, 'evaluate']);
    expect(ok.out).toContain('(scoring weighted/2)');
  });

  test('a day that has not begun cannot be published; a gap before a day is pointed out', async () => {
    const root = await project('mini');
    const future = await run(['--root', root, 'evaluate', '--date', '2099-01-01']);
    expect(future.code).toBe(2);
    expect(future.err).toMatch(
      /^error: --date 2099-01-01: that day has not begun yet \(today is \d{4}-\d{2}-\d{2} in Asia\/Shanghai, the time zone of data\/project.json\)/,
    );
    const r = await run(['--root', root, 'evaluate', '--date', '2020-02-03']);
    expect(r.err).toContain(
      'note: 2020-02-02 has reports but no snapshot, so the trends and streaks of 2020-02-03 start afresh',
    );
  });
});

describe('waiver mistakes', () => {
  test('a mistyped date is reported once, with the unknown subject and rule at the same time', async () => {
    const root = await project('mini');
    await mkdir(path.join(root, 'data/waivers'), { recursive: true });
    const waivers = [
      {
        subject: 'x',
        rule: 'y',
        reason: '招聘中',
        approver: '区指挥部办公室',
        start: '2020/02/10',
        expiry: '2020-03-31',
      },
      {
        subject: '210202001',
        rule: 'prevention.grid-screening',
        reason: '街道',
        approver: '区指挥部办公室',
        start: '2020-02-01',
        expiry: '2020-02-05',
      },
    ];
    await writeFile(
      path.join(root, 'data/waivers/w.json'),
      JSON.stringify({ waivers: [...waivers, waivers[1]] }, null, 2),
    );
    const r = await run(['--root', root, 'validate']);
    expect(r.err.split('\n').filter((l) => l.startsWith('data/waivers'))).toEqual([
      'data/waivers/w.json:4:7: set aside SHOUTU-W001: no unit or place has the code "x" (at waivers[0].subject); the waiver was set aside',
      'data/waivers/w.json:5:7: set aside SHOUTU-W001: unknown rule "y" (at waivers[0].rule); the waiver was set aside',
      'data/waivers/w.json:8:7: set aside SHOUTU-S007: expected a date written as YYYY-MM-DD, e.g. 2020-02-02, found the text "2020/02/10" (at waivers[0].start); the waiver was set aside',
      'data/waivers/w.json:12:7: warning SHOUTU-W002: the rule prevention.grid-screening applies to each grid, and 210202001 is a street: the waiver would never apply (at waivers[1].subject)',
      'data/waivers/w.json:19:5: warning SHOUTU-W003: another waiver for 210202001 and prevention.grid-screening (data/waivers/w.json:11) covers some of the same days (at waivers[2])',
      'data/waivers/w.json:20:7: warning SHOUTU-W002: the rule prevention.grid-screening applies to each grid, and 210202001 is a street: the waiver would never apply (at waivers[2].subject)',
    ]);
  });
});

describe('shoutu explain: deadlines', () => {
  test('a failure past its deadline says when it was due and how many days it is over', async () => {
    const root = await project('mini');
    // Grid 1 fails on both days: a streak of 2 of a same-day rule, one day overdue on the second.
    const report = path.join(root, 'data/reports/2020-02-03/grid-daily.210202.csv');
    await writeFile(
      report,
      (await readFile(report, 'utf8')).replace('2020-02-03T10:00,480,', '2020-02-03T10:00,100,'),
    );
    expect((await run(['--root', root, 'evaluate'])).code).toBe(0);
    const explain = (date: string, lang = 'en') =>
      run([
        '--root',
        root,
        'explain',
        '--subject',
        '210202001001001',
        '--rule',
        'prevention.grid-screening',
        '--date',
        date,
        '--lang',
        lang,
      ]);
    const first = await explain('2020-02-02');
    expect(first.out).toContain('deadline: the same day (assumed, not from the source)');
    expect(first.out).toContain('due: 2020-02-02 · not overdue');
    const second = await explain('2020-02-03');
    expect(second.out).toContain('streak: 2 days in a row');
    expect(second.out).toContain('due: 2020-02-02 · 1 day overdue');
    expect((await explain('2020-02-03', 'zh')).out).toContain('整改期限: 2020-02-02 · 已逾期 1 天');
    const json = JSON.parse(
      (
        await run([
          '--root',
          root,
          'explain',
          '--json',
          '--subject',
          '210202001001001',
          '--rule',
          'prevention.grid-screening',
          '--date',
          '2020-02-03',
        ])
      ).out,
    );
    expect(json.finding).toMatchObject({ streak: 2, due: '2020-02-02', overdueDays: 1 });
  });
});
