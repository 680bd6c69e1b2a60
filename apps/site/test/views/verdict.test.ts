/** Verdict first: rank among peers, the verdict's figures, the act-now list and the rule cards. */
import { SEVERITIES } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import {
  actNow,
  actorOf,
  cityScale,
  rankAmong,
  ruleCards,
  verdictOf,
} from '../../src/lib/views/verdict';
import { district, finding, results, rule, summary } from './fixture';

const at = (score: number | null, code: string) => ({ code, summary: summary(score) });

describe('rankAmong', () => {
  test('rank by score among the peers, ties sharing a rank, out of how many', () => {
    const peers = [at(90, 'A'), at(70, 'B'), at(90, 'C'), at(null, 'D')];
    expect(rankAmong(peers, (p) => p.code, 'B')).toEqual({ rank: 3, of: 4 });
    expect(rankAmong(peers, (p) => p.code, 'C')).toEqual({ rank: 1, of: 4 });
    expect(rankAmong(peers, (p) => p.code, 'D')).toEqual({ rank: 4, of: 4 });
  });

  test('no rank without peers, or for a unit not among them', () => {
    expect(rankAmong([at(90, 'A')], (p) => p.code, 'A')).toBeUndefined();
    expect(rankAmong([at(90, 'A'), at(80, 'B')], (p) => p.code, 'Z')).toBeUndefined();
  });
});

describe('verdictOf', () => {
  test('failures with missing reports, critical and overdue from the summary, new today from streaks of 1', () => {
    const s = {
      ...summary(80, { fail: 3, missing: 2, waived: 4 }),
      criticalFailures: 2,
      overdue: 1,
    };
    const v = verdictOf(s, { rank: 2, of: 5 }, [
      { ...finding('a', 'G1', 'fail'), streak: 1 },
      { ...finding('a', 'G2', 'fail'), streak: 3 },
      { ...finding('b', 'G1', 'missing'), streak: 1 },
      { ...finding('b', 'G2', 'waived'), streak: 1 },
    ]);
    expect(v).toMatchObject({ rank: { rank: 2, of: 5 }, failures: 5, critical: 2, overdue: 1 });
    expect(v.newToday).toBe(2);
  });
});

describe('act now', () => {
  const rules = [
    rule('unit-rule', 'critical', 'subject'),
    rule('dept-rule', 'major', 'department'),
    rule('minor-rule', 'minor', 'territorial'),
  ];
  const work = [
    { ...finding('unit-rule', 'G1', 'fail'), streak: 1, due: '2020-03-24', overdueDays: 0 },
    { ...finding('unit-rule', 'G2', 'fail'), streak: 4, due: '2020-03-21', overdueDays: 3 },
    { ...finding('dept-rule', 'P1', 'fail'), streak: 2, due: '2020-03-24', overdueDays: 0 },
    { ...finding('minor-rule', 'S2', 'missing'), streak: 1 },
    { ...finding('minor-rule', 'D', 'fail'), streak: 1 },
    { ...finding('unit-rule', 'G1', 'waived'), streak: 9, overdueDays: 9 },
  ];
  const d = district('D', { rules, findings: work });
  d.actions = [
    { rule: 'unit-rule', status: 'fail', count: 2, overdue: 1, maxOverdueDays: 3, lost: 1 },
    { rule: 'dept-rule', status: 'fail', count: 1, overdue: 0, maxOverdueDays: 0, lost: 4 },
    { rule: 'minor-rule', status: 'missing', count: 1, overdue: 0, maxOverdueDays: 0, lost: 0.2 },
    { rule: 'minor-rule', status: 'fail', count: 1, overdue: 0, maxOverdueDays: 0, lost: 0.1 },
  ];
  const r = results([d], rules);
  const located = d.findings.map((f) => ({ finding: f, district: d }));

  test('grouped by who must act: the child unit, or the department the rule makes responsible', () => {
    const list = actNow(r, located, { kind: 'unit', code: 'D' });
    expect(list.total).toBe(5);
    const keys = list.groups.map((g) =>
      g.actor.kind === 'department' ? `dept:${g.actor.id}` : `unit:${g.actor.code}`,
    );
    // S1 holds a failure 3 days overdue: first; then the most points lost (the department's 4).
    expect(keys).toEqual(['unit:S1', 'dept:health', 'unit:S2', 'unit:D']);
    expect(list.groups[0]).toMatchObject({ count: 2, overdue: 1, maxOverdueDays: 3, lost: 1 });
    expect(list.groups[0]?.items[0]).toMatchObject({
      rule: 'unit-rule',
      count: 2,
      due: '2020-03-21',
      streak: 4,
    });
  });

  test('a waived finding is never work, even when overdue', () => {
    const list = actNow(r, located, { kind: 'unit', code: 'D' });
    expect(list.groups.flatMap((g) => g.items).reduce((n, i) => n + i.count, 0)).toBe(5);
  });

  test('at most so many groups and lines, the rest counted', () => {
    const list = actNow(r, located, { kind: 'unit', code: 'D' }, { groups: 2, items: 1 });
    expect(list.groups).toHaveLength(2);
    expect(list.moreGroups).toBe(2);
    expect(list.groups.every((g) => g.items.length === 1)).toBe(true);
  });

  test('seen from a unit below the district, the actor is the unit right below it', () => {
    const list = actNow(r, located, { kind: 'unit', code: 'S1' });
    const units = list.groups.filter((g) => g.actor.kind === 'unit').map((g) => g.actor);
    expect(units.map((a) => (a.kind === 'unit' ? a.code : ''))).toContain('C1');
  });

  test('seen from a department, its failures fall to the district', () => {
    const sub = (code: string) => ({
      code,
      level: 'place',
      name: undefined,
      within: [],
      chain: [],
      department: 'health',
    });
    const actor = actorOf(r, d, sub('P1'), rules[1], { kind: 'department', id: 'health' });
    expect(actor).toMatchObject({ kind: 'unit', code: 'D' });
  });

  test('on the city page, points are put on the city scale, district by district', () => {
    const other = district('E', {
      rules,
      findings: [{ ...finding('minor-rule', 'S1', 'fail'), streak: 1 }],
    });
    other.district = { ...other.district, code: 'E' };
    other.actions = [
      { rule: 'minor-rule', status: 'fail', count: 1, overdue: 0, maxOverdueDays: 0, lost: 10 },
    ];
    const both = results([d, other], rules);
    // D lost 20 points of its own score (80), 2 of the city's; E lost 20 of its own, 8 of the city's.
    const entries = both.city.districts as { code: string; lost: number }[];
    entries[0]!.lost = 2;
    entries[1]!.lost = 8;
    const all = [...located, ...other.findings.map((f) => ({ finding: f, district: other }))];
    const list = actNow(both, all, { kind: 'unit', code: 'X' }, { scale: cityScale(both) });
    const byCode = new Map(
      list.groups.map((g) => [g.actor.kind === 'unit' ? g.actor.code : '', g.lost]),
    );
    // Each point of D's own score is 2/20 of the city's, each of E's 8/20. D's own units keep
    // 1.3 of its points (the department the other 4).
    expect(byCode.get('E')).toBe(4);
    expect(byCode.get('D')).toBe(0.13);
    expect(list.groups.find((g) => g.actor.kind === 'department')?.lost).toBe(0.4);
  });

  test('rule cards: critical rules first, each with who must act', () => {
    const cards = ruleCards(r, located, { kind: 'unit', code: 'D' }, SEVERITIES);
    expect(cards.map((c) => `${c.rule}:${c.status}`)).toEqual([
      'unit-rule:fail',
      'dept-rule:fail',
      'minor-rule:missing',
      'minor-rule:fail',
    ]);
    expect(cards[0]).toMatchObject({ count: 2, overdue: 1, maxOverdueDays: 3, lost: 1 });
    expect(cards[0]?.actors).toEqual([
      {
        actor: { kind: 'unit', code: 'S1', level: 'street', name: { zh: 'S1（中）', en: 'S1' } },
        count: 2,
        overdue: 1,
      },
    ]);
  });
});
