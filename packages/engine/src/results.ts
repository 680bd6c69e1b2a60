import {
  type Area,
  type CityResults,
  type Counts,
  cmp,
  type DistrictResults,
  type FactInfo,
  type Finding,
  OPERATORS,
  RESULTS_SCHEMA,
  type Registry,
  type RuleInfo,
} from '@shoutu/core';
import type { CompiledRule } from './compile.js';
import { count, emptyCounts, SCORING_VERSION, Tally } from './score.js';

export interface InputStats {
  reportFiles: number;
  rows: number;
  quarantinedFiles: number;
  quarantinedRows: number;
  lateRows: number;
}

/** No report files read: the input of a day nothing arrived for. */
export function emptyInputStats(): InputStats {
  return { reportFiles: 0, rows: 0, quarantinedFiles: 0, quarantinedRows: 0, lateRows: 0 };
}

/** The input of several days, added up. */
export function sumInputStats(days: Iterable<InputStats>): InputStats {
  const total = emptyInputStats();
  for (const d of days)
    for (const k of Object.keys(total) as (keyof InputStats)[]) total[k] += d[k];
  return total;
}

export interface ResultsInput {
  day: string;
  registry: Registry;
  rules: readonly CompiledRule[];
  findings: readonly Finding[];
  facts: readonly FactInfo[];
  rulesHash: string;
  input: InputStats;
}

export interface DayResults {
  city: CityResults;
  districts: DistrictResults[];
}

/**
 * Turns a day's findings into the published record: a city summary and one file per district.
 * Scores roll up the territory from every finding inside it, so a large district is never
 * averaged away; passes are counted, other findings are listed with their explanation.
 */
export function buildResults(i: ResultsInput): DayResults {
  const { registry, day } = i;
  const rules = new Map(i.rules.map((r) => [r.rule.id, r.rule]));
  const rolled = new Map<string, Tally>();
  const own = new Map<string, Tally>();
  const tally = (m: Map<string, Tally>, code: string) => getOrInsert(m, code, () => new Tally());
  const byDistrict = new Map<string, Finding[]>();
  const ruleCounts = new Map<string, Map<string, Counts>>();
  const ruleCount = (scope: string, rule: string) =>
    getOrInsert(
      getOrInsert(ruleCounts, scope, () => new Map<string, Counts>()),
      rule,
      emptyCounts,
    );
  const city = registry.topLevel;

  for (const f of i.findings) {
    const area = rules.get(f.rule)?.area as Area;
    tally(own, f.subject).add(f, area);
    if (registry.units.has(f.subject)) tally(rolled, f.subject).add(f, area);
    for (const u of registry.ancestors(f.subject)) tally(rolled, u.code).add(f, area);
    const district = registry.districtOf(f.subject)?.code ?? '';
    count(ruleCount('', f.rule), f.status);
    count(ruleCount(district, f.rule), f.status);
    if (f.status !== 'pass') getOrInsert(byDistrict, district, () => [] as Finding[]).push(f);
  }

  const stamp = {
    schema: RESULTS_SCHEMA as typeof RESULTS_SCHEMA,
    day,
    rulesHash: i.rulesHash,
    registryVersion: registry.version,
    scoringVersion: SCORING_VERSION,
  };
  const ref = (u: {
    code: string;
    level: string;
    name: { zh: string; en: string };
    kind?: string | undefined;
  }) => ({
    code: u.code,
    level: u.level,
    name: u.name,
    ...(u.kind ? { kind: u.kind } : {}),
  });
  const summaryOf = (code: string) => (rolled.get(code) ?? new Tally()).summary();
  const ruleList = (scope: string) =>
    [...rules.keys()]
      .sort(cmp)
      .map((id) => ({ id, counts: ruleCounts.get(scope)?.get(id) ?? emptyCounts() }));

  const districts = registry
    .unitsInForce(day, registry.districtLevel.id)
    .sort((a, b) => cmp(a.code, b.code));
  const cityUnit = registry.unitsInForce(day, city.id)[0];
  const cityTally = new Tally();
  for (const d of districts) cityTally.merge(rolled.get(d.code) ?? new Tally());

  const districtResults: DistrictResults[] = districts.map((d) => {
    const units = descendants(registry, d.code, day).map((u) => ({
      ...ref({ ...u, kind: undefined }),
      parent: u.parent ?? '',
      summary: summaryOf(u.code),
    }));
    const findings = (byDistrict.get(d.code) ?? []).sort(
      (a, b) => cmp(a.rule, b.rule) || cmp(a.subject, b.subject),
    );
    const failingPlaces = [...new Set(findings.map((f) => f.subject))]
      .filter((s) => registry.places.has(s))
      .sort(cmp);
    return {
      ...stamp,
      district: ref(d),
      summary: summaryOf(d.code),
      units,
      places: failingPlaces.map((id) => {
        const p = registry.places.get(id)!;
        return {
          id,
          grid: p.grid,
          type: p.type,
          department: registry.departmentOf(p)?.id ?? '',
          name: p.name,
          summary: (own.get(id) ?? new Tally()).summary(),
        };
      }),
      rules: ruleList(d.code),
      findings,
    };
  });

  const ruleInfo = (r: CompiledRule['rule']): RuleInfo => ({
    id: r.id,
    version: r.version,
    area: r.area,
    severity: r.severity,
    title: r.title,
    description: r.description,
    remediation: r.remediation,
    responsible: r.responsible,
    appliesTo: r.appliesTo,
    source: { document: r.source.document, clause: r.source.clause, assumed: r.source.assumed },
    effective: r.effective,
  });
  const cityResults: CityResults = {
    ...stamp,
    city: cityUnit
      ? ref({ ...cityUnit, kind: undefined })
      : { code: '', level: city.id, name: city.name },
    summary: cityTally.summary(),
    districts: districts.map((d) => ({ ...ref(d), summary: summaryOf(d.code) })),
    rules: [...rules.values()]
      .sort((a, b) => cmp(a.id, b.id))
      .map((r) => ({ ...ruleInfo(r), counts: ruleCounts.get('')?.get(r.id) ?? emptyCounts() })),
    facts: [...i.facts],
    operators: [...OPERATORS],
    input: i.input,
  };
  return { city: cityResults, districts: districtResults };
}

function getOrInsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function descendants(registry: Registry, code: string, day: string) {
  const out = [];
  const stack = [code];
  while (stack.length > 0) {
    for (const child of registry.childrenOf(stack.pop() as string, day)) {
      out.push(child);
      stack.push(child.code);
    }
  }
  return out.sort((a, b) => cmp(a.code, b.code));
}
