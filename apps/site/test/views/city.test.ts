/** The city page's view model: the longest running failures. */
import { describe, expect, test } from 'vitest';
import { cityStreaks, tileMap, topView } from '../../src/lib/views/city';
import { district, finding, results, rule, summary } from './fixture';

test('cityStreaks shows the n longest and every one tied with the last', () => {
  const r = results([district('D')], [rule('r', 'major')]);
  const streak = (subject: string, days: number) => ({
    rule: 'r',
    subject,
    district: 'D',
    status: 'fail' as const,
    streak: days,
  });
  r.city.streaks = [
    streak('G1', 9),
    streak('G2', 5),
    streak('C1', 5),
    streak('P1', 5),
    streak('S1', 2),
  ];
  const shown = cityStreaks(r, 2);
  expect(shown.map((s) => s.subject.code)).toEqual(['G1', 'G2', 'C1', 'P1']);
  expect(shown[3]?.subject.chain.map((u) => u.code)).toEqual(['S1', 'C1', 'G1']);
  expect(shown[0]?.district?.en).toBe('D');
  expect(shown[0]?.rule?.id).toBe('r');
  expect(cityStreaks(r, 10)).toHaveLength(5);
});

test('a streak in a district without results keeps its code', () => {
  const r = results([]);
  r.city.streaks = [{ rule: 'r', subject: 'Z9', district: 'Q', status: 'missing', streak: 3 }];
  expect(cityStreaks(r, 10)[0]?.subject).toMatchObject({ code: 'Z9', name: undefined });
});

describe('tileMap', () => {
  const d = (code: string, score: number | null, position?: { row: number; column: number }) => ({
    code,
    summary: summary(score),
    ...(position ? { position } : {}),
  });

  test('positioned units keep their places, trimmed; the others follow below, ranked', () => {
    const map = tileMap([
      d('B', 50),
      d('Z', 90, { row: 5, column: 5 }),
      d('W', 40, { row: 2, column: 2 }),
      d('A', 70),
    ]);
    expect(map.positioned).toBe(true);
    expect(map.columns).toBe(4);
    expect(map.rows).toBe(5);
    expect(map.tiles.map((t) => [t.district.code, t.col, t.row])).toEqual([
      ['W', 1, 1],
      ['Z', 4, 4],
      ['A', 1, 5],
      ['B', 2, 5],
    ]);
  });

  test('without positions: a plain grid ranked by score, ties by code, no data last', () => {
    const map = tileMap([d('e', 10), d('a', null), d('c', 90), d('b', 90), d('d', 50)]);
    expect(map.positioned).toBe(false);
    expect(map.columns).toBe(4);
    expect(map.rows).toBe(2);
    expect(map.tiles.map((t) => [t.district.code, t.col, t.row])).toEqual([
      ['b', 1, 1],
      ['c', 2, 1],
      ['d', 3, 1],
      ['e', 4, 1],
      ['a', 1, 2],
    ]);
  });

  test('one unit alone is one tile', () => {
    expect(tileMap([d('x', 80)])).toMatchObject({ columns: 1, rows: 1 });
  });
});

describe('topView', () => {
  test('none without findings of the top unit', () => {
    expect(topView(results([district('D')]))).toBeUndefined();
  });

  test('the top unit’s own findings, by status and rule; the top unit answers for them, once', () => {
    const r = results([district('D')], [rule('own', 'major', 'territorial')]);
    (r.city as unknown as { findings: unknown[] }).findings = [
      finding('own', 'X', 'fail'),
      finding('own', 'X', 'missing'),
    ];
    const view = topView(r);
    expect(view?.failures.map((g) => g.id)).toEqual(['own']);
    expect(view?.missing[0]?.findings[0]?.subject).toMatchObject({ code: 'X', level: 'city' });
    expect(view?.failures[0]?.findings[0]?.parties).toMatchObject([
      { role: 'territorial', code: 'X', primary: true },
    ]);
  });
});
