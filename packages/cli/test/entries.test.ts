import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProject, loadReports, openReports } from '@shoutu/cli';
import { LIMITS } from '@shoutu/core';
import { describe, expect, it } from 'vitest';
import { walkEntries } from '../src/files.js';
import { checkReports } from '../src/load.js';
import { type Fixture, loadFixture } from './helpers.js';

const DAY = '2020-02-02';
const CSV = `data/reports/${DAY}/grid-daily.210202.csv`;
const HEADER = 'subject,submitted_at,households_visited,reporter_phone';
const STACK = /^\s+at /m;

async function validate(fx: Fixture, ...args: string[]) {
  const r = await fx.run('validate', '--no-cache', '--max-problems', '100000', ...args);
  expect(r.err).not.toMatch(STACK);
  expect(r.err).not.toMatch(/internal error/);
  return r;
}

describe('walkEntries', () => {
  it('returns plain files and sets aside links, hidden entries, folders named like files, FIFOs and too-deep folders', async () => {
    const fx = await loadFixture('mini');
    const dir = `data/reports/${DAY}`;
    symlinkSync('/etc/passwd', fx.file(`${dir}/grid-daily.210203.csv`));
    symlinkSync(fx.file(CSV), fx.file(`${dir}/street-duty.210202.csv`));
    symlinkSync(fx.file('data/reports/2020-02-03'), fx.file('data/reports/2020-02-04'));
    writeFileSync(fx.file(`${dir}/.grid-daily.210202.csv`), `${HEADER}\n`);
    writeFileSync(fx.file(`${dir}/.DS_Store`), 'x');
    writeFileSync(fx.file(`${dir}/.gitkeep`), '');
    mkdirSync(fx.file(`${dir}/grid-daily.210281.csv`));
    let deep = fx.file('data/reports/2020-02-05');
    for (let i = 0; i < LIMITS.folderDepth; i++) deep = path.join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'x.csv'), 'x');
    let fifo = true;
    try {
      execFileSync('mkfifo', [fx.file(`${dir}/pipe.csv`)]);
    } catch {
      fifo = false;
    }
    const walk = walkEntries(fx.root, 'data/reports');
    expect(walk.files).toEqual([
      '2020-02-02/grid-daily.210202.csv',
      '2020-02-03/grid-daily.210202.csv',
    ]);
    const said = walk.setAside.map((p) => `${p.file}: ${p.severity}: ${p.message}`).join('\n');
    expect(said).toMatch(/2020-02-02\/grid-daily\.210203\.csv: error: a symbolic link/);
    expect(said).toMatch(/2020-02-02\/street-duty\.210202\.csv: error: a symbolic link/);
    expect(said).toMatch(/data\/reports\/2020-02-04: error: a symbolic link/);
    expect(said).toMatch(/\.grid-daily\.210202\.csv: error: a hidden file/);
    expect(said).toMatch(/\.DS_Store: warning: an editor's or the system's leftover/);
    expect(said).toMatch(/grid-daily\.210281\.csv: error: a folder named like a file/);
    expect(said).toMatch(/d6: error: nested too deep: expected at most 8 levels/);
    if (fifo) expect(said).toMatch(/pipe\.csv: error: not a plain file \(a FIFO/);
    expect(said).not.toMatch(/gitkeep/);
  });

  it('sets aside a file past its size limit from lstat, without reading it', async () => {
    const fx = await loadFixture('mini');
    const walk = walkEntries(fx.root, 'data/reports', { maxBytes: 100, what: 'a report file' });
    expect(walk.files).toEqual([]);
    expect(walk.setAside[0]?.message).toMatch(
      /^too large \([\d,]+ bytes\): expected a report file of at most 100 bytes; the file was set aside without being read$/,
    );
  });
});

describe('entries under data/ are read or said, never skipped in silence', () => {
  it('validate sets aside and counts a linked report, a hidden one and a folder named like one', async () => {
    const fx = await loadFixture('mini');
    const dir = `data/reports/${DAY}`;
    symlinkSync('/etc/passwd', fx.file(`${dir}/grid-daily.210203.csv`));
    writeFileSync(fx.file(`${dir}/.grid-daily.210202.csv`), `${HEADER}\n`);
    mkdirSync(fx.file(`${dir}/grid-daily.210281.csv`));
    const r = await validate(fx);
    expect(r.err).toContain(
      `${dir}/grid-daily.210203.csv: set aside SHOUTU-P003: a symbolic link: expected a plain file or folder; links are not followed, so it was set aside`,
    );
    expect(r.err).toContain(`${dir}/.grid-daily.210202.csv: set aside SHOUTU-P003: a hidden file`);
    expect(r.err).toContain(
      `${dir}/grid-daily.210281.csv: set aside SHOUTU-P003: a folder named like a file`,
    );
    expect(r.out).toMatch(/set aside: 3 files/);
  });

  it('evaluate counts a linked report among the files set aside', async () => {
    const fx = await loadFixture('mini');
    symlinkSync(fx.file(CSV), fx.file(`data/reports/${DAY}/street-duty.210202.csv`));
    const r = await fx.run('evaluate', '--no-cache');
    expect(r.err).not.toMatch(STACK);
    expect(r.err).toMatch(/reports set aside: 1 file,/);
    const index = JSON.parse(await fx.read(`data/results/${DAY}/index.json`));
    expect(JSON.stringify(index)).toMatch(/"setAsideFiles":1/);
  });

  it('a linked or hidden waiver file is set aside and counted', async () => {
    const fx = await loadFixture('mini');
    mkdirSync(fx.file('data/waivers'), { recursive: true });
    symlinkSync('/etc/passwd', fx.file('data/waivers/w.json'));
    writeFileSync(fx.file('data/waivers/.w.json'), '{"waivers":[]}');
    const r = await validate(fx);
    expect(r.err).toMatch(
      /data\/waivers\/w\.json: set aside SHOUTU-P003: a symbolic link.*so it was set aside/,
    );
    expect(r.err).toMatch(/data\/waivers\/\.w\.json: set aside SHOUTU-P003: a hidden file/);
    expect(r.out).toMatch(/waivers: 0 waivers accepted; set aside: 2 files/);
  });

  it('a linked rule file, form or registry file is an error, not followed', async () => {
    for (const [target, link] of [
      ['rules/prevention/grid-screening.json', 'rules/prevention/copy.json'],
      ['data/forms/grid-daily.json', 'data/forms/copy.json'],
      ['data/registry/registry.json', 'data/registry/copy.json'],
    ] as const) {
      const fx = await loadFixture('mini');
      symlinkSync(fx.file(target), fx.file(link));
      const r = await validate(fx);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${link}: error SHOUTU-P003: a symbolic link`);
    }
  });

  it('a registry whose only file is a link says so, not only that there is none', async () => {
    const fx = await loadFixture('mini');
    const { rename } = await import('node:fs/promises');
    await rename(fx.file('data/registry/registry.json'), fx.file('registry.json'));
    symlinkSync(fx.file('registry.json'), fx.file('data/registry/registry.json'));
    const r = await validate(fx);
    expect(r.code).toBe(1);
    expect(r.err).toContain('data/registry/registry.json: error SHOUTU-P003: a symbolic link');
    expect(r.err).toContain('data/registry: error SHOUTU-G010: no registry files');
  });

  it('a leftover .DS_Store in the registry is a warning; the project still loads', async () => {
    const fx = await loadFixture('mini');
    writeFileSync(fx.file('data/registry/.DS_Store'), 'x');
    const r = await validate(fx);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      "data/registry/.DS_Store: warning SHOUTU-P003: an editor's or the system's leftover",
    );
  });
});

describe('report files', () => {
  it('130,000 rows with unknown subjects: problems capped, counts exact, no stack overflow', async () => {
    const fx = await loadFixture('mini');
    const rows = [HEADER];
    for (let i = 0; i < 130_000; i++) rows.push(`9${String(i).padStart(14, '0')},,1,`);
    await fx.write(CSV, `${rows.join('\n')}\n`);
    const r = await validate(fx);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `${CSV}: set aside SHOUTU-D005: … and ${130_000 - LIMITS.problemsPerFile} more problems in this file (130000 rows set aside)`,
    );
    expect(r.err.split('\n').filter((l) => l.startsWith(`${CSV}:`))).toHaveLength(
      LIMITS.problemsPerFile + 1,
    );
    expect(r.out).toMatch(/set aside: 0 files, 130001 rows/);
    // The ledger keeps the capped problems and the exact count.
    const again = await fx.run('validate', '--max-problems', '100000');
    const cached = await fx.run('validate', '--max-problems', '100000');
    expect(cached.out).toMatch(/set aside: 0 files, 130001 rows \(0 parsed, 2 unchanged/);
    expect(cached.err).toBe(again.err);
    // \`rules check\` reads every report for its firing warnings (loadReports): it crashed here.
    const check = await fx.run('rules', 'check');
    expect(check.err).not.toMatch(/internal error|Maximum call stack/);
    expect(check.code).toBe(0);
    const e = await fx.run('evaluate');
    expect(e.err).not.toMatch(STACK);
    expect(e.err).toMatch(/reports set aside: 0 files, 130001 rows/);
    const cachedEval = await fx.run('evaluate', '--recompute');
    expect(cachedEval.err).toMatch(/reports set aside: 0 files, 130001 rows/);
    expect(cachedEval.err).toMatch(/from the cache/);
  }, 120_000);

  it('a CSV and a JSON report for one form, district and day are both set aside, each naming the other', async () => {
    const fx = await loadFixture('mini');
    const json = CSV.replace(/\.csv$/, '.json');
    await fx.write(
      json,
      JSON.stringify({ rows: [{ subject: '210202001001001', households_visited: 1 }] }),
    );
    const r = await validate(fx);
    expect(r.err).toContain(
      `${CSV}: set aside SHOUTU-D001: ${json} is for the same form, district and day: expected one report per form, district and day`,
    );
    expect(r.err).toContain(
      `${json}: set aside SHOUTU-D001: ${CSV} is for the same form, district and day: expected one report per form, district and day`,
    );
    const { project } = await loadProject(fx.root);
    if (!project) throw new Error('project');
    const all = await loadReports(fx.root, project.registry, project.forms);
    expect(all.stats.get(DAY)?.setAsideFiles).toBe(2);
    expect(all.stats.get(DAY)?.rows).toBe(0);
    const lazy = openReports(fx.root, project, { cache: false });
    expect([...lazy.source.rowsOf(DAY)]).toEqual([]);
    expect(lazy.source.statsOf(DAY).setAsideFiles).toBe(2);
  });

  it('a report for a day that has not begun is set aside, never offered, never published', async () => {
    const fx = await loadFixture('mini');
    const future = 'data/reports/2099-01-01/grid-daily.210202.csv';
    await fx.write(future, (await fx.read(CSV)).replaceAll(DAY, '2099-01-01'));
    const { project } = await loadProject(fx.root);
    if (!project) throw new Error('project');
    const message =
      /^the report is for 2099-01-01, a day that has not begun \(today is \d{4}-\d{2}-\d{2} in Asia\/Shanghai\): it is never evaluated or published$/;
    const lazy = openReports(fx.root, project, { cache: false });
    expect(lazy.source.days()).not.toContain('2099-01-01');
    expect(lazy.source.read().problems.find((p) => p.file === future)?.message).toMatch(message);
    const checked = checkReports(fx.root, project, { cache: false });
    expect(checked.problems.find((p) => p.file === future)?.message).toMatch(message);
    const pinned = checkReports(fx.root, project, {
      cache: false,
      today: { day: '2099-01-01', timeZone: 'UTC' },
    });
    expect(pinned.problems.find((p) => p.file === future)).toBeUndefined();
    const r = await validate(fx);
    expect(r.err).toContain(`${future}: set aside SHOUTU-D001: the report is for 2099-01-01`);
    // \`rules check\` reads every report for its firing warnings (loadReports): it crashed here.
    const check = await fx.run('rules', 'check');
    expect(check.err).not.toMatch(/internal error|Maximum call stack/);
    expect(check.code).toBe(0);
    const e = await fx.run('evaluate');
    expect(e.err).not.toMatch(STACK);
    expect(e.err).toMatch(/reports set aside: 1 file/);
    expect(e.out).toMatch(/to 2020-02-03\)/);
  });

  it('a report past LIMITS.reportBytes is set aside by its size, unread', async () => {
    const fx = await loadFixture('mini');
    // A sparse file: its size is past the limit without writing 64 MB.
    const big = fx.file(`data/reports/${DAY}/street-duty.210202.csv`);
    writeFileSync(big, '');
    execFileSync('truncate', ['-s', String(LIMITS.reportBytes + 1), big]);
    const r = await validate(fx);
    expect(r.err).toMatch(
      /street-duty\.210202\.csv: set aside SHOUTU-P006: too large \([\d,]+ bytes\): expected a report file of at most 64 MB; the file was set aside without being read$/m,
    );
  });

  it('unknown fields in JSON rows are warnings with line and column, as unknown CSV columns are', async () => {
    const fx = await loadFixture('mini');
    const json = `data/reports/${DAY}/grid-daily.210202.json`;
    await fx.write(CSV.replace(DAY, '2020-02-03'), `${HEADER},housholds\n`);
    await fx.write(
      json,
      '{\n  "rows": [\n    { "subject": "210202001001001", "housholds_visited": 3, "households_visited": 2 }\n  ]\n}\n',
    );
    await fx.run('validate');
    const { rm } = await import('node:fs/promises');
    await rm(fx.file(CSV));
    const r = await validate(fx);
    expect(r.err).toContain(
      `${json}:3:37: warning SHOUTU-D004: unknown field "housholds_visited" is ignored; did you mean "households_visited"?`,
    );
  });

  it('integers beyond the safe range and impossible times are refused in their row', async () => {
    const fx = await loadFixture('mini');
    await fx.write(
      CSV,
      `${HEADER}\n210202001001001,2020-02-02T10:00,9007199254740993,\n210202001001002,2020-02-02T25:99,3,\n`,
    );
    const r = await validate(fx);
    expect(r.err).toContain(
      `${CSV}:2:households_visited: set aside SHOUTU-D002: expected a whole number between -9007199254740991 and 9007199254740991, found the text "9007199254740993"; the row was set aside`,
    );
    expect(r.err).toMatch(
      /grid-daily\.210202\.csv:3:submitted_at: set aside SHOUTU-D002: expected a real local date and time .*found the text "2020-02-02T25:99"; the row was set aside/,
    );
    expect(r.out).toMatch(/set aside: 0 files, 3 rows/);
  });
});
