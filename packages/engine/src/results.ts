import {
  type CityResults,
  type Counts,
  cmp,
  type DistrictAction,
  type DistrictDay,
  type FactInfo,
  type Finding,
  type Form,
  type FormInfo,
  type LoadedWaiver,
  type LocalizedText,
  OPERATORS,
  RESULTS_SCHEMA,
  type Registry,
  type RuleInfo,
  ruleInfoOf,
  type ScoringMethod,
  scoringVersion,
  type Territory,
} from '@shoutu/core';
import { type CompiledRule, effectiveOn } from './compile.js';
import { count, dueOf, emptyCounts, Tally } from './score.js';
import {
  type DaySnapshot,
  type History,
  isFailing,
  noHistory,
  streakKey,
  streakOf,
  trendOf,
} from './trend.js';
import { applyWaivers } from './waivers.js';

export interface InputStats {
  reportFiles: number;
  rows: number;
  setAsideFiles: number;
  setAsideRows: number;
  lateRows: number;
}

/** No report files read: the input of a day nothing arrived for. */
export function emptyInputStats(): InputStats {
  return { reportFiles: 0, rows: 0, setAsideFiles: 0, setAsideRows: 0, lateRows: 0 };
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
  /** The day's findings as evaluated, before waivers. */
  findings: readonly Finding[];
  facts: readonly FactInfo[];
  rulesHash: string;
  scoring: ScoringMethod;
  scoringHash: string;
  /** All waivers; those in force on the day apply. */
  waivers?: readonly LoadedWaiver[];
  waiversHash?: string;
  input: InputStats;
  /** Earlier snapshots, for trends and streaks. */
  history?: History;
  /** 1 for a first snapshot; more when it replaces earlier ones. */
  revision?: number;
  /** The report forms (all are in force): their titles and field labels go into the results. */
  forms?: Iterable<Form>;
  /** The project's languages, the default first (see `projectLanguages`). */
  languages?: readonly string[];
}

/** The languages of the results when the caller does not pass the project's (tests). */
export const DEFAULT_LANGUAGES: readonly string[] = ['zh', 'en'];

/** The names of the territory the pages need, from the registry and the scoring method. */
export function territoryOf(
  registry: Registry,
  scoring: ScoringMethod,
  languages: readonly string[] = DEFAULT_LANGUAGES,
): Territory {
  return {
    languages: [...languages],
    levels: [...registry.levels],
    placeTypes: [...registry.placeTypes.values()].sort((a, b) => cmp(a.id, b.id)),
    departments: [...registry.departments.values()].sort((a, b) => cmp(a.id, b.id)),
    measurementUnits: [...registry.measurementUnits.values()].sort((a, b) => cmp(a.id, b.id)),
    areas: [...scoring.areas],
  };
}

/** A form as the results carry it: without the editor's `$schema`. */
function formInfo(form: Form): FormInfo {
  const { $schema: _, ...rest } = form;
  return rest;
}

/**
 * A day's results: the city's index (its `files` are filled in when the day is serialized) and
 * each district's results with its units, listed places and findings.
 */
export interface DayResults {
  city: CityResults;
  districts: DistrictDay[];
}

/** How many of the longest streaks the city index lists. */
export const STREAKS_LISTED = 20;

/**
 * Turns a day's findings into the published record: a city summary and one file per district.
 * Scores roll up the territory from every finding inside it, so a large district is never
 * averaged away; each unit records the points its parent lost inside it. Passes and checks that
 * did not apply are counted; other findings are listed with their explanation and streak.
 */
export function buildResults(i: ResultsInput): DayResults {
  const { registry, day, scoring } = i;
  const history = i.history ?? noHistory;
  // The version of each rule in force that day decides its area and weight.
  const compiledInForce = i.rules.filter((r) => effectiveOn(r.rule, day));
  const sharedOf = new Map(compiledInForce.map((r) => [r.rule.id, r.shared]));
  const inForce = compiledInForce.map((r) => r.rule);
  const rules = new Map(inForce.map((r) => [r.id, r]));
  const { findings, inForce: waivers } = applyWaivers(i.findings, i.waivers ?? [], day);
  const newTally = () => new Tally(scoring);
  const rolled = new Map<string, Tally>();
  const own = new Map<string, Tally>();
  const byDepartment = new Map<string, Tally>();
  const tally = (m: Map<string, Tally>, code: string) => getOrInsert(m, code, newTally);
  const byDistrict = new Map<string, Finding[]>();
  /** Per district, per `rule|status` of a failure or missing report: how many, and their tally. */
  const toAct = new Map<
    string,
    Map<string, { count: number; overdue: number; maxOverdueDays: number; tally: Tally }>
  >();
  const ruleCounts = new Map<string, Map<string, Counts>>();
  const ruleCount = (scope: string, rule: string) =>
    getOrInsert(
      getOrInsert(ruleCounts, scope, () => new Map<string, Counts>()),
      rule,
      emptyCounts,
    );
  const city = registry.topLevel;
  const districtLevel = registry.districtLevel.id;

  for (const found of findings) {
    const rule = rules.get(found.rule);
    if (!rule) throw new Error(`a finding names the rule ${found.rule}, not in force on ${day}`);
    let f = found;
    if (isFailing(found)) {
      const streak = streakOf(found, day, history);
      f = { ...found, streak, ...(rule.deadline ? dueOf(rule.deadline, day, streak) : {}) };
    }
    tally(own, f.subject).add(f, rule);
    const self = registry.units.get(f.subject);
    if (self) tally(rolled, f.subject).add(f, rule);
    const above = registry.ancestors(f.subject);
    for (const u of above) tally(rolled, u.code).add(f, rule);
    const district =
      (self?.level === districtLevel ? self : above.find((u) => u.level === districtLevel))?.code ??
      '';
    const place = registry.places.get(f.subject);
    const department = place ? registry.departmentOf(place)?.id : undefined;
    if (department !== undefined) {
      tally(byDepartment, department).add(f, rule);
      tally(byDepartment, `${district}|${department}`).add(f, rule);
    }
    count(ruleCount('', f.rule), f.status);
    // The top unit's own findings belong to no district: count them once, in the whole.
    if (district !== '') count(ruleCount(district, f.rule), f.status);
    if (f.status !== 'pass' && f.status !== 'not-applicable')
      getOrInsert(byDistrict, district, () => [] as Finding[]).push(f);
    if (district !== '' && (f.status === 'fail' || f.status === 'missing')) {
      const action = getOrInsert(
        getOrInsert(toAct, district, () => new Map()),
        `${f.rule}|${f.status}`,
        () => ({ count: 0, overdue: 0, maxOverdueDays: 0, tally: newTally() }),
      );
      action.count++;
      const late = f.overdueDays ?? 0;
      if (late > 0) action.overdue++;
      if (late > action.maxOverdueDays) action.maxOverdueDays = late;
      action.tally.add(f, rule);
    }
  }

  const stamp = {
    schema: RESULTS_SCHEMA as typeof RESULTS_SCHEMA,
    day,
    revision: i.revision ?? 1,
    rulesHash: i.rulesHash,
    registryVersion: registry.version,
    scoringVersion: scoringVersion(scoring),
    scoringHash: i.scoringHash,
    waiversHash: i.waiversHash ?? '',
  };
  const ref = (u: {
    code: string;
    level: string;
    name: LocalizedText;
    kind?: string | undefined;
  }) => ({
    code: u.code,
    level: u.level,
    name: u.name,
    ...(u.kind ? { kind: u.kind } : {}),
  });
  const tallyOf = (m: Map<string, Tally>, code: string) => m.get(code) ?? newTally();
  const ruleList = (scope: string) =>
    [...rules.keys()]
      .sort(cmp)
      .map((id) => ({ id, counts: ruleCounts.get(scope)?.get(id) ?? emptyCounts() }));

  const districts = registry
    .unitsInForce(day, registry.districtLevel.id)
    .sort((a, b) => cmp(a.code, b.code));
  const cityUnit = registry.unitsInForce(day, city.id)[0];
  const cityCode = cityUnit?.code ?? '';
  const cityTally = newTally();
  for (const d of districts) cityTally.merge(tallyOf(rolled, d.code));
  // The top unit's own checks count in its score like a district's own do in the district's.
  cityTally.merge(tallyOf(own, cityCode));
  const departments = [...registry.departments.values()].sort((a, b) => cmp(a.id, b.id));

  const actionsOf = (code: string, dTally: Tally): DistrictAction[] =>
    [...(toAct.get(code) ?? [])]
      .map(([key, { count, overdue, maxOverdueDays, tally }]) => {
        const at = key.lastIndexOf('|');
        const status = key.slice(at + 1) as 'fail' | 'missing';
        return {
          rule: key.slice(0, at),
          status,
          count,
          overdue,
          maxOverdueDays,
          lost: dTally.lostIn(tally),
        };
      })
      .sort((a, b) => b.lost - a.lost || cmp(a.rule, b.rule) || cmp(a.status, b.status));

  const districtResults: DistrictDay[] = districts.map((d) => {
    const dTally = tallyOf(rolled, d.code);
    const dSummary = dTally.summary();
    const units = descendants(registry, d.code, day).map((u) => {
      const t = tallyOf(rolled, u.code);
      const summary = t.summary();
      return {
        ...ref({ ...u, kind: undefined }),
        parent: u.parent ?? '',
        summary,
        trend: trendOf(u.code, day, summary.score, history),
        lost: tallyOf(rolled, u.parent ?? '').lostIn(t),
        ownLost: t.lostIn(tallyOf(own, u.code)),
      };
    });
    const listed = (byDistrict.get(d.code) ?? []).sort(
      (a, b) => cmp(a.rule, b.rule) || cmp(a.subject, b.subject),
    );
    const listedPlaces = [...new Set(listed.map((f) => f.subject))]
      .filter((s) => registry.places.has(s))
      .sort(cmp);
    return {
      ...stamp,
      district: ref(d),
      summary: dSummary,
      trend: trendOf(d.code, day, dSummary.score, history),
      ownLost: dTally.lostIn(tallyOf(own, d.code)),
      units,
      places: listedPlaces.map((id) => {
        const p = registry.places.get(id)!;
        return {
          id,
          grid: p.grid,
          type: p.type,
          department: registry.departmentOf(p)?.id ?? '',
          name: p.name,
          summary: tallyOf(own, id).summary(),
          lost: tallyOf(rolled, p.grid).lostIn(tallyOf(own, id)),
        };
      }),
      rules: ruleList(d.code),
      departments: departments
        .filter((dep) => byDepartment.has(`${d.code}|${dep.id}`))
        .map((dep) => ({
          id: dep.id,
          summary: tallyOf(byDepartment, `${d.code}|${dep.id}`).summary(),
        })),
      waivers: waivers
        .filter((w) => (registry.districtOf(w.subject)?.code ?? '') === d.code)
        .map((w) => ({
          subject: w.subject,
          rule: w.rule,
          reason: w.reason,
          approver: w.approver,
          start: w.start,
          expiry: w.expiry,
          source: w.source,
        })),
      actions: actionsOf(d.code, dTally),
      findings: listed,
    };
  });

  const ruleInfo = (r: CompiledRule['rule']): RuleInfo => ruleInfoOf(r, sharedOf.get(r.id));
  const citySummary = cityTally.summary();
  const streaks = districtResults
    .flatMap((d) =>
      d.findings
        // A waived failure is accepted for now: it is not among the failures that need attention.
        .filter((f) => f.streak !== undefined && f.status !== 'waived')
        .map((f) => ({
          rule: f.rule,
          subject: f.subject,
          district: d.district.code,
          status: f.status as 'fail' | 'missing',
          streak: f.streak as number,
        })),
    )
    .sort((a, b) => b.streak - a.streak || cmp(a.rule, b.rule) || cmp(a.subject, b.subject))
    .slice(0, STREAKS_LISTED);
  const { $schema: _, ...method } = scoring;
  const cityResults: CityResults = {
    ...stamp,
    city: cityUnit
      ? ref({ ...cityUnit, kind: undefined })
      : { code: '', level: city.id, name: city.name },
    summary: citySummary,
    trend: trendOf(cityCode, day, citySummary.score, history),
    ownLost: cityTally.lostIn(tallyOf(own, cityCode)),
    districts: districts.map((d) => {
      const t = tallyOf(rolled, d.code);
      const summary = t.summary();
      const position = d.position;
      return {
        ...ref(d),
        ...(position ? { position } : {}),
        summary,
        trend: trendOf(d.code, day, summary.score, history),
        lost: cityTally.lostIn(t),
      };
    }),
    rules: [...rules.values()]
      .sort((a, b) => cmp(a.id, b.id))
      .map((r) => ({ ...ruleInfo(r), counts: ruleCounts.get('')?.get(r.id) ?? emptyCounts() })),
    departments: departments
      .filter((dep) => byDepartment.has(dep.id))
      .map((dep) => ({
        id: dep.id,
        name: dep.name,
        lead: dep.lead,
        summary: tallyOf(byDepartment, dep.id).summary(),
      })),
    streaks,
    scoring: method,
    facts: [...i.facts],
    operators: [...OPERATORS],
    territory: territoryOf(registry, scoring, i.languages),
    forms: [...(i.forms ?? [])].map(formInfo).sort((a, b) => cmp(a.id, b.id)),
    findings: (byDistrict.get('') ?? []).sort(
      (a, b) => cmp(a.rule, b.rule) || cmp(a.subject, b.subject),
    ),
    input: i.input,
    files: {},
  };
  return { city: cityResults, districts: districtResults };
}

/** What a day's results tell later days: every unit's score and the running streaks. */
export function snapshotOf(r: DayResults): DaySnapshot {
  const scores = new Map<string, number | null>();
  scores.set(r.city.city.code, r.city.summary.score);
  for (const d of r.city.districts) scores.set(d.code, d.summary.score);
  const streaks = new Map<string, number>();
  for (const d of r.districts) {
    for (const u of d.units) scores.set(u.code, u.summary.score);
    for (const f of d.findings) if (f.streak !== undefined) streaks.set(streakKey(f), f.streak);
  }
  return { scores, streaks };
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
