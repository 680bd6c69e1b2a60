/**
 * SAMPLE TEST: how the site reads a day of results format 4 (lib/results.ts), on a copy of the
 * latest day of the repository's committed sample (data/results): the day's files are checked
 * whole against the hashes in its index before a page is built from them, and a district's rows
 * are read from their CSV files only when first asked for, then kept.
 */
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  districtFileName,
  gzipCsv,
  readCityDay,
  readSnapshot,
  snapshotDays,
} from '@shoutu/core/snapshot';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkDayFiles, loadDistrict, ResultsError } from '../../src/lib/results';

const SAMPLE = path.resolve(import.meta.dirname, '../../../../data/results');
const DAY = snapshotDays(SAMPLE).at(-1) as string;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'shoutu-site-results-'));
  cpSync(path.join(SAMPLE, DAY), path.join(dir, DAY), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const city = () => readCityDay(dir, DAY);
const first = () => city().districts[0]?.code as string;
/** The message a build would print when the day is checked. */
const refusal = () => {
  try {
    checkDayFiles(dir, city());
  } catch (error) {
    expect(error).toBeInstanceOf(ResultsError);
    return (error as Error).message;
  }
  return 'accepted';
};

describe('a day of results format 4, as the site reads it', () => {
  test('an untouched day is accepted; its districts read as the snapshot reader reads them', () => {
    expect(refusal()).toBe('accepted');
    const whole = readSnapshot(dir, DAY);
    for (const ref of whole.city.districts) {
      const district = loadDistrict(dir, whole.city, ref.code);
      const expected = whole.districts.get(ref.code);
      expect(district.units).toEqual(expected?.units);
      expect(district.places).toEqual(expected?.places);
      expect(district.findings).toEqual(expected?.findings);
      expect(district.actions).toEqual(expected?.actions);
    }
  });

  test('a changed file is refused, named, with what is wrong', () => {
    const name = districtFileName(first(), 'units');
    writeFileSync(path.join(dir, DAY, name), gzipCsv('code\n'));
    expect(refusal()).toContain(`${path.join(dir, DAY, name)}: does not match its sha256`);
  });

  test('a missing file is refused', () => {
    const name = districtFileName(first(), 'places');
    unlinkSync(path.join(dir, DAY, name));
    expect(refusal()).toContain(`${path.join(dir, DAY, name)}: the file does not exist`);
  });

  test('a file the index does not list is refused', () => {
    writeFileSync(path.join(dir, DAY, 'extra.csv.gz'), gzipCsv('x\n'));
    expect(refusal()).toContain(`${path.join(dir, DAY, 'extra.csv.gz')}: is not listed`);
  });

  test("a district's rows are read when first asked for, then kept", () => {
    const code = first();
    const district = loadDistrict(dir, city(), code);
    const findings = district.findings;
    // Read and kept: removing the file no longer matters.
    unlinkSync(path.join(dir, DAY, districtFileName(code, 'findings')));
    expect(district.findings).toBe(findings);
    // Not read yet: the file is needed when the units are first asked for.
    unlinkSync(path.join(dir, DAY, districtFileName(code, 'units')));
    expect(() => district.units).toThrow(ResultsError);
    expect(() => district.units).toThrow(districtFileName(code, 'units'));
  });
});
