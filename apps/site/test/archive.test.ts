import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { textIn } from '@shoutu/core';
import { describe, expect, inject, test } from 'vitest';
import { csvCell, toCsv } from '../src/lib/csv';
import { DEV_CACHE, folderState } from './global-setup';

/** The downloads and the CSV writer, in the mini fixture's site built by test/global-setup.ts. */

const BOM = '\uFEFF';

/** A file's text; a past day's CSV (`.csv.gz`) unpacked. */
const read = (site: string, rel: string) => {
  const bytes = readFileSync(path.join(site, rel));
  return (rel.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.'));
}

describe('CSV writer', () => {
  test('quotes as RFC 4180 says and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    // Numbers are numbers: a negative change is not a formula.
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(toCsv(['a', 'b'], [['=1', 2]])).toBe(`${BOM}a,b\r\n'=1,2\r\n`);
  });
});

describe('downloads of the mini project', () => {
  const site = inject('siteMini');

  test('hold no personal data', () => {
    const files = allFiles(site).filter((f) => /\.(csv|json|html|csv\.gz)$/.test(f));
    const data = files.filter((f) => /\.(csv|json|csv\.gz)$/.test(f));
    // Days of the archive, the latest day and the templates are all there to check.
    expect(data).toEqual(
      expect.arrayContaining([
        'archive/2020-02-02/city.csv',
        'archive/2020-02-03/district/210202/findings.csv.gz',
        'downloads/latest/district/210202/district.json',
        'downloads/latest/district/210202/units.csv',
        'downloads/templates/grid-daily.csv',
      ]),
    );
    for (const f of files) {
      const text = read(site, f);
      expect(text, f).not.toContain('CANARY');
      expect(text, f).not.toContain('13800000000');
    }
  });

  test('a template keeps the personal column a unit must fill in', () => {
    expect(read(site, 'downloads/templates/grid-daily.csv')).toBe(
      `${BOM}subject,submitted_at,households_visited,reporter_phone\r\n`,
    );
    const page = read(site, 'en/downloads/index.html');
    // Beside the CSV, the workbook `shoutu templates` writes (issue 13): a zip, linked.
    const xlsx = readFileSync(path.join(site, 'downloads/templates/grid-daily.xlsx'));
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(page).toContain('href="/downloads/templates/grid-daily.xlsx"');
    expect(page).toContain('Excel workbook grid-daily.xlsx, with checks and instructions');
    expect(page).toContain('reporter_phone');
    expect(page).toContain('reporter&#39;s phone');
    expect(page).toContain('<strong class="block">personal</strong>');
  });

  test('the archive shows the waivers in force and escapes names', () => {
    const zh = read(site, 'archive/2020-02-03/district/210202/index.html');
    expect(zh).toContain('测试豁免理由');
    expect(zh).toContain('中山区疫情防控指挥部办公室');
    const en = read(site, 'en/archive/2020-02-03/district/210202/index.html');
    expect(en).toContain('Zhongshan &lt;script&gt;alert(1)&lt;/script&gt;');
    const json = JSON.parse(read(site, 'downloads/latest/district/210202/district.json'));
    expect(textIn(json.district.name, 'en')).toBe('Zhongshan <script>alert(1)</script>');
  });
});

describe('the developer’s archive cache', () => {
  test('the test builds keep their caches in temporary folders', () => {
    for (const cache of [
      inject('archiveCacheMini'),
      inject('archiveCacheTerritory'),
      inject('archiveCacheSample'),
    ]) {
      expect(cache.startsWith(tmpdir()), cache).toBe(true);
      expect(cache).not.toBe(DEV_CACHE);
    }
    // The mini build did write its cache: the variable is honoured, not ignored.
    expect(readdirSync(inject('archiveCacheMini')).length).toBeGreaterThan(0);
  });

  test('the test builds leave apps/site/.archive-cache as it was', () => {
    expect(folderState(DEV_CACHE)).toBe(inject('devCacheBefore'));
  });

  test('folderState sees a file added to a folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shoutu-state-'));
    try {
      const before = folderState(dir);
      writeFileSync(path.join(dir, 'x'), 'x');
      expect(folderState(dir)).not.toBe(before);
      expect(folderState(path.join(dir, 'none'))).toBe('absent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
