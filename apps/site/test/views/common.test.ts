/** What the view models share: ranking, subjects, responsible parties, findings by rule. */
import { describe, expect, test } from 'vitest';
import {
  anchor,
  findingsView,
  rankByScore,
  responsibleParties,
  subjects,
} from '../../src/lib/views/common';
import { district, finding, results, rule, summary, waiver } from './fixture';

describe('rankByScore', () => {
  test('highest first, ties share a rank and go by code, no data last', () => {
    const items = [
      { code: 'b', summary: summary(80) },
      { code: 'n', summary: summary(null) },
      { code: 'a', summary: summary(80) },
      { code: 'c', summary: summary(90) },
      { code: 'd', summary: summary(70) },
    ];
    expect(rankByScore(items, (i) => i.code).map((r) => `${r.rank}${r.item.code}`)).toEqual([
      '1c',
      '2a',
      '2b',
      '4d',
      '5n',
    ]);
  });
});

describe('subjects', () => {
  const lookup = subjects(district());

  test('a place: its grid, community and street above it, outermost first', () => {
    const p = lookup('P1');
    expect(p.level).toBe('place');
    expect(p.department).toBe('health');
    expect(p.chain.map((u) => u.code)).toEqual(['S1', 'C1', 'G1']);
    expect(p.within.map((n) => n.en)).toEqual(['S1', 'C1', 'G1']);
  });

  test('a unit, the district itself and an unknown code', () => {
    expect(lookup('G2').chain.map((u) => u.code)).toEqual(['S1', 'C1']);
    expect(lookup('D')).toMatchObject({ level: 'district', chain: [] });
    expect(lookup('nope')).toMatchObject({ level: '', name: undefined, chain: [] });
  });
});

describe('responsibleParties', () => {
  const d = district();
  const r = results([d]);
  const lookup = subjects(d);
  const names = (parties: ReturnType<typeof responsibleParties>) =>
    parties.map((p) => `${p.role === 'department' ? p.id : p.code}${p.primary ? '*' : ''}`);

  test('a district’s own finding names the district once, as primary', () => {
    const parties = responsibleParties(r, d, lookup('D'), rule('x', 'major', 'subject'));
    expect(names(parties)).toEqual(['D*']);
  });

  test('a district’s own finding under a territorial duty names the district once', () => {
    const parties = responsibleParties(r, d, lookup('D'), rule('x', 'major', 'territorial'));
    expect(names(parties)).toEqual(['D*']);
  });

  test('a grid’s finding: the grid, then up the territory to the district', () => {
    const parties = responsibleParties(r, d, lookup('G1'), rule('x', 'major', 'subject'));
    expect(names(parties)).toEqual(['G1*', 'C1', 'S1', 'D']);
  });

  test('a place under a department duty: the department is primary', () => {
    const parties = responsibleParties(r, d, lookup('P1'), rule('x', 'major', 'department'));
    expect(names(parties)).toEqual(['P1', 'health*', 'G1', 'C1', 'S1', 'D']);
    expect(parties[1]).toMatchObject({ name: { en: 'Health' }, lead: { en: 'Dr Lead' } });
  });

  test('the district closing the chain carries its own level, whatever it is called', () => {
    const state = district('ST', { level: 'state', levels: ['county', 'township', 'village'] });
    const parties = responsibleParties(results([state]), state, subjects(state)('G1'), undefined);
    expect(parties.at(-1)).toMatchObject({ code: 'ST', level: 'state' });
  });

  test('a place under its own duty: the place is primary, in the role "subject"', () => {
    const parties = responsibleParties(r, d, lookup('P1'), rule('x', 'major', 'subject'));
    expect(names(parties)).toEqual(['P1*', 'health', 'G1', 'C1', 'S1', 'D']);
    expect(parties.map((p) => p.role)).toEqual([
      'subject',
      'department',
      'territorial',
      'territorial',
      'territorial',
      'territorial',
    ]);
  });

  test('a place under a territorial duty: its grid is primary', () => {
    const parties = responsibleParties(r, d, lookup('P1'), rule('x', 'major', 'territorial'));
    expect(names(parties)).toEqual(['P1', 'health', 'G1*', 'C1', 'S1', 'D']);
  });
});

describe('findingsView', () => {
  test('groups by status and rule: rules by severity then catalog order, findings by subject', () => {
    const rules = [rule('minor-1', 'minor'), rule('crit-1', 'critical'), rule('major-1', 'major')];
    const d = district('D', {
      findings: [
        finding('minor-1', 'G2', 'fail'),
        finding('major-1', 'G2', 'fail'),
        finding('major-1', 'G1', 'fail'),
        finding('crit-1', 'C1', 'fail'),
        finding('crit-1', 'C2', 'missing'),
        finding('minor-1', 'P1', 'waived'),
        finding('minor-1', 'S1', 'error'),
      ],
      waivers: [waiver('P1', 'minor-1')],
    });
    const view = findingsView(
      results([d], rules),
      d.findings.map((f) => ({ finding: f, district: d })),
    );
    expect(view.failures.map((g) => g.id)).toEqual(['crit-1', 'major-1', 'minor-1']);
    expect(view.failures[1]?.findings.map((f) => f.subject.code)).toEqual(['G1', 'G2']);
    expect(view.missing.map((g) => g.id)).toEqual(['crit-1']);
    expect(view.errors.map((g) => g.id)).toEqual(['minor-1']);
    const waived = view.waived[0]?.findings[0];
    expect(waived?.waiver?.reason.en).toBe('reason');
    expect(waived?.district.code).toBe('D');
    expect(view.failures[0]?.findings[0]?.parties.map((p) => p.primary)).toEqual([
      true,
      false,
      false,
    ]);
  });
});

test('anchor: a readable fragment id', () => {
  expect(anchor('fail', 'prevention.grid-screening')).toBe('fail-prevention-grid-screening');
});
