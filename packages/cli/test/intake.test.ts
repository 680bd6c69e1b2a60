/**
 * Reports as offices send them (issue 13, stream C): a GBK CSV file is read with a warning, an
 * .xlsx workbook's first sheet is read like the CSV with problems at their cells, and a hostile
 * workbook is set aside with a message.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import {
  cellRef,
  cellText,
  columnLetters,
  isLabelsRow,
  readSheetSync,
} from '../src/intake/xlsx.js';
import { loadFixture } from './helpers.js';
import { findingsOf } from './intake-helpers.js';

const DAY3 = 'data/reports/2020-02-03';

/** A workbook of rows, as a tool would save one: the first sheet named `sheet`. */
async function workbook(rows: unknown[][], sheet = 'Sheet1'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const s = book.addWorksheet(sheet);
  for (const r of rows) s.addRow(r);
  book.addWorksheet('other').addRow(['not read']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('GBK CSV', () => {
  test('a CSV file saved as GBK is read as GB18030 with a warning; the findings are those of the UTF-8 file', async () => {
    const utf8 = await loadFixture('mini');
    const gbk = await loadFixture('mini');
    // A personal text cell in Chinese: what makes a GBK file differ from UTF-8 bytes.
    const text = (await utf8.read(`${DAY3}/grid-daily.210202.csv`)).replace(
      '480,',
      '480,张三 13800000000',
    );
    await utf8.write(`${DAY3}/grid-daily.210202.csv`, text);
    await writeFile(gbk.file(`${DAY3}/grid-daily.210202.csv`), iconv.encode(text, 'gbk'));

    const v = await gbk.run('validate');
    expect(v.code).toBe(0);
    expect(v.err).toContain(
      `${DAY3}/grid-daily.210202.csv:2: warning SHOUTU-X001: the file is not UTF-8 text (line 2 is the first that is not): it was read as GBK (GB18030), as Excel and WPS save "CSV (逗号分隔)" on Chinese Windows; to be sure it is read as meant, save it as "CSV UTF-8 (逗号分隔)"`,
    );
    const u = await utf8.run('validate');
    expect(v.out).toBe(u.out);
    expect(
      v.err.split('\n').filter((l) => !l.includes(': the file is not UTF-8 text (line')),
    ).toEqual(u.err.split('\n'));
    expect((await gbk.run('evaluate')).code).toBe(0);
    expect((await utf8.run('evaluate')).code).toBe(0);
    expect(await findingsOf(gbk)).toEqual(await findingsOf(utf8));
  });

  test('the warning carries its code, and a file in neither encoding is set aside as before', async () => {
    const f = await loadFixture('mini');
    const { readReport } = await import('../src/report-cache.js');
    const { loadForms, loadRegistry } = await import('@shoutu/cli');
    const registry = (await loadRegistry(f.root)).value;
    if (!registry) throw new Error('no registry');
    const forms = (await loadForms(f.root, registry)).value ?? new Map();
    await writeFile(
      f.file(`${DAY3}/grid-daily.210202.csv`),
      iconv.encode(
        'subject,households_visited,reporter_phone\n210202001001001,3,李四\n210202001001002,5,\n',
        'gb18030',
      ),
    );
    const read = readReport(f.root, '2020-02-03/grid-daily.210202.csv', { forms, registry });
    expect(read.setAside).toBe(false);
    expect(read.rows.map((r) => r.values.households_visited)).toEqual([3, 5]);
    expect(read.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'SHOUTU-X001', line: 2 }),
    ]);

    await writeFile(
      f.file(`${DAY3}/grid-daily.210202.csv`),
      Buffer.concat([
        Buffer.from('subject,households_visited\n210202001001001,'),
        Buffer.from([0xff, 0x81, 0x0a]),
      ]),
    );
    const bad = readReport(f.root, '2020-02-03/grid-daily.210202.csv', { forms, registry });
    expect(bad.setAside).toBe(true);
    expect(bad.problems[0]?.message).toContain('the file is not UTF-8 text');
    // A JSON report is UTF-8 by definition: never read as GBK.
    await rm(f.file(`${DAY3}/grid-daily.210202.csv`));
    await writeFile(
      f.file(`${DAY3}/grid-daily.210202.json`),
      iconv.encode(
        '{"rows":[{"subject":"210202001001001","households_visited":3,"reporter_phone":"李四"}]}',
        'gbk',
      ),
    );
    const json = readReport(f.root, '2020-02-03/grid-daily.210202.json', { forms, registry });
    expect(json.setAside).toBe(true);
  });
});

describe('cells as text', () => {
  test('values become the text the CSV reader reads', () => {
    expect(cellText(null)).toEqual({ text: '' });
    expect(cellText(42)).toEqual({ text: '42' });
    expect(cellText(2.5)).toEqual({ text: '2.5' });
    expect(cellText(true)).toEqual({ text: 'true' });
    expect(cellText('是')).toEqual({ text: '是' });
    expect(cellText(new Date(Date.UTC(2020, 1, 3)))).toEqual({ text: '2020-02-03' });
    expect(cellText(new Date(Date.UTC(2020, 1, 3, 9, 30)))).toEqual({ text: '2020-02-03T09:30' });
    // A serial's rounding (09:29:59.999) is the minute it was typed.
    expect(cellText(new Date(Date.UTC(2020, 1, 3, 9, 29, 59, 999)))).toEqual({
      text: '2020-02-03T09:30',
    });
    expect(cellText(new Date(Date.UTC(1899, 11, 30, 10, 15)))).toEqual({ text: '10:15' });
    expect(cellText({ formula: 'B2+1', result: 7 })).toEqual({ text: '7' });
    expect(cellText({ sharedFormula: 'C2', result: false })).toEqual({ text: 'false' });
    expect(cellText({ richText: [{ text: '2102' }, { text: '02' }] })).toEqual({ text: '210202' });
    expect(cellText({ text: 'link', hyperlink: 'http://x' })).toEqual({ text: 'link' });
    expect(cellText({ formula: 'B2+1' })).toEqual({
      error:
        'the formula "=B2+1" was saved without its value: open the workbook in Excel, WPS or LibreOffice and save it again, or type the value',
    });
    expect(cellText({ error: '#DIV/0!' })).toEqual({
      error: 'the cell shows the error #DIV/0!: expected a value',
    });
    expect(cellText({ formula: 'A1/0', result: { error: '#DIV/0!' } })).toEqual({
      error: 'the formula "=A1/0": the cell shows the error #DIV/0!: expected a value',
    });
  });

  test('cell names', () => {
    expect([1, 3, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'C', 'Z', 'AA', 'AZ', 'AAA']);
    expect(cellRef('Sheet1', 3, 12)).toBe('Sheet1!C12');
    expect(cellRef('网格 日报', 1, 2)).toBe("'网格 日报'!A2");
    expect(cellRef("it's", 1, 2)).toBe("'it''s'!A2");
    expect(cellRef('网格日报', 2, 3)).toBe('网格日报!B3');
    expect(cellRef('AB12', 2, 3)).toBe("'AB12'!B3");
  });

  test('the labels row of a template is told from data', () => {
    const header = ['subject', 'submitted_at', 'households_visited'];
    expect(
      isLabelsRow(header, ['subject / 代码 / Code', '', 'households_visited / 户数 / Households']),
    ).toBe(true);
    expect(isLabelsRow(header, ['210202001001001', '', '3'])).toBe(false);
    expect(isLabelsRow(header, ['', '', ''])).toBe(false);
  });
});

describe('xlsx reports', () => {
  test('the first sheet is read like the CSV: labels row skipped, problems at their cells, same findings', async () => {
    const csv = await loadFixture('mini');
    const xlsx = await loadFixture('mini');
    await rm(xlsx.file(`${DAY3}/grid-daily.210202.csv`));
    await writeFile(
      xlsx.file(`${DAY3}/grid-daily.210202.xlsx`),
      await workbook([
        ['subject', 'submitted_at', 'households_visited', 'reporter_phone'],
        [
          'subject / 网格代码',
          'submitted_at / 提交时间',
          'households_visited / 已走访户数',
          'reporter_phone / 填报人电话',
        ],
        [
          '210202001001001',
          new Date(Date.UTC(2020, 1, 3, 10, 0)),
          { formula: '400+80', result: 480 },
        ],
        [210202001001002, '2020-02-03T10:00', 'many'],
      ]),
    );
    const v = await xlsx.run('validate');
    expect(v.code).toBe(0);
    expect(v.err).toBe(
      `${DAY3}/grid-daily.210202.xlsx:Sheet1!C4: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "many"; the row was set aside`,
    );
    const u = await csv.run('validate');
    expect(v.out).toBe(u.out);
    expect((await xlsx.run('evaluate')).code).toBe(0);
    expect((await csv.run('evaluate')).code).toBe(0);
    expect(await findingsOf(xlsx)).toEqual(await findingsOf(csv));
    // The sources name the sheet's rows.
    const findings = await readFile(xlsx.file('data/results/2020-02-03/210202.findings.csv.gz'));
    expect(gunzipSync(findings).toString('utf8')).not.toContain('.csv:');
  });

  test('problems carry the cell; formulas without a value and error cells set their row aside', async () => {
    const f = await loadFixture('mini');
    await rm(f.file(`${DAY3}/grid-daily.210202.csv`));
    await writeFile(
      f.file(`${DAY3}/grid-daily.210202.xlsx`),
      await workbook(
        [
          ['subject', 'households_visited', 'reporter_phone', 'extra'],
          ['210202001001001', { formula: 'B9*2' }],
          ['210202001001002', { error: '#N/A' }],
          ['210202001001003', 4],
          [],
        ],
        '网格日报',
      ),
    );
    const { readReport } = await import('../src/report-cache.js');
    const { loadForms, loadRegistry } = await import('@shoutu/cli');
    const registry = (await loadRegistry(f.root)).value;
    if (!registry) throw new Error('no registry');
    const forms = (await loadForms(f.root, registry)).value ?? new Map();
    const e = readReport(f.root, '2020-02-03/grid-daily.210202.xlsx', { forms, registry });
    expect(e.setAside).toBe(false);
    expect(e.rows).toEqual([]);
    expect(e.setAsideRows).toBe(3);
    expect(e.problems.map((p) => [p.code, p.line, p.field, p.cell, p.setAside, p.message])).toEqual(
      [
        [
          'SHOUTU-D004',
          1,
          'extra',
          '网格日报!D1',
          undefined,
          expect.stringContaining('unknown column "extra"'),
        ],
        [
          'SHOUTU-D002',
          4,
          'subject',
          '网格日报!A4',
          'row',
          expect.stringContaining('unknown subject "210202001001003"'),
        ],
        [
          'SHOUTU-X004',
          2,
          'households_visited',
          '网格日报!B2',
          'row',
          'the formula "=B9*2" was saved without its value: open the workbook in Excel, WPS or LibreOffice and save it again, or type the value; the row was set aside',
        ],
        [
          'SHOUTU-X004',
          3,
          'households_visited',
          '网格日报!B3',
          'row',
          'the cell shows the error #N/A: expected a value; the row was set aside',
        ],
      ],
    );
  });

  test('a boolean form read from TRUE/FALSE cells and 是/否 text', async () => {
    const f = await loadFixture('mini');
    await writeFile(
      f.file('data/reports/2020-02-03/street-duty.210202.xlsx'),
      await workbook([
        ['subject', 'leading_cadre_on_shift'],
        ['210202001', true],
      ]),
    );
    const v = await f.run('validate');
    expect(v.out).toContain('reports: 3 files, 4 rows accepted');
  });

  test('a file that is not a workbook, an old .xls and a zip bomb are set aside with a message', async () => {
    const f = await loadFixture('mini');
    const at = (name: string) => f.file(`${DAY3}/${name}`);
    await rm(at('grid-daily.210202.csv'));
    await writeFile(at('grid-daily.210202.xlsx'), 'subject,households_visited\n');
    await writeFile(
      at('street-duty.210202.xlsx'),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    );
    const v = await f.run('validate');
    expect(v.code).toBe(0);
    expect(v.err).toContain(
      `${DAY3}/grid-daily.210202.xlsx: set aside SHOUTU-X002: this is not an .xlsx workbook (an .xlsx file is a zip of the workbook's parts, this file is not one): save it from Excel, WPS or LibreOffice as "Excel 工作簿 (*.xlsx)"; the whole file was set aside`,
    );
    expect(v.err).toContain(
      `${DAY3}/street-duty.210202.xlsx: set aside SHOUTU-X002: this is an Excel 97–2003 workbook (.xls) or a workbook protected by a password`,
    );
    expect(v.out).toContain('set aside: 2 files');
    expect(v.err).not.toMatch(/\n\s+at /);

    // A zip whose parts say they unpack to far more than a report may be: nothing is unpacked.
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(1 << 20) }, { level: 9 });
    // The central directory's "uncompressed size" of the part, raised to 4 GB - 1.
    const view = Buffer.from(bomb);
    const central = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt32LE(0xffffffff, central + 24);
    await writeFile(at('grid-daily.210202.xlsx'), view);
    const b = await f.run('validate');
    expect(b.err).toContain(
      `${DAY3}/grid-daily.210202.xlsx: set aside SHOUTU-X003: the workbook unpacks to 4,294,967,295 bytes in 1 parts: expected at most 268,435,456 bytes; the whole file was set aside`,
    );
  });

  test('limits of rows, columns, size and time set a workbook aside', async () => {
    const book = await workbook([
      ['subject', 'a', 'b'],
      ['1', 2, 3],
      ['4', 5, 6],
    ]);
    const limits = { unpackedBytes: 1 << 30, rows: 1_000, columns: 1_000, timeoutMs: 60_000 };
    expect(readSheetSync(book, limits)).toMatchObject({ sheet: 'Sheet1' });
    expect(readSheetSync(book, { ...limits, rows: 0 })).toEqual({
      error: 'too-large',
      message: 'the first sheet has 3 rows: expected at most 0 rows in one report file',
    });
    expect(readSheetSync(book, { ...limits, columns: 2 })).toEqual({
      error: 'too-large',
      message: 'the first sheet has 3 columns: expected at most 2',
    });
    expect(readSheetSync(book, { ...limits, unpackedBytes: 100 })).toMatchObject({
      error: 'too-large',
    });
    expect(readSheetSync(strToU8('not a zip'), limits)).toMatchObject({ error: 'unreadable' });
    // Too slow: the worker is stopped, and the next workbook is read by a new one.
    expect(readSheetSync(book, { ...limits, timeoutMs: 0 })).toEqual({
      error: 'too-large',
      message: 'reading the workbook took longer than 0 s',
    });
    expect(readSheetSync(book, limits)).toMatchObject({ sheet: 'Sheet1' });
  });
});
