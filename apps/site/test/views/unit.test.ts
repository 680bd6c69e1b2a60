/** The page of a unit below the district: its children, places, findings and waivers. */
import { describe, expect, test } from 'vitest';
import { publicationOf } from '../../src/lib/views/common';
import { pagedUnits, unitView } from '../../src/lib/views/unit';
import { district, finding, results, rule, waiver } from './fixture';

describe('unitView', () => {
  const rules = [rule('r', 'major')];
  const d = district('D', {
    rules,
    findings: [
      finding('r', 'P1', 'fail'),
      finding('r', 'G2', 'missing'),
      finding('r', 'C2', 'fail'),
      finding('r', 'S2', 'fail'),
    ],
    waivers: [waiver('G1', 'r'), waiver('S2', 'r')],
  });
  const r = results([d], rules);

  test('a unit with units two levels below gets a page; the others are rows on the page above', () => {
    // C1's children are leaves: C1, G1 and G2 are rows on S1's page; S2 and C2 too, on theirs.
    expect(pagedUnits(d).map((u) => u.code)).toEqual(['S1']);
    const { host } = publicationOf(d.units);
    expect(Object.fromEntries(host)).toEqual({ S2: 'D', C1: 'S1', C2: 'S1', G1: 'S1', G2: 'S1' });
  });

  test('on a unit’s page, a child without a page is followed by its children; every place inside', () => {
    const s1 = unitView(r, d, 'S1');
    expect(s1.children.map((c) => `${c.code}:${c.paged}:${c.children.map((g) => g.code)}`)).toEqual(
      ['C2:false:', 'C1:false:G1,G2'],
    );
    expect(s1.places.map((p) => p.id)).toEqual(['P1']);
  });

  test('a unit’s children ranked, the way up from the district', () => {
    const view = unitView(r, d, 'C1');
    expect(view.children.map((c) => `${c.rank}${c.code}`)).toEqual(['1G1', '1G2']);
    expect(view.up.map((u) => u.code)).toEqual(['D', 'S1']);
    expect(view.district.code).toBe('D');
  });

  test('the findings on it and everything inside it, and only those', () => {
    const view = unitView(r, d, 'C1');
    expect(view.failures[0]?.findings.map((f) => f.subject.code)).toEqual(['P1']);
    expect(view.missing[0]?.findings.map((f) => f.subject.code)).toEqual(['G2']);
    const street = unitView(r, d, 'S1');
    expect(street.failures[0]?.findings.map((f) => f.subject.code)).toEqual(['C2', 'P1']);
  });

  test('the lowest level’s page lists its own places, and has no children', () => {
    const grid = unitView(r, d, 'G1');
    expect(grid.children).toEqual([]);
    expect(grid.places.map((p) => p.id)).toEqual(['P1']);
    expect(grid.up.map((u) => u.code)).toEqual(['D', 'S1', 'C1']);
  });

  test('the places inside it with a finding, with their grid and department', () => {
    const view = unitView(r, d, 'C1');
    expect(view.places).toMatchObject([
      { id: 'P1', grid: { code: 'G1' }, department: { id: 'health', name: { en: 'Health' } } },
    ]);
  });

  test('the waivers in force inside it', () => {
    expect(unitView(r, d, 'S1').waivers.map((w) => w.subject.code)).toEqual(['G1']);
    expect(unitView(r, d, 'S2').waivers.map((w) => w.subject.code)).toEqual(['S2']);
  });

  test('whatever the levels are called: pages for the units with units two levels below', () => {
    const other = district('ST', {
      level: 'state',
      levels: ['county', 'township', 'village'],
      rules,
      findings: [finding('r', 'P1', 'fail')],
    });
    const o = results([other], rules);
    expect(pagedUnits(other).map((u) => u.code)).toEqual(['S1']);
    const township = unitView(o, other, 'C1');
    expect(township.children.map((c) => `${c.code}:${c.level}`)).toEqual([
      'G1:village',
      'G2:village',
    ]);
    expect(township.places.map((p) => p.id)).toEqual(['P1']);
    // S1's page shows every place inside it: C1 and its villages are rows there.
    expect(unitView(o, other, 'S1').places.map((p) => p.id)).toEqual(['P1']);
  });

  test('a territory of two levels below the district: every unit is a row of the district’s page', () => {
    const two = district('D');
    two.units = two.units.filter((u) => u.level !== 'grid');
    two.places = [];
    expect(pagedUnits(two).map((u) => u.code)).toEqual([]);
    expect(unitView(results([two]), two, 'S1').children.map((c) => c.code)).toEqual(['C2', 'C1']);
  });

  test('an unknown unit is an error that names it', () => {
    expect(() => unitView(r, d, 'nope')).toThrow('no unit nope in district D');
  });
});
