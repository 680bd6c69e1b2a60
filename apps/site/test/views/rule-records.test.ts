import type { Rule, RuleInfo } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import type { RuleEntry } from '../../src/lib/results';
import { infoOf, type RuleFile, ruleCatalog, ruleRecords, stateOn } from '../../src/lib/rules';
import { text } from './fixture';

/** A rule file's rule: only what the rules area reads. */
function rule(id: string, version: number, from: string, to?: string, area = 'a'): Rule {
  return {
    id,
    version,
    area,
    title: text(`${id} v${version}`),
    description: text('d'),
    appliesTo: { kind: 'territory', level: 'l' },
    severity: 'major',
    responsible: 'subject',
    remediation: text('r'),
    source: { document: text('doc'), clause: text('clause'), assumed: false },
    effective: to === undefined ? { from } : { from, to },
    missing: { mode: 'fail' },
    deadline: { days: 0, basis: 'assumed' },
    conditions: { all: [{ fact: 'f.x', operator: 'equal', value: true }] },
  };
}
const file = (r: Rule): RuleFile => ({
  rule: r,
  file: `rules/${r.area}/${r.id}.v${r.version}.json`,
});
const counts = { pass: 3, fail: 1, missing: 0, waived: 0, notApplicable: 0, error: 0 };
const entry = (r: Rule): RuleEntry => ({ ...infoOf(r), counts });

const DAY = '2020-03-10';

describe('the rules area is built from the rule files, not only from the day', () => {
  test('a rule in the files that the day did not check is listed, in force and without counts', () => {
    const checked = rule('a.old', 1, '2020-01-01');
    const fresh = rule('a.new', 1, '2020-03-01');
    const records = ruleRecords(DAY, [file(checked), file(fresh)], [entry(checked)]);
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get('a.new')).toMatchObject({ state: 'in-force', counts: undefined });
    expect(byId.get('a.new')?.conditions).toEqual(fresh.conditions);
    expect(byId.get('a.old')).toMatchObject({ state: 'in-force', counts });
    // The deadline comes from the file.
    expect(byId.get('a.new')?.rule.deadline).toEqual({ days: 0, basis: 'assumed' });
  });

  test('a rule starting after the day is upcoming; one ended before it keeps its record', () => {
    const later = rule('a.later', 1, '2020-04-01');
    const ended = rule('a.ended', 1, '2020-01-01', '2020-02-29');
    const records = ruleRecords(DAY, [file(later), file(ended)], []);
    expect(records.map((r) => [r.id, r.state])).toEqual([
      ['a.ended', 'ended'],
      ['a.later', 'upcoming'],
    ]);
  });

  test('of several versions the one in force on the day is shown, every version listed', () => {
    const v1 = rule('a.r', 1, '2020-01-01', '2020-02-29');
    const v2 = rule('a.r', 2, '2020-03-01');
    const [record] = ruleRecords(DAY, [file(v2), file(v1)], [entry(v2)]);
    expect(record?.rule.version).toBe(2);
    expect(record?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(record?.file).toBe('rules/a/a.r.v2.json');
    expect(record?.counts).toEqual(counts);
  });

  test('the counts of the day are those of the version shown, not of another', () => {
    const v1 = rule('a.r', 1, '2020-01-01', '2020-03-09');
    const v2 = rule('a.r', 2, '2020-03-10');
    // The day's results still list version 1 (computed before version 2 existed).
    const [record] = ruleRecords(DAY, [file(v1), file(v2)], [entry(v1)]);
    expect(record?.rule.version).toBe(2);
    expect(record?.counts).toBeUndefined();
  });

  test('a rule only past snapshots know (its file deleted) keeps a page, ended, without conditions', () => {
    const gone = rule('a.gone', 1, '2020-01-01', '2020-01-31');
    const past: RuleInfo[][] = [[infoOf(gone)]];
    const [record] = ruleRecords(DAY, [], [], past);
    expect(record).toMatchObject({ id: 'a.gone', state: 'ended', conditions: undefined });
  });

  test('a rule file wins over a snapshot record of the same version', () => {
    const r = rule('a.r', 1, '2020-01-01');
    const old: RuleInfo = { ...infoOf(r), title: text('as recorded') };
    const [record] = ruleRecords(DAY, [file(r)], [], [[old]]);
    expect(record?.rule.title).toEqual(r.title);
  });

  test('stateOn: the first and last days are in force', () => {
    expect(stateOn({ from: DAY }, DAY)).toBe('in-force');
    expect(stateOn({ from: '2020-01-01', to: DAY }, DAY)).toBe('in-force');
    expect(stateOn({ from: '2020-03-11' }, DAY)).toBe('upcoming');
    expect(stateOn({ from: '2020-01-01', to: '2020-03-09' }, DAY)).toBe('ended');
  });
});

describe('the catalog', () => {
  const records = ruleRecords(
    DAY,
    [
      file(rule('b.one', 1, '2020-01-01', undefined, 'b')),
      file(rule('a.one', 1, '2020-01-01')),
      file(rule('a.ended', 1, '2020-01-01', '2020-02-01')),
      file(rule('z.stray', 1, '2020-01-01', undefined, 'z')),
      file(rule('a.soon', 1, '2020-05-01')),
    ],
    [],
  );

  test('lists the rules in force and to come by the method’s areas; an unknown area last', () => {
    const catalog = ruleCatalog(records, ['a', 'b']);
    expect(catalog.map((g) => [g.area, g.rules.map((r) => r.rule.id)])).toEqual([
      ['a', ['a.one', 'a.soon']],
      ['b', ['b.one']],
      ['z', ['z.stray']],
    ]);
    expect(catalog[0]?.rules[0]?.checks).toBeUndefined();
  });

  test('lists the ended rules apart', () => {
    const ended = ruleCatalog(records, ['a', 'b'], 'ended');
    expect(ended.flatMap((g) => g.rules.map((r) => r.rule.id))).toEqual(['a.ended']);
  });
});
