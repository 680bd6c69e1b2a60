import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type CityResults, type DistrictDay, RESULTS_SCHEMA } from '@shoutu/core';
import {
  fileHash,
  gzipCsv,
  readCityDay,
  readDayScores,
  readDistrictDay,
  readFindings,
  readPlaces,
  readSnapshot,
  readUnitScores,
  readUnits,
  SnapshotError,
  serializeDay,
  snapshotDays,
} from '@shoutu/core/snapshot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// A territory unlike the sample's: a country of states, no places, one area.
const t = (en: string) => ({ zh: en, en });
const counts = { pass: 1, fail: 0, missing: 0, waived: 0, notApplicable: 0, error: 0 };
const summary = {
  score: 100,
  areas: { health: 100 },
  band: 'green' as const,
  capped: false,
  criticalFailures: 0,
  criticalChecks: 1,
  overdue: 0,
  counts,
};
const trend = { change: null, week: null, month: null };
const stamp = (day: string) => ({
  schema: RESULTS_SCHEMA as typeof RESULTS_SCHEMA,
  day,
  revision: 1,
  rulesHash: 'r1',
  registryVersion: 'v1',
  scoringVersion: 'weighted/1',
  scoringHash: 's1',
  waiversHash: '',
});

function city(day: string, districts: string[]): CityResults {
  return {
    ...stamp(day),
    city: { code: '840', level: 'country', name: t('Country') },
    summary,
    trend,
    ownLost: 0,
    districts: districts.map((code, i) => ({
      code,
      level: 'state',
      name: t(`State ${code}`),
      position: { row: 1, column: i + 1 },
      summary,
      trend,
      lost: 0,
    })),
    rules: [],
    departments: [],
    streaks: [],
    scoring: {
      name: 'weighted',
      version: 1,
      description: t('Weighted'),
      severityWeights: { critical: 5, major: 3, minor: 1 },
      areas: [{ id: 'health', name: t('Health'), weight: 1 }],
      missingReport: { mode: 'fail' },
      error: { mode: 'ignore' },
      bands: { green: 90, yellow: 75 },
      criticalCap: { yellow: 0 },
      trend: { flatWithin: 1 },
    },
    facts: [],
    operators: [],
    territory: {
      languages: ['en'],
      levels: [
        { id: 'country', name: t('Country'), codeLength: 3, lead: t('President') },
        { id: 'state', name: t('State'), codeLength: 5, lead: t('Governor') },
      ],
      placeTypes: [],
      departments: [],
      measurementUnits: [{ id: 'item', name: t('items'), attached: false }],
      areas: [{ id: 'health', name: t('Health'), weight: 1 }],
    },
    forms: [
      {
        id: 'state-daily',
        title: t('State daily'),
        subjects: { kind: 'territory', level: 'state' },
        fields: [
          {
            id: 'tests',
            type: 'integer',
            label: t('Tests'),
            unit: 'item',
            min: 0,
            required: true,
            personal: false,
          },
        ],
      },
    ],
    findings: [],
    input: { reportFiles: 0, rows: 0, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 },
    files: {},
  };
}

function district(day: string, code: string): DistrictDay {
  return {
    ...stamp(day),
    district: { code, level: 'state', name: t(`State ${code}`) },
    summary,
    trend,
    ownLost: 0,
    rules: [],
    departments: [],
    waivers: [],
    actions: [
      { rule: 'tests-done', status: 'fail', count: 1, overdue: 1, maxOverdueDays: 2, lost: 12.5 },
    ],
    units: [
      {
        code: `${code}01`,
        level: 'county',
        name: { en: '=SUM(A1), "quoted"' },
        parent: code,
        summary: { ...summary, score: null, areas: { health: null }, band: null },
        trend: { change: -2.5, week: null, month: 0 },
        lost: 0,
        ownLost: 12.5,
      },
    ],
    places: [
      {
        id: `${code}P`,
        grid: `${code}01`,
        type: 'clinic',
        department: '',
        name: { en: 'Clinic, line\ntwo' },
        summary,
        lost: 0,
      },
    ],
    findings: [
      {
        rule: 'tests-done',
        subject: `${code}01`,
        status: 'fail',
        streak: 3,
        due: '2020-12-30',
        overdueDays: 2,
        conditions: [{ fact: 'tests', operator: 'greaterThan', required: 0, actual: null }],
        sources: ['data/reports/x.csv:2'],
      },
      {
        rule: 'tests-reported',
        subject: `${code}P`,
        status: 'error',
        message: 'the form has no such field',
      },
    ],
  };
}

let dir: string;
/** Writes a file of a day: a value as JSON, a text as it is (gzipped for a `.gz` name). */
const write = (day: string, name: string, value: unknown) => {
  mkdirSync(join(dir, day), { recursive: true });
  const text =
    typeof value === 'string' || value instanceof Uint8Array ? value : `${JSON.stringify(value)}\n`;
  writeFileSync(
    join(dir, day, name),
    name.endsWith('.gz') && typeof text === 'string' ? gzipCsv(text) : text,
  );
};
/** A file's text (a gzipped one unpacked). */
const text = (body: string | Uint8Array | undefined): string =>
  typeof body === 'string' ? body : gunzipSync(body as Uint8Array).toString('utf8');
const files = (day: string, codes = ['84001', '84002']) =>
  serializeDay({ city: city(day, codes), districts: codes.map((c) => district(day, c)) });
const writeDay = (day: string, codes = ['84001', '84002']) => {
  for (const [name, text] of Object.entries(files(day, codes))) write(day, name, text);
};
const read = (day: string, name: string) =>
  name.endsWith('.gz')
    ? text(readFileSync(join(dir, day, name)))
    : readFileSync(join(dir, day, name), 'utf8');
/** Rewrites a file of a written day and its hash in the index, as a writer that agrees would. */
const rewrite = (day: string, name: string, content: string) => {
  write(day, name, content);
  const index = JSON.parse(read(day, 'index.json'));
  index.files[name] = fileHash(readFileSync(join(dir, day, name)));
  write(day, 'index.json', index);
};

/** The error a call throws, checked to be a SnapshotError. */
const failure = (f: () => unknown): SnapshotError => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return error as SnapshotError;
  }
  throw new Error('expected a SnapshotError');
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shoutu-snapshot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshotDays', () => {
  it('lists day folders with an index, oldest first, and nothing else', () => {
    writeDay('2021-01-02');
    writeDay('2021-01-01');
    mkdirSync(join(dir, '2021-01-03'));
    mkdirSync(join(dir, 'superseded', '2021-01-01'), { recursive: true });
    write('2021-01-04.old-12', 'index.json', city('2021-01-04', []));
    expect(snapshotDays(dir)).toEqual(['2021-01-01', '2021-01-02']);
  });

  it('gives no days for a folder that does not exist', () => {
    expect(snapshotDays(join(dir, 'none'))).toEqual([]);
  });
});

describe('serializeDay', () => {
  it('writes the index, and per district a JSON file and three CSV files, hashed in the index', () => {
    const f = files('2021-01-01');
    expect(Object.keys(f)).toEqual([
      'index.json',
      '84001.json',
      '84001.units.csv.gz',
      '84001.places.csv.gz',
      '84001.findings.csv.gz',
      '84002.json',
      '84002.units.csv.gz',
      '84002.places.csv.gz',
      '84002.findings.csv.gz',
    ]);
    const index = JSON.parse(f['index.json'] as string);
    expect(Object.keys(index.files)).toEqual(Object.keys(f).slice(1).sort());
    for (const [name, hash] of Object.entries(index.files))
      expect(hash).toBe(fileHash(f[name] as Uint8Array));
    const dj = JSON.parse(f['84001.json'] as string);
    expect(dj).not.toHaveProperty('units');
    expect(dj).not.toHaveProperty('findings');
    expect(dj.actions).toEqual([
      { rule: 'tests-done', status: 'fail', count: 1, overdue: 1, maxOverdueDays: 2, lost: 12.5 },
    ]);
  });

  it('writes CSV with a fixed header, no byte order mark, \\n line ends, null empty and "" quoted', () => {
    const f = files('2021-01-01');
    expect(text(f['84001.units.csv.gz'])).toBe(
      'code,level,parent,name:en,score,band,capped,criticalFailures,criticalChecks,overdue,pass,fail,missing,waived,notApplicable,error,area:health,change,week,month,lost,ownLost\n' +
        '8400101,county,84001,"=SUM(A1), ""quoted""",,,false,0,1,0,1,0,0,0,0,0,,-2.5,,0,0,12.5\n',
    );
    expect(text(f['84001.findings.csv.gz'])).toBe(
      'rule,subject,status,outcome,streak,due,overdue_days,message,conditions,sources,blank\n' +
        'tests-done,8400101,fail,,3,2020-12-30,2,,"[{""fact"":""tests"",""operator"":""greaterThan"",""required"":0,""actual"":null}]","[""data/reports/x.csv:2""]",\n' +
        'tests-reported,84001P,error,,,,,the form has no such field,,,\n',
    );
    expect(text(f['84001.places.csv.gz']).split('\n')[0]).toBe(
      'id,grid,type,department,name:en,score,band,capped,criticalFailures,criticalChecks,overdue,pass,fail,missing,waived,notApplicable,error,area:health,lost',
    );
  });

  it('gives the same bytes for the same results', () => {
    expect(files('2021-01-01')).toEqual(files('2021-01-01'));
    // gzip with no name, no time, and the same operating-system byte everywhere.
    const gz = files('2021-01-01')['84001.units.csv.gz'] as Uint8Array;
    expect([...gz.subarray(3, 10)]).toEqual([0, 0, 0, 0, 0, 0, 3]);
    // Pinned: these bytes do not depend on the zlib that a Node version bundles.
    expect(fileHash(gzipCsv('code,score\n210202,87.5\n大连,\n'.repeat(50)))).toBe(
      '42096667636d0c820991630722f2fe434f4e94ede149c0e566d13231a285823d',
    );
  });
});

describe('readSnapshot', () => {
  it('reads back every file of a day of another territory as it was written', () => {
    writeDay('2021-01-01');
    const s = readSnapshot(dir, '2021-01-01');
    expect(s.city.territory.levels.map((l) => l.id)).toEqual(['country', 'state']);
    expect(s.city.districts[1]?.position).toEqual({ row: 1, column: 2 });
    expect([...s.districts.keys()]).toEqual(['84001', '84002']);
    expect(s.districts.get('84002')).toEqual(district('2021-01-01', '84002'));
  });

  it('names a district file the index lists but that is not there', () => {
    writeDay('2021-01-01');
    rmSync(join(dir, '2021-01-01', '84002.places.csv.gz'));
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84002.places.csv.gz'));
    expect(e.message).toContain('does not exist');
  });

  it('names a file the index does not list', () => {
    writeDay('2021-01-01');
    write('2021-01-01', '84009.units.csv.gz', read('2021-01-01', '84001.units.csv.gz'));
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84009.units.csv.gz'));
    expect(e.problem).toContain('is not listed among the files');
  });

  it('refuses a file whose bytes are not those the index hashed', () => {
    writeDay('2021-01-01');
    const text = read('2021-01-01', '84002.findings.csv.gz').replace(',3,', ',4,');
    write('2021-01-01', '84002.findings.csv.gz', text);
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84002.findings.csv.gz'));
    expect(e.problem).toContain('does not match its sha256');
  });

  it('refuses a district file made by other rules than the index', () => {
    writeDay('2021-01-01');
    const other = JSON.parse(read('2021-01-01', '84001.json'));
    rewrite('2021-01-01', '84001.json', `${JSON.stringify({ ...other, rulesHash: 'r2' })}\n`);
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84001.json'));
    expect(e.problem).toContain("rulesHash is r2, the index's is r1");
  });

  it('names a CSV file that is not gzipped', () => {
    writeDay('2021-01-01');
    write('2021-01-01', '84001.findings.csv.gz', Buffer.from('rule,subject\n'));
    const e = failure(() => readFindings(dir, '2021-01-01', '84001'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84001.findings.csv.gz'));
    expect(e.problem).toMatch(/^is not a gzipped file/);
  });

  it('names the line of a CSV row that is not valid CSV', () => {
    writeDay('2021-01-01');
    const text = read('2021-01-01', '84001.units.csv.gz').replace(',county,', ',county,extra,');
    rewrite('2021-01-01', '84001.units.csv.gz', text);
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84001.units.csv.gz'));
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/^line 2: is not valid CSV/);
  });
});

describe('readUnitScores', () => {
  it('gives each unit its score and band, as readUnits reads them', () => {
    writeDay('2021-01-01');
    const units = readUnits(dir, '2021-01-01', '84001');
    expect(units.length).toBeGreaterThan(0);
    expect([...readUnitScores(dir, '2021-01-01', '84001')]).toEqual(
      units.map((u) => [u.code, { score: u.summary.score, band: u.summary.band }]),
    );
  });

  it('names the line and column of a band that is not one', () => {
    writeDay('2021-01-01');
    const text = read('2021-01-01', '84001.units.csv.gz');
    // The unit's row: its name, an empty score, an empty band, then `capped`.
    const row = '""quoted""",,,false,';
    expect(text).toContain(row);
    rewrite('2021-01-01', '84001.units.csv.gz', text.replace(row, '""quoted""",,purple,false,'));
    const e = failure(() => readUnitScores(dir, '2021-01-01', '84001'));
    expect(e.line).toBe(2);
    expect(e.column).toBe('band');
    expect(e.problem).toMatch(/expected one of green, yellow, red or nothing, found "purple"/);
  });
});

describe('readUnits, readPlaces and readFindings', () => {
  it('read one district file each', () => {
    writeDay('2021-01-01');
    rmSync(join(dir, '2021-01-01', '84001.json'));
    const d = district('2021-01-01', '84001');
    expect(readUnits(dir, '2021-01-01', '84001')).toEqual(d.units);
    expect(readPlaces(dir, '2021-01-01', '84001')).toEqual(d.places);
    expect(readFindings(dir, '2021-01-01', '84001')).toEqual(d.findings);
  });

  it('name the file, line and column of a cell that is not what the column holds', () => {
    writeDay('2021-01-01');
    const units = read('2021-01-01', '84001.units.csv.gz').replace(',-2.5,', ',down,');
    write('2021-01-01', '84001.units.csv.gz', units);
    const e = failure(() => readUnits(dir, '2021-01-01', '84001'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84001.units.csv.gz'));
    expect([e.line, e.column]).toEqual([2, 'change']);
    expect(e.problem).toBe('line 2, column change: expected a number, found "down"');
    const findings = read('2021-01-01', '84001.findings.csv.gz').replace(',error,', ',broken,');
    write('2021-01-01', '84001.findings.csv.gz', findings);
    const f = failure(() => readFindings(dir, '2021-01-01', '84001'));
    expect([f.line, f.column]).toEqual([3, 'status']);
    // A row after one spanning two lines is named by the line it starts on.
    const places = read('2021-01-01', '84001.places.csv.gz');
    write('2021-01-01', '84001.places.csv.gz', `${places}x,y\n`);
    const p = failure(() => readPlaces(dir, '2021-01-01', '84001'));
    expect(p.problem).toBe(
      'line 4: is not valid CSV: expected 19 fields as in the header, found 2',
    );
  });

  it('name a header that is not the documented one', () => {
    writeDay('2021-01-01');
    const units = read('2021-01-01', '84001.units.csv.gz').replace('level,parent', 'parent,level');
    write('2021-01-01', '84001.units.csv.gz', units);
    const e = failure(() => readUnits(dir, '2021-01-01', '84001'));
    expect(e.problem).toMatch(
      /^line 1: expected the header code,level,parent,.*column 2 is "parent"/,
    );
  });

  it('say that a day of an older format has to be evaluated again', () => {
    write('2021-01-01', 'index.json', { ...city('2021-01-01', ['84001']), schema: 3 });
    const { units: _, places: __, findings: ___, ...old } = district('2021-01-01', '84001');
    write('2021-01-01', '84001.json', { ...old, schema: 3 });
    const e = failure(() => readUnits(dir, '2021-01-01', '84001'));
    expect(e.problem).toMatch(
      /results format 3, expected format 6: .*`shoutu evaluate --recompute --date 2021-01-01`/,
    );
    expect(failure(() => readDistrictDay(dir, '2021-01-01', '84001')).problem).toMatch(
      /results format 3, expected format 6/,
    );
  });

  it('refuse a day of format 4 in one line naming the file and the command for that day', () => {
    // A format-4 day as issue 11 wrote it, stamped 4.
    writeDay('2021-01-02');
    const index = JSON.parse(read('2021-01-02', 'index.json'));
    write('2021-01-02', 'index.json', { ...index, schema: 4 });
    const d4 = JSON.parse(read('2021-01-02', '84001.json'));
    write('2021-01-02', '84001.json', { ...d4, schema: 4 });
    const reads = [
      () => readCityDay(dir, '2021-01-02'),
      () => readDistrictDay(dir, '2021-01-02', '84001'),
      () => readSnapshot(dir, '2021-01-02'),
    ];
    for (const f of reads) {
      const e = failure(f);
      expect(e.message.split('\n')).toHaveLength(1);
      expect(e.file).toMatch(/2021-01-02[\\/](index|84001)\.json$/);
      expect(e.problem).toBe(
        'is in results format 4, expected format 6: evaluate the day again with `shoutu evaluate --recompute --date 2021-01-02` to write it in this format',
      );
    }
  });
});

describe('readDayScores', () => {
  it('reads every unit score and running streak of a day, and nothing else', () => {
    writeDay('2021-01-01');
    rmSync(join(dir, '2021-01-01', '84001.places.csv.gz'));
    rmSync(join(dir, '2021-01-01', '84001.json'));
    const { scores, streaks } = readDayScores(dir, '2021-01-01');
    expect([...scores]).toEqual([
      ['840', 100],
      ['84001', 100],
      ['8400101', null],
      ['84002', 100],
      ['8400201', null],
    ]);
    expect(streaks).toEqual([
      { rule: 'tests-done', subject: '8400101', streak: 3 },
      { rule: 'tests-done', subject: '8400201', streak: 3 },
    ]);
  });

  it('refuses a file whose bytes are not those the index hashed', () => {
    writeDay('2021-01-01');
    write('2021-01-01', '84002.units.csv.gz', `${read('2021-01-01', '84002.units.csv.gz')}\n`);
    const e = failure(() => readDayScores(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84002.units.csv.gz'));
    expect(e.problem).toContain('does not match its sha256');
  });

  it('names the line and column of a score or streak that is not one', () => {
    writeDay('2021-01-01');
    const units = read('2021-01-01', '84001.units.csv.gz');
    rewrite('2021-01-01', '84001.units.csv.gz', units.replace('",,,false,', '",101,,false,'));
    const e = failure(() => readDayScores(dir, '2021-01-01'));
    expect([e.line, e.column]).toEqual([2, 'score']);
    expect(e.problem).toBe('line 2, column score: expected a score from 0 to 100, found 101');
    writeDay('2021-01-01');
    const findings = read('2021-01-01', '84002.findings.csv.gz');
    rewrite('2021-01-01', '84002.findings.csv.gz', findings.replace(',3,', ',2.5,'));
    const f = failure(() => readDayScores(dir, '2021-01-01'));
    expect(f.problem).toBe(
      'line 2, column streak: expected a whole number of days from 1, found 2.5',
    );
  });
});

describe('readCityDay and readDistrictDay', () => {
  it('say which field breaks the contract', () => {
    const bad = city('2021-01-01', []);
    write('2021-01-01', 'index.json', { ...bad, summary: { ...summary, score: 140 } });
    const e = failure(() => readCityDay(dir, '2021-01-01'));
    expect(e.message).toMatch(/index\.json: does not match the results contract/);
    expect(e.message).toContain('summary.score');
  });

  it('say a snapshot is of an older format and how to rewrite it', () => {
    write('2021-01-01', 'index.json', { ...city('2021-01-01', []), schema: 2 });
    expect(failure(() => readCityDay(dir, '2021-01-01')).problem).toMatch(
      /results format 2, expected format 6: .*--recompute --date 2021-01-01/,
    );
  });

  it('say a file is not JSON', () => {
    write('2021-01-01', 'index.json', '{ not json');
    expect(failure(() => readCityDay(dir, '2021-01-01')).problem).toMatch(/not valid JSON/);
  });

  it('refuse a file of another day or another district', () => {
    write('2021-01-01', 'index.json', files('2021-01-02', [])['index.json']);
    expect(failure(() => readCityDay(dir, '2021-01-01')).problem).toBe(
      'is for 2021-01-02, not 2021-01-01',
    );
    write('2021-01-01', '84001.json', files('2021-01-01', ['84002'])['84002.json']);
    expect(failure(() => readDistrictDay(dir, '2021-01-01', '84001')).problem).toBe(
      'holds the results of 84002, not 84001',
    );
  });
});
