import { buildRegistry, codeFitsParent, formatProblem, responsibleParties } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { base, input, LEVELS, t, unit } from './helpers.js';

function problemsOf(data: object): string[] {
  return buildRegistry([input(data)], 'v').problems.map(formatProblem);
}

describe('registry invariants', () => {
  test('a consistent registry builds, with ancestors, district and responsibility', () => {
    const { registry, problems } = buildRegistry([input(base())], 'v1');
    expect(problems).toEqual([]);
    expect(registry?.ancestors('210202001001001-01').map((u) => u.code)).toEqual([
      '210202001001001',
      '210202001001',
      '210202001',
      '210202',
      '210200',
    ]);
    expect(registry?.districtOf('210202001001001-01')?.code).toBe('210202');
    const parties = responsibleParties(registry!, '210202001001001-01');
    expect(parties.map((p) => p.kind)).toEqual([
      'subject',
      'department',
      'territorial',
      'territorial',
      'territorial',
      'territorial',
      'territorial',
    ]);
    expect(parties[1]).toMatchObject({ department: 'education' });
  });

  test('duplicate codes are reported at the second definition, naming the first', () => {
    const data = base();
    data.units.push(unit('210202001', 'street', '210202'));
    expect(problemsOf(data)).toEqual([
      expect.stringMatching(
        /^data\/registry\/registry\.json:\d+:\d+: error SHOUTU-G003: the unit code "210202001" is already defined at data\/registry\/registry\.json:\d+/,
      ),
    ]);
  });

  test('a parent that does not exist, with a did-you-mean', () => {
    const data = base();
    data.units[3] = unit('210202001001', 'community', '210202002');
    const [p] = problemsOf(data);
    expect(p).toContain('the parent unit "210202002" does not exist; did you mean "210202001"?');
    expect(p).toContain('(at units[3].parent)');
  });

  test('a parent did-you-mean only offers units of the level above', () => {
    const data = base();
    data.units.push(unit('210202002', 'street', '210209'));
    const [p] = problemsOf(data);
    expect(p).toContain('the parent unit "210209" does not exist; did you mean "210202"?');
  });

  test('levels must be in order: a grid cannot hang directly under a street', () => {
    const data = base();
    data.units[4] = unit('210202001001001', 'grid', '210202001');
    expect(problemsOf(data).join('\n')).toContain(
      'the parent "210202001" is a street: a grid must belong to a community',
    );
  });

  test('codes fit their level and their parent', () => {
    const data = base();
    data.units[2] = unit('21020200', 'street', '210202');
    data.units.push(unit('210203009', 'street', '210202'));
    const problems = problemsOf(data).join('\n');
    expect(problems).toContain('the code "21020200" has 8 digits: expected 9 for a street');
    expect(problems).toContain(
      'the code "210203009" does not begin with its parent\'s code "210202"',
    );
    expect(codeFitsParent('210202', '210200')).toBe(true);
    expect(codeFitsParent('210302', '210200')).toBe(false);
  });

  test('a cycle in the parent chain is found', () => {
    const data = base();
    data.units[1] = unit('210202', 'district', '210202001');
    const problems = problemsOf(data).join('\n');
    expect(problems).toContain('loops back');
  });

  test('validity: a unit must lie within its parent; validTo after validFrom', () => {
    const data = base();
    data.units[2] = unit('210202001', 'street', '210202', { validTo: '2020-02-29' });
    data.units[4] = unit('210202001001001', 'grid', '210202001001', {
      validFrom: '2020-03-01',
      validTo: '2020-01-01',
    });
    const problems = problemsOf(data).join('\n');
    expect(problems).toContain('outside its parent "210202001" (valid 2019-10-01 to 2020-02-29)');
    expect(problems).toContain('validTo 2020-01-01 is before validFrom 2020-03-01');
  });

  test('places must lie inside grids, with a known type', () => {
    const data = base();
    data.places.push({
      id: '210202001001-01',
      grid: '210202001001',
      type: 'scool',
      name: t('x'),
      validFrom: '2019-10-01',
    });
    const problems = problemsOf(data).join('\n');
    expect(problems).toContain('"210202001001" is a community: a key place must lie inside a grid');
    expect(problems).toContain('unknown place type "scool"; did you mean "school"?');
  });

  test('levels must be defined in exactly one file', () => {
    const { levels: _, ...rest } = base();
    const r = buildRegistry([input(rest)], 'v');
    expect(r.problems.map(formatProblem)[0]).toContain('no file of the registry defines "levels"');
    const twice = buildRegistry(
      [input(base()), input({ levels: LEVELS }, 'data/registry/other.json')],
      'v',
    );
    expect(twice.problems.map(formatProblem).join('\n')).toContain(
      '"levels" is already defined in data/registry/registry.json',
    );
  });

  test('a merger: a day is judged against the units in force that day', () => {
    const data = base();
    data.units[2] = unit('210202001', 'street', '210202', { validTo: '2020-02-29' });
    data.units[3] = unit('210202001001', 'community', '210202001', { validTo: '2020-02-29' });
    data.units[4] = unit('210202001001001', 'grid', '210202001001', { validTo: '2020-02-29' });
    data.places = [];
    data.units.push(
      unit('210202002', 'street', '210202', {
        validFrom: '2020-03-01',
        predecessors: ['210202001'],
      }),
    );
    const { registry, problems } = buildRegistry([input(data)], 'v');
    expect(problems).toEqual([]);
    expect(registry!.unitsInForce('2020-02-29', 'street').map((u) => u.code)).toEqual([
      '210202001',
    ]);
    expect(registry!.unitsInForce('2020-03-01', 'street').map((u) => u.code)).toEqual([
      '210202002',
    ]);
  });
});
