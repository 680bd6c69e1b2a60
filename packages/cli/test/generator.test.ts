import { DEFAULT_SAMPLE, generateSample } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { project, run } from './helpers.js';

/**
 * The sample generator (`shoutu sample`): code that writes Dalian's sample, checked on what it
 * writes, never on the repository's data/ (that check is generator.sample.test.ts).
 */
describe('the sample generator', () => {
  test('the same seed gives identical bytes; another seed gives other data', () => {
    const opts = { ...DEFAULT_SAMPLE, days: 2 };
    const a = generateSample(opts);
    const b = generateSample(opts);
    expect([...a.entries()]).toEqual([...b.entries()]);
    const c = generateSample({ ...opts, seed: opts.seed + 1 });
    expect(c.get('reports/2020-01-25/grid-daily.210202.csv')).not.toEqual(
      a.get('reports/2020-01-25/grid-daily.210202.csv'),
    );
  });

  test("it has Dalian's ten districts with their real codes and street counts, and validates", async () => {
    const files = generateSample({ ...DEFAULT_SAMPLE, days: 1 });
    const registry = JSON.parse(files.get('registry/registry.json')!) as {
      units: { code: string; level: string }[];
    };
    expect(registry.units.filter((u) => u.level === 'district').map((u) => u.code)).toEqual([
      '210202',
      '210203',
      '210204',
      '210211',
      '210212',
      '210213',
      '210214',
      '210224',
      '210281',
      '210283',
    ]);
    const streetsOn = (code: string, day: string) => {
      const units = JSON.parse(files.get(`registry/units/${code}.json`)!).units as {
        level: string;
        validFrom: string;
        validTo?: string;
      }[];
      return units.filter(
        (u) => u.level === 'street' && u.validFrom <= day && (!u.validTo || u.validTo >= day),
      ).length;
    };
    expect(streetsOn('210202', '2020-02-02')).toBe(9);
    expect(streetsOn('210281', '2020-02-02')).toBe(32);
    // Two of Ganjingzi's sixteen streets merge on 2020-03-01.
    expect(streetsOn('210211', '2020-02-29')).toBe(16);
    expect(streetsOn('210211', '2020-03-01')).toBe(15);
  });

  test('shoutu sample writes a project that validates', async () => {
    const root = await project('mini');
    const refused = await run(['--root', root, 'sample', '--days', '3', '--seed', '7']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /has 2 file\(s\) the sample does not contain, e\.g\. reports\/2020-02-02\/grid-daily\.210202\.csv, .*Use --out DIR to write the sample elsewhere, or --force to replace them\.$/,
    );
    const r = await run(['--root', root, 'sample', '--days', '3', '--seed', '7', '--force']);
    expect(r.code).toBe(0);
    const v = await run(['--root', root, 'validate']);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(
      /^registry: \d+ units, \d+ places; 11 forms; 1 rule\nreports: \d+ files, /,
    );
  });
});
