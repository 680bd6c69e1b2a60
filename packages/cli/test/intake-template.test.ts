/**
 * The blank report templates (issue 13, stream C): `shoutu templates` writes a CSV file and an
 * .xlsx workbook per form; the workbook has ids and labels, validation, a locked header, frozen
 * panes and an instructions sheet, is byte-stable, and a filled-in copy reads as its CSV would.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, test, vi } from 'vitest';
import { templateCsv, templateXlsx } from '../src/intake/template.js';
import { loadFixture } from './helpers.js';
import { findingsOf } from './intake-helpers.js';

type Validation = { type: string; operator?: string; formulae?: unknown[]; prompt?: string };

async function book(bytes: Uint8Array) {
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(bytes as unknown as ArrayBuffer);
  return b;
}

describe('shoutu templates', () => {
  test('writes <form>.csv and <form>.xlsx for every form', async () => {
    const f = await loadFixture('mini');
    const r = await f.run('templates', '--out', f.file('out'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('templates: 2 forms, 4 files (.csv and .xlsx) in out');
    expect(await f.read('out/grid-daily.csv')).toBe(
      '\uFEFFsubject,submitted_at,households_visited,reporter_phone\r\n',
    );
    const b = await book(await readFile(f.file('out/street-duty.xlsx')));
    expect(b.worksheets.map((s) => s.name)).toEqual(['street-duty', '说明 instructions']);
  });

  test('the workbook: ids, labels in every language, validation, locked header, frozen panes, instructions', async () => {
    const f = await loadFixture('mini');
    await f.run('templates');
    const b = await book(await readFile(f.file('templates/grid-daily.xlsx')));
    const sheet = b.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'subject',
      'submitted_at',
      'households_visited',
      'reporter_phone',
    ]);
    expect(sheet.getCell('C2').value).toBe('households_visited / 已走访户数 / households visited');
    expect(sheet.getCell('A2').value).toBe('subject / 填报对象代码 / code of the unit or place');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    // Locked is a cell's default: the header cells have no style that unlocks them.
    expect(sheet.getCell('A1').protection?.locked ?? true).toBe(true);
    expect(sheet.getCell('C2').protection?.locked ?? true).toBe(true);
    expect(sheet.getCell('C3').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('A3').numFmt).toBe('@');
    expect((sheet as unknown as { sheetProtection: object }).sheetProtection).toMatchObject({
      sheet: true,
    });
    const dv = (addr: string) =>
      (sheet as unknown as { dataValidations: { model: Record<string, Validation> } })
        .dataValidations.model[addr];
    expect(dv('C3')).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      prompt: '整数 ≥ 0 (户) / whole number ≥ 0 (households)',
    });
    expect(dv('C5002')).toMatchObject({ type: 'whole' });
    expect(dv('B3')).toMatchObject({ type: 'date' });
    expect(dv('D3')).toBeUndefined();

    const duty = (await book(await readFile(f.file('templates/street-duty.xlsx')))).worksheets[0];
    const list = (duty as unknown as { dataValidations: { model: Record<string, Validation> } })
      .dataValidations.model.C3;
    expect(list).toMatchObject({ type: 'list', formulae: ['"是,否,yes,no"'] });

    const help = b.worksheets[1];
    const text = help
      ?.getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .join('\n');
    expect(text).toContain('网格日报 / Grid daily report (grid-daily)');
    expect(text).toContain('households_visited');
    expect(text).toContain('已走访户数 / households visited');
    expect(text).toContain('另存为 Excel 工作簿 (*.xlsx)，文件名为 grid-daily.<区代码>.xlsx');
    expect(text).toContain('"CSV UTF-8 (Comma delimited)" named grid-daily.<district code>.csv');
  });

  test('the same form gives the same bytes, whatever the clock says', async () => {
    const f = await loadFixture('mini');
    const forms = await import('@shoutu/cli');
    const registry = (await forms.loadRegistry(f.root)).value;
    if (!registry) throw new Error('no registry');
    const form = (await forms.loadForms(f.root, registry)).value?.get('grid-daily');
    if (!form) throw new Error('no form');
    const options = { languages: ['zh', 'en'], measurementUnits: registry.measurementUnits };
    vi.useFakeTimers({ now: new Date('2031-05-06T07:08:09Z'), toFake: ['Date'] });
    let first: Uint8Array;
    try {
      first = await templateXlsx(form, options);
    } finally {
      vi.useRealTimers();
    }
    const second = await templateXlsx(form, options);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(templateCsv(form)).toBe(
      '\uFEFFsubject,submitted_at,households_visited,reporter_phone\r\n',
    );
    // One language: one label.
    const one = await book(await templateXlsx(form, { languages: ['en'] }));
    expect(one.worksheets[0]?.getCell('C2').value).toBe('households_visited / households visited');
    expect(one.worksheets[1]?.name).toBe('instructions');
  });

  test('a template filled in reads as the CSV would: same findings', async () => {
    const csv = await loadFixture('mini');
    const xlsx = await loadFixture('mini');
    await xlsx.run('templates');
    const b = await book(await readFile(xlsx.file('templates/grid-daily.xlsx')));
    const sheet = b.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    sheet.getRow(3).values = ['210202001001001', new Date(Date.UTC(2020, 1, 3, 10)), 480];
    sheet.getRow(4).values = ['210202001001002', '2020-02-03T10:00', 'many'];
    const day = 'data/reports/2020-02-03';
    await rm(xlsx.file(`${day}/grid-daily.210202.csv`));
    await writeFile(
      xlsx.file(`${day}/grid-daily.210202.xlsx`),
      Buffer.from(await b.xlsx.writeBuffer()),
    );
    const v = await xlsx.run('validate');
    expect(v.err).toBe(
      `${day}/grid-daily.210202.xlsx:'grid-daily'!C4: set aside SHOUTU-D002: expected a whole number of at least 0 (household), found the text "many"; the row was set aside`,
    );
    expect(v.out).toBe((await csv.run('validate')).out);
    await xlsx.run('evaluate');
    await csv.run('evaluate');
    expect(await findingsOf(xlsx)).toEqual(await findingsOf(csv));
  });
});
