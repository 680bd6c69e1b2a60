/** The work lists: rows with their chain of units, words in the page's language, CSV and .xlsx. */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test, vi } from 'vitest';
import {
  cityWorkList,
  deadlineWords,
  districtWorkList,
  workListCsv,
  workListXlsx,
} from '../../src/lib/worklist';
import { district, finding, results, rule, text } from './fixture';

// A project that speaks zh and en: the site's languages come from the latest results' index.
const RESULTS = mkdtempSync(path.join(tmpdir(), 'shoutu-worklist-results-'));
mkdirSync(path.join(RESULTS, '2020-02-02'));
writeFileSync(
  path.join(RESULTS, '2020-02-02', 'index.json'),
  JSON.stringify({ territory: { languages: ['zh', 'en'] } }),
);
vi.stubEnv('SHOUTU_RESULTS_DIR', RESULTS);

const LEVELS = ['city', 'district', 'street', 'community', 'grid'].map((id) => ({
  id,
  name: text(`${id}-level`),
  codeLength: 1,
  lead: text('lead'),
}));

/** A district whose codes are long digit strings, as a real registry's are. */
function project() {
  const rules = [
    {
      ...rule('place.check', 'major', 'department'),
      remediation: text('fix the place'),
      deadline: { days: 3, basis: 'assumed' as const },
    },
    {
      ...rule('grid.report', 'critical', 'territorial'),
      remediation: text('send the report'),
      deadline: { days: 0, basis: 'seed' as const, source: { zh: '当日', en: 'the same day' } },
    },
    { ...rule('street.audit', 'minor', 'territorial'), remediation: text('audit') },
  ];
  const d = district('210281', {
    rules,
    findings: [
      { ...finding('place.check', 'P1', 'fail'), streak: 5, due: '2020-03-23', overdueDays: 1 },
      { ...finding('grid.report', 'G2', 'missing'), streak: 1, due: '2020-03-24', overdueDays: 0 },
      { ...finding('street.audit', 'S2', 'fail'), streak: 2 },
      // Not work: waived, passed, errors.
      { ...finding('place.check', 'G1', 'waived'), outcome: 'fail', streak: 1 },
      finding('grid.report', 'G1', 'error'),
    ],
  });
  // Codes of digits, 12 long below the district.
  const long = (c: string) =>
    c === '210281' ? c : `210281${c.charCodeAt(0)}${c.slice(1).padStart(4, '0')}`;
  for (const u of d.units) {
    u.code = long(u.code);
    u.parent = long(u.parent);
  }
  for (const p of d.places) p.grid = long(p.grid);
  for (const f of d.findings) if (f.subject !== 'P1') f.subject = long(f.subject);
  const r = results([d], rules);
  (r.city as unknown as Record<string, unknown>).territory = { levels: LEVELS };
  (r.city.districts[0] as { level: string }).level = 'district';
  (r.city as unknown as Record<string, unknown>).findings = [];
  return { r, d };
}

describe('work list', () => {
  test('one row per failure and missing report, with its chain, most overdue first', () => {
    const { r, d } = project();
    const list = districtWorkList(r, d, 'en');
    expect(list.columns.map((c) => c.header)).toEqual(
      [
        'District-level code',
        'District-level',
        'Street-level code',
        'Street-level',
        'Community-level code',
        'Community-level',
        'Grid-level code',
        'Grid-level',
        'Place code',
        'Place',
        'Supervising department',
        'Rule id',
        'Rule',
        'Severity',
        'Problem',
        'What was found',
        'Must act',
        'Remediation',
        'Deadline',
        'Due',
        'Days overdue',
        'Streak',
      ].map((h) => (h === 'Streak' ? 'Days in a row' : h)),
    );
    expect(list.rows).toHaveLength(3);
    const [place, grid, street] = list.rows as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    // The place: its grid, community and street above it, its department responsible.
    expect(place).toMatchObject({
      'code:district': '210281',
      'code:street': '210281830001',
      'name:street': 'S1',
      'code:community': '210281670001',
      'code:grid': '210281710001',
      'name:grid': 'G1',
      placeCode: 'P1',
      place: 'P1',
      department: 'Health',
      rule: 'place.check',
      severity: 'major',
      status: 'failed',
      responsible: 'Health',
      remediation: 'fix the place',
      deadline: 'within 3 days (assumed)',
      due: '2020-03-23',
      overdueDays: 1,
      streak: 5,
    });
    // The grid itself is the last link of its chain; the nearest territorial unit must act.
    expect(grid).toMatchObject({
      'code:grid': '210281710002',
      'name:grid': 'G2',
      'code:street': '210281830001',
      status: 'report missing',
      responsible: 'G2',
      deadline: 'the same day (“the same day”)',
      overdueDays: 0,
    });
    expect(grid.placeCode).toBeUndefined();
    expect(street).toMatchObject({
      'code:street': '210281830002',
      deadline: 'no deadline set',
      due: null,
      overdueDays: null,
    });
    expect(street['code:grid']).toBeUndefined();
  });

  test('in Chinese, headers and words too', () => {
    const { r, d } = project();
    const list = districtWorkList(r, d, 'zh');
    expect(list.columns[0]?.header).toBe('District-level（中）代码');
    expect(list.columns.at(-3)?.header).toBe('办结日期');
    expect(list.rows[0]).toMatchObject({
      department: 'Health（中）',
      status: '不合格',
      severity: '较重',
      deadline: '3日内（推定）',
    });
    expect(deadlineWords({ deadline: { hours: 2, basis: 'assumed' } }, 'zh')).toBe(
      '2小时内（推定）',
    );
    expect(deadlineWords({ deadline: { hours: 48, basis: 'assumed' } }, 'en')).toBe(
      'within 2 days (assumed)',
    );
  });

  test('the city list holds every district, with the top level first', () => {
    const { r } = project();
    const list = cityWorkList(r, 'en');
    expect(list.columns[0]?.key).toBe('code:city');
    expect(list.rows).toHaveLength(3);
  });

  test('CSV: a BOM, CRLF lines, codes kept as text, formulas in data defused', () => {
    const { r, d } = project();
    d.places[0]!.name = text('=cmd|calc');
    const csv = workListCsv(districtWorkList(r, d, 'en'));
    expect(csv.startsWith('\uFEFFDistrict-level code,District-level,')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^"=""210281""",210281,"=""210281830001""",S1,/);
    // The place id is not all digits: as it is.
    expect(lines[1]).toContain(",P1,'=cmd|calc,Health,");
  });

  test('.xlsx: opened back, codes are text, header frozen with a filter; same list, same bytes', async () => {
    const { r, d } = project();
    const list = districtWorkList(r, d, 'zh');
    const bytes = await workListXlsx(list, 'title');
    await new Promise((done) => setTimeout(done, 1100));
    expect(Buffer.from(await workListXlsx(list, 'title')).equals(Buffer.from(bytes))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('2020-03-24');
    expect(sheet.getCell('A1').value).toBe('District-level（中）代码');
    expect(sheet.getCell('C2').value).toBe('210281830001');
    expect(typeof sheet.getCell('C2').value).toBe('string');
    expect(sheet.getCell('C2').numFmt).toBe('@');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(1).width).toBeGreaterThan(8);
    expect(sheet.rowCount).toBe(4);
    // Numbers stay numbers.
    expect(sheet.getRow(2).getCell(list.columns.length - 1).value).toBe(1);
  });
});
