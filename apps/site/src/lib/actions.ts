/**
 * What a district must act on first: for each rule and status (failures, missing reports) with
 * listed findings in the district, how many and the points of the district's overall score lost to
 * them, most first, then by rule id.
 *
 * INTERIM ADAPTER (issue 10, results format 3): format 4 gives these as the district file's
 * `actions`, computed by the engine; replace `interimActions` by reading them then. Until then the
 * points are computed here as the engine computes `lost` (Tally.lostIn): in each scored area, the
 * area's share of the weights times 100 × the points the checks missed ÷ the area's possible
 * points in the district; the possible points are rebuilt from the district's per-rule counts,
 * each rule's severity and area, and the scoring method.
 */
import type { CityResults, CountMode, DistrictResults } from '@shoutu/core';

/** As results format 4 will hold it: `{ rule, status, count, lost }`. */
export interface DistrictAction {
  rule: string;
  status: 'fail' | 'missing';
  /** How many listed findings of this rule and status the district has. */
  count: number;
  /** Points of the district's overall score lost to them (two decimals). */
  lost: number;
}

/** [earned, possible] share of a weight for a check counted under `mode`. */
const byMode = (mode: CountMode): [number, number] =>
  mode.mode === 'ignore' ? [0, 0] : mode.mode === 'fail' ? [0, 1] : [mode.credit, 1];

const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;

export function interimActions(city: CityResults, district: DistrictResults): DistrictAction[] {
  const method = city.scoring;
  const rules = new Map(city.rules.map((r) => [r.id, r]));
  const weightOf = (rule: string) => {
    const r = rules.get(rule);
    return r ? method.severityWeights[r.severity] : 0;
  };
  const missing = byMode(method.missingReport);
  const error = byMode(method.error);
  // The district's possible points per area, from its per-rule counts.
  const possible = new Map<string, number>();
  for (const { id, counts } of district.rules) {
    const r = rules.get(id);
    if (!r) continue;
    const w = weightOf(id);
    const p =
      w * (counts.pass + counts.fail + counts.missing * missing[1] + counts.error * error[1]);
    possible.set(r.area, (possible.get(r.area) ?? 0) + p);
  }
  const scored = method.areas.filter((a) => (possible.get(a.id) ?? 0) > 0);
  const weights = scored.reduce((n, a) => n + a.weight, 0);
  const areaWeight = new Map(scored.map((a) => [a.id, a.weight]));

  const groups = new Map<string, DistrictAction>();
  for (const f of district.findings) {
    if (f.status !== 'fail' && f.status !== 'missing') continue;
    const key = `${f.rule}\u0000${f.status}`;
    const g = groups.get(key) ?? { rule: f.rule, status: f.status, count: 0, lost: 0 };
    g.count += 1;
    groups.set(key, g);
  }
  const actions = [...groups.values()].map((g) => {
    const area = rules.get(g.rule)?.area;
    const share = area !== undefined ? areaWeight.get(area) : undefined;
    const missed = g.status === 'fail' ? 1 : missing[1] - missing[0];
    const lost =
      share === undefined || weights === 0
        ? 0
        : (share / weights) *
          ((100 * g.count * weightOf(g.rule) * missed) / (possible.get(area as string) ?? 1));
    return { ...g, lost: round2(lost) };
  });
  return actions.sort(
    (a, b) =>
      b.lost - a.lost ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.status < b.status ? -1 : a.status > b.status ? 1 : 0),
  );
}
