/** The city page's view model: the longest running failures. */
import type { CityResults, LocalizedText } from '@shoutu/core';
import type { Results, RuleEntry } from '../results';
import { type Subject, subjects } from './common';

export interface StreakView {
  streak: CityResults['streaks'][number];
  rule: RuleEntry | undefined;
  subject: Subject;
  district: LocalizedText | undefined;
}

/** The `n` longest running failures of the city, and any tied with the last (the index lists them longest first). */
export function cityStreaks(results: Results, n: number): StreakView[] {
  const lookups = new Map<string, (code: string) => Subject>();
  const districtNames = new Map(results.city.districts.map((d) => [d.code, d.name]));
  // Ties with the last one shown are shown too: a cut inside a tie would be arbitrary.
  const all = results.city.streaks;
  const last = all[n - 1]?.streak;
  let shown = Math.min(n, all.length);
  while (last !== undefined && all[shown]?.streak === last) shown++;
  return all.slice(0, shown).map((streak) => {
    let lookup = lookups.get(streak.district);
    const district = results.districts.get(streak.district);
    if (!lookup && district) {
      lookup = subjects(district);
      lookups.set(streak.district, lookup);
    }
    return {
      streak,
      rule: results.rules.get(streak.rule),
      subject: lookup?.(streak.subject) ?? {
        code: streak.subject,
        name: undefined,
        level: '',
        within: [],
        chain: [],
      },
      district: districtNames.get(streak.district),
    };
  });
}
