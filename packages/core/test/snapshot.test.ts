import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CityResults, type DistrictResults, RESULTS_SCHEMA } from '@shoutu/core';
import {
  readCityDay,
  readDistrictDay,
  readSnapshot,
  SnapshotError,
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
      criticalFailure: { capBand: 'yellow' },
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
    input: { reportFiles: 0, rows: 0, quarantinedFiles: 0, quarantinedRows: 0, lateRows: 0 },
  };
}

function district(day: string, code: string): DistrictResults {
  return {
    ...stamp(day),
    district: { code, level: 'state', name: t(`State ${code}`) },
    summary,
    trend,
    ownLost: 0,
    units: [],
    places: [],
    rules: [],
    departments: [],
    waivers: [],
    findings: [],
  };
}

let dir: string;
const write = (day: string, name: string, value: unknown) => {
  mkdirSync(join(dir, day), { recursive: true });
  writeFileSync(
    join(dir, day, name),
    typeof value === 'string' ? value : `${JSON.stringify(value)}\n`,
  );
};
const writeDay = (day: string, codes = ['84001', '84002']) => {
  write(day, 'index.json', city(day, codes));
  for (const c of codes) write(day, `${c}.json`, district(day, c));
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

describe('readSnapshot', () => {
  it('reads the index and every district of a day of another territory', () => {
    writeDay('2021-01-01');
    const s = readSnapshot(dir, '2021-01-01');
    expect(s.city.territory.levels.map((l) => l.id)).toEqual(['country', 'state']);
    expect(s.city.districts[1]?.position).toEqual({ row: 1, column: 2 });
    expect([...s.districts.keys()]).toEqual(['84001', '84002']);
    expect(s.districts.get('84002')?.district.code).toBe('84002');
  });

  it('names a district file the index lists but that is not there', () => {
    writeDay('2021-01-01');
    rmSync(join(dir, '2021-01-01', '84002.json'));
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84002.json'));
    expect(e.message).toContain('does not exist');
  });

  it('names a district file the index does not list', () => {
    writeDay('2021-01-01');
    write('2021-01-01', '84009.json', district('2021-01-01', '84009'));
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84009.json'));
    expect(e.problem).toContain('is not listed among the districts');
  });

  it('refuses a district file made by other rules than the index', () => {
    writeDay('2021-01-01');
    write('2021-01-01', '84001.json', { ...district('2021-01-01', '84001'), rulesHash: 'r2' });
    const e = failure(() => readSnapshot(dir, '2021-01-01'));
    expect(e.file).toBe(join(dir, '2021-01-01', '84001.json'));
    expect(e.problem).toContain("rulesHash is r2, the index's is r1");
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
      /results format 2, expected format 3: .*--recompute/,
    );
  });

  it('say a file is not JSON', () => {
    write('2021-01-01', 'index.json', '{ not json');
    expect(failure(() => readCityDay(dir, '2021-01-01')).problem).toMatch(/not valid JSON/);
  });

  it('refuse a file of another day or another district', () => {
    write('2021-01-01', 'index.json', city('2021-01-02', []));
    expect(failure(() => readCityDay(dir, '2021-01-01')).problem).toBe(
      'is for 2021-01-02, not 2021-01-01',
    );
    write('2021-01-01', '84001.json', district('2021-01-01', '84002'));
    expect(failure(() => readDistrictDay(dir, '2021-01-01', '84001')).problem).toBe(
      'holds the results of 84002, not 84001',
    );
  });
});
