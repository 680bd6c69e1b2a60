/** The city page's view model: the longest running failures. */
import { expect, test } from 'vitest';
import { cityStreaks } from '../../src/lib/views/city';
import { district, results, rule } from './fixture';

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
