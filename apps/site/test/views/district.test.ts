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
  const view = districtView(results([d], rules), d);

  test('the children of the district ranked, each with its own children by code', () => {
    expect(view.children.map((s) => `${s.rank}${s.code}`)).toEqual(['1S2', '2S1']);
    expect(view.children[1]?.children.map((c) => c.code)).toEqual(['C1', 'C2']);
    expect(view.children[0]?.children).toEqual([]);
  });

  test('whatever the levels are called', () => {
    const other = district('ST', { level: 'state', levels: ['county', 'township', 'village'] });
    const v = districtView(results([other]), other);
    expect(v.children.map((s) => `${s.rank}${s.code}:${s.level}`)).toEqual([
      '1S2:county',
      '2S1:county',
    ]);
    expect(v.children[1]?.children.map((c) => c.code)).toEqual(['C1', 'C2']);
  });

  test('its rules in catalog order, its departments ranked and named', () => {
    expect(view.rules.map((r) => r.id)).toEqual(['b-rule', 'a-rule']);
    expect(view.departments).toMatchObject([{ rank: 1, id: 'health', name: { en: 'Health' } }]);
  });

  test('its findings by status; the district’s own finding names the district once', () => {
    expect(view.failures.map((g) => g.id)).toEqual(['a-rule']);
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
