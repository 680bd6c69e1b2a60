/**
 * The published reports: a day's accepted rows through the CLI's own report reader, each with the
 * line of its source file, and no personal field, from the mini fixture (whose reporter's phone
 * carries a canary).
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { publishDayReports, reportCsv } from '../../src/lib/publish-reports';
import { parseSource, reportDownloadPath } from '../../src/lib/sources';

/** The CLI package's mini fixture, found as the site's dependency (never the repository's data/). */
const MINI = path.join(
  realpathSync(path.join(import.meta.dirname, '../../node_modules/@shoutu/cli')),
  'test/fixtures/mini',
);
const out = mkdtempSync(path.join(tmpdir(), 'shoutu-reports-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('published reports', () => {
  test('a day: accepted rows with their source line, the personal field removed', async () => {
    const manifest = await publishDayReports(MINI, '2020-02-02', out);
    const grid = manifest.files.find((f) => f.form === 'grid-daily');
    expect(grid).toEqual({
      file: 'grid-daily.210202.csv',
      form: 'grid-daily',
      district: '210202',
      path: 'downloads/2020-02-02/reports/grid-daily.210202.csv',
      rows: 2,
    });
    const text = readFileSync(path.join(out, grid?.path ?? ''), 'utf8');
    // Row 3 came after the form's due time: accepted, and marked late.
    expect(text).toBe(
      '\uFEFFline,subject,submitted_at,late,households_visited\r\n' +
        '2,210202001001001,2020-02-02T10:00,false,212\r\n' +
        '3,210202001001002,2020-02-02T13:00,true,300\r\n',
    );
    for (const f of manifest.files) {
      const body = readFileSync(path.join(out, f.path), 'utf8');
      expect(body).not.toContain('CANARY');
      expect(body).not.toContain('13800000000');
      expect(body).not.toContain('reporter_phone');
    }
  });

  test('a row set aside is not published; the others keep their own line', async () => {
    const manifest = await publishDayReports(MINI, '2020-02-03', out);
    const grid = manifest.files.find((f) => f.form === 'grid-daily');
    const lines = readFileSync(path.join(out, grid?.path ?? ''), 'utf8').split('\r\n');
    // Line 3 ("many" households) was set aside by the reader.
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(['2']);
  });

  test('a day without reports publishes none', async () => {
    expect(await publishDayReports(MINI, '2019-01-01', out)).toEqual({
      day: '2019-01-01',
      files: [],
    });
  });

  test('a personal field is never written, even if a value slipped through', () => {
    const form = {
      fields: [
        { id: 'visits', personal: false },
        { id: 'phone', personal: true },
      ],
    } as unknown as Parameters<typeof reportCsv>[0];
    const csv = reportCsv(form, {
      form: 'f',
      district: 'd',
      rows: [
        {
          line: 9,
          subject: 's2',
          submittedAt: null,
          late: true,
          values: { visits: 1, phone: 'x' },
        },
        { line: 4, subject: 's1', submittedAt: null, late: false, values: { visits: 2 } },
      ],
    });
    expect(csv).toBe(
      '\uFEFFline,subject,submitted_at,late,visits\r\n4,s1,,false,2\r\n9,s2,,true,1\r\n',
    );
  });

  test("a finding's source names its published file", () => {
    const s = parseSource('data/reports/2020-02-02/grid-daily.210202.csv:3');
    expect(s && reportDownloadPath(s.day, s.form, s.district)).toBe(
      'downloads/2020-02-02/reports/grid-daily.210202.csv',
    );
  });
});
