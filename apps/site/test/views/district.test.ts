/** The district page's view model on hand-built results. */
import { describe, expect, test } from 'vitest';
import { districtView } from '../../src/lib/views/district';
import { district, finding, results, rule, waiver } from './fixture';

describe('districtView', () => {
  const rules = [rule('b-rule', 'minor'), rule('a-rule', 'critical')];
  const d = district('D', {
    rules: [rules[0]!, rules[1]!].reverse(),
    findings: [finding('a-rule', 'G1', 'fail'), finding('b-rule', 'D', 'missing')],
    waivers: [waiver('P1', 'b-rule'), waiver('G2', 'a-rule'), waiver('G2', 'b-rule')],
  });
  const actions = [
    { rule: 'a-rule', status: 'fail' as const, count: 1, overdue: 0, maxOverdueDays: 0, lost: 2.5 },
    {
      rule: 'z-rule',
      status: 'missing' as const,
      count: 3,
      overdue: 1,
      maxOverdueDays: 2,
      lost: 1,
    },
  ];
  const view = districtView(results([d], rules), d, actions);

  test('the children of the district ranked; the children of one with a page are on its page', () => {
    expect(view.children.map((s) => `${s.rank}${s.code}`)).toEqual(['1S2', '2S1']);
    expect(view.children[1]?.children).toEqual([]);
  });

  test('a child without units two levels below has no page: its row is here, with its children', () => {
    expect(view.children.map((s) => `${s.code}:${s.paged}`)).toEqual(['S2:false', 'S1:true']);
    const flat = district('F');
    flat.units = flat.units.filter((u) => u.level !== 'grid');
    const v = districtView(results([flat]), flat, []);
    expect(v.children.map((s) => `${s.code}:${s.paged}`)).toEqual(['S2:false', 'S1:false']);
    expect(v.children[1]?.children.map((c) => c.code)).toEqual(['C1', 'C2']);
  });

  test('whatever the levels are called', () => {
    const other = district('ST', { level: 'state', levels: ['county', 'township', 'village'] });
    const v = districtView(results([other]), other, []);
    expect(v.children.map((s) => `${s.rank}${s.code}:${s.level}`)).toEqual([
      '1S2:county',
      '2S1:county',
    ]);
  });

  test('what to act on, in the order given, with the rules named where the catalog has them', () => {
    expect(view.actions.map((a) => `${a.rule}:${a.status}:${a.count}:${a.lost}`)).toEqual([
      'a-rule:fail:1:2.5',
      'z-rule:missing:3:1',
    ]);
    expect(view.actions[0]?.entry?.id).toBe('a-rule');
    expect(view.actions[1]?.entry).toBeUndefined();
  });

  test('its rules in catalog order, its departments ranked and named', () => {
    expect(view.rules.map((r) => r.id)).toEqual(['b-rule', 'a-rule']);
    expect(view.departments).toMatchObject([{ rank: 1, id: 'health', name: { en: 'Health' } }]);
  });

  test('only its own findings by status (the rest are on lower pages); named once', () => {
    expect(view.failures).toEqual([]);
    const own = view.missing[0]?.findings[0];
    expect(own?.subject.code).toBe('D');
    expect(own?.parties.filter((p) => p.role === 'territorial' && p.code === 'D')).toHaveLength(1);
  });

  test('waivers by subject, then by rule severity', () => {
    expect(view.waivers.map((w) => `${w.subject.code}:${w.waiver.rule}`)).toEqual([
      'G2:a-rule',
      'G2:b-rule',
      'P1:b-rule',
    ]);
    expect(view.waivers[2]?.subject.chain.map((u) => u.code)).toEqual(['S1', 'C1', 'G1']);
  });
});
