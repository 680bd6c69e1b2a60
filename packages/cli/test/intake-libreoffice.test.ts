/**
 * The round trip offices make (issue 13, stream C): the .xlsx template `shoutu templates` writes is
 * filled in with LibreOffice Calc (headless, through the Python-UNO bridge: test/libreoffice/fill.py
 * types each value into its cell, as a person would), saved as .xlsx and as a GBK CSV ("CSV (逗号分隔)"
 * as Chinese Excel and WPS save it); `validate` and `evaluate` then find what they find in the same
 * rows as a UTF-8 CSV file. Needs `soffice` and Debian's python3-uno (`.ci/run` installs
 * libreoffice-calc); skipped, saying why, without them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadFixture } from './helpers.js';
import { findingsOf } from './intake-helpers.js';

const PYTHON = '/usr/bin/python3';
const FILL = path.join(import.meta.dirname, 'libreoffice', 'fill.py');

function missing(): string | undefined {
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0)
    return 'soffice (LibreOffice) is not installed: `apt-get install libreoffice-calc python3-uno`';
  if (
    !existsSync(PYTHON) ||
    spawnSync(PYTHON, ['-c', 'import uno'], { stdio: 'ignore' }).status !== 0
  )
    return `${PYTHON} cannot import uno: \`apt-get install python3-uno\``;
  return undefined;
}
const why = missing();
// Skipped, saying why, on a machine without LibreOffice; in CI (which installs it) a missing one fails.
const CI = Boolean(process.env.CI);
if (why && !CI) console.log(`intake-libreoffice: skipped: ${why}`);

const DAY = 'data/reports/2020-02-03';
const CSV = `${DAY}/grid-daily.210202.csv`;

/** Problems without their file's extension and place (a sheet's rows are one below the CSV's lines). */
const said = (err: string) =>
  err
    .split('\n')
    .filter((l) => l !== '' && !l.includes('it was read as GBK'))
    .map((l) => l.replace(/\.(csv|xlsx):\S*: /, ': '));

describe.skipIf(why !== undefined && !CI)('LibreOffice round trip', () => {
  test('a template filled in with LibreOffice, saved as .xlsx and as GBK CSV, gives the findings of the UTF-8 CSV', async () => {
    if (why) throw new Error(`CI must have LibreOffice: ${why}`);
    const csv = await loadFixture('mini');
    // A personal cell in Chinese, so that GBK and UTF-8 differ in bytes.
    const text = (await csv.read(CSV)).replace('480,', '480,张三');
    await csv.write(CSV, text);
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map((v) => v.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ')));

    const xlsx = await loadFixture('mini');
    const gbk = await loadFixture('mini');
    expect((await xlsx.run('templates', '--out', xlsx.file('templates'))).code).toBe(0);
    await writeFile(xlsx.file('rows.json'), JSON.stringify(rows));
    await rm(xlsx.file(CSV));
    await rm(gbk.file(CSV));
    execFileSync(
      PYTHON,
      [
        FILL,
        xlsx.file('templates/grid-daily.xlsx'),
        xlsx.file('rows.json'),
        xlsx.file(`${DAY}/grid-daily.210202.xlsx`),
        gbk.file(CSV),
      ],
      { stdio: 'inherit', timeout: 150_000 },
    );

    const base = await csv.run('validate');
    const fromXlsx = await xlsx.run('validate');
    const fromGbk = await gbk.run('validate');
    expect(base.err).toContain('found the text "many"');
    expect(said(fromXlsx.err)).toEqual(said(base.err));
    expect(said(fromGbk.err)).toEqual(said(base.err));
    expect(fromXlsx.err).toContain(
      `${DAY}/grid-daily.210202.xlsx:'grid-daily'!C4: set aside SHOUTU-D002:`,
    );
    expect(fromGbk.err).toContain('it was read as GBK (GB18030)');
    expect(fromXlsx.out).toBe(base.out);
    expect(fromGbk.out).toBe(base.out);

    for (const f of [csv, xlsx, gbk]) expect((await f.run('evaluate')).code).toBe(0);
    const findings = await findingsOf(csv);
    expect(Object.keys(findings).length).toBeGreaterThan(0);
    expect(await findingsOf(xlsx)).toEqual(findings);
    expect(await findingsOf(gbk)).toEqual(findings);
  }, 180_000);
});
