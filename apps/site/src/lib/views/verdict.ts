/**
 * Verdict first (issue 12): the line under every unit's title (rank among its peers, score and
 * band, failures with the critical ones apart, new today, overdue) and the "act now" list (the
 * failures that are overdue or cost the most points, grouped by who must act). Language-neutral:
 * the pages pick the words.
 */
import type { DistrictAction, Finding, LocalizedText, Summary } from '@shoutu/core';
import type { DistrictDay, Results, RuleEntry } from '../results';
import { type Located, rankByScore, type Subject, subjects } from './common';

/** A unit's place among its peers (the children of its parent): 1 is the best. */
export interface Rank {
  rank: number;
  of: number;
}

/**
 * The rank of `self` among `peers` (itself included) by score, ties sharing a rank as in every
 * ranked table; undefined when it is not among them or has no peers to be ranked against.
 */
export function rankAmong<T extends { summary: Summary }>(
  peers: readonly T[],
  code: (item: T) => string,
  self: string,
): Rank | undefined {
  if (peers.length < 2) return undefined;
  const hit = rankByScore(peers, code).find(({ item }) => code(item) === self);
  return hit ? { rank: hit.rank, of: peers.length } : undefined;
}

/** The figures of the verdict line. */
export interface Verdict {
  rank: Rank | undefined;
  summary: Summary;
  /** Failures and missing reports counted against it (waived ones not). */
  failures: number;
  /** Of the checks of critical rules, those that weigh as failures (the summary's own figure). */
  critical: number;
  /** Failures and missing reports found today for the first time (a streak of 1). */
  newToday: number;
  /** Failures and missing reports past their deadline (the summary's own figure). */
  overdue: number;
}

/** Unwaived failures and missing reports: the work. */
export const isWork = (f: Finding): boolean => f.status === 'fail' || f.status === 'missing';

/** The verdict of a unit from its summary, its rank and the findings inside it. */
export function verdictOf(
  summary: Summary,
  rank: Rank | undefined,
  findings: Iterable<Finding>,
): Verdict {
  let newToday = 0;
  for (const f of findings) if (isWork(f) && f.streak === 1) newToday++;
  return {
    rank,
    summary,
    failures: summary.counts.fail + summary.counts.missing,
    critical: summary.criticalFailures,
    newToday,
    overdue: summary.overdue,
  };
}

/** Who must act on a failure: a supervising department, or a unit of the territory. */
export type Actor =
  | { kind: 'department'; id: string; name: LocalizedText | undefined }
  | { kind: 'unit'; code: string; level: string; name: LocalizedText | undefined };

/** One line of an actor's work: a rule's failures (or missing reports) that fall to it. */
export interface ActItem {
  rule: string;
  entry: RuleEntry | undefined;
  status: 'fail' | 'missing';
  count: number;
  /** Of `count`, those past their deadline. */
  overdue: number;
  /** The most days any of them is past its deadline. */
  maxOverdueDays: number;
  /** The earliest due day among them, if the rule has a deadline. */
  due: string | undefined;
  /** Points of the district's score lost to them. */
  lost: number;
  /** Days in a row the longest of them has lasted. */
  streak: number;
}

export interface ActGroup {
  actor: Actor;
  /** Its lines, most overdue first, then the most points lost. */
  items: ActItem[];
  count: number;
  overdue: number;
  maxOverdueDays: number;
  lost: number;
  /** Lines left out of `items` (shown on the actor's page). */
  more: number;
}

export interface ActNow {
  groups: ActGroup[];
  /** Groups left out (every failure is still listed further down and in the downloads). */
  moreGroups: number;
  /** All the failures and missing reports the list was chosen from. */
  total: number;
}

export interface ActNowOptions {
  /** At most this many groups (5). */
  groups?: number;
  /** At most this many lines per group (2). */
  items?: number;
  /**
   * Points lost are of each finding's district's score; for a page above the districts, a factor
   * per district puts them on the page's scale (the city's: the points of its score lost in the
   * district over the district's own).
   */
  scale?: (district: DistrictDay) => number;
}

/**
 * The scope of a page: the unit whose page it is (its children are the actors of the territory),
 * or a department (whose findings are grouped by district).
 */
export type Scope = { kind: 'unit'; code: string } | { kind: 'department'; id: string };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Who must act on a finding seen from `scope`: the supervising department when the rule makes the
 * department responsible (and the subject is a place with one); otherwise the unit of the
 * territory right below the scope that the subject is in (itself, for a check of the scope's own
 * unit or of a unit right below it). Seen from a department, the district.
 */
export function actorOf(
  results: Results,
  district: DistrictDay,
  subject: Subject,
  rule: RuleEntry | undefined,
  scope: Scope,
): Actor {
  const unitActor = (u: { code: string; level: string; name: LocalizedText | undefined }) =>
    ({ kind: 'unit', code: u.code, level: u.level, name: u.name }) as const;
  const districtActor = unitActor(district.district);
  if (scope.kind === 'department') return districtActor;
  if (rule?.responsible === 'department' && subject.department) {
    const dept = results.city.departments.find((d) => d.id === subject.department);
    return { kind: 'department', id: subject.department, name: dept?.name };
  }
  // The units from the district down to the subject (a place's chain ends at its lowest unit).
  const path = [
    districtActor,
    ...subject.chain.map(unitActor),
    ...(subject.level !== 'place' && subject.level !== '' && subject.code !== district.district.code
      ? [unitActor({ code: subject.code, level: subject.level, name: subject.name })]
      : []),
  ];
  const at = path.findIndex((u) => u.code === scope.code);
  if (at === -1) return districtActor; // the scope is above the district: the district acts
  return path[at + 1] ?? path[at] ?? districtActor;
}

const actorKey = (a: Actor) => (a.kind === 'department' ? `d:${a.id}` : `u:${a.code}`);

/**
 * The act-now list: the unwaived failures and missing reports of `located`, grouped by who must act
 * (`actorOf`) and by rule within, ordered by days overdue, then points lost, then how many; at
 * most `groups` groups of `items` lines. Points lost per finding come from the district's
 * `actions` (a rule's points divided over its findings: each check of a rule weighs the same).
 */
export function actNow(
  results: Results,
  located: readonly Located[],
  scope: Scope,
  options: ActNowOptions = {},
): ActNow {
  const maxGroups = options.groups ?? 5;
  const maxItems = options.items ?? 2;
  const perFinding = new WeakMap<DistrictDay, Map<string, number>>();
  const pointsOf = (district: DistrictDay, f: Finding) => {
    let map = perFinding.get(district);
    if (!map) {
      map = new Map(
        (district.actions as DistrictAction[]).map((a) => [
          `${a.rule}|${a.status}`,
          a.count > 0 ? a.lost / a.count : 0,
        ]),
      );
      perFinding.set(district, map);
    }
    return (map.get(`${f.rule}|${f.status}`) ?? 0) * (options.scale?.(district) ?? 1);
  };

  const groups = new Map<string, { actor: Actor; items: Map<string, ActItem> }>();
  let total = 0;
  for (const { finding: f, district } of located) {
    if (!isWork(f)) continue;
    total++;
    const entry = results.rules.get(f.rule);
    const subject = subjects(district)(f.subject);
    const actor = actorOf(results, district, subject, entry, scope);
    const key = actorKey(actor);
    let group = groups.get(key);
    if (!group) {
      group = { actor, items: new Map() };
      groups.set(key, group);
    }
    const status = f.status as 'fail' | 'missing';
    const itemKey = `${f.rule}|${status}`;
    let item = group.items.get(itemKey);
    if (!item) {
      item = {
        rule: f.rule,
        entry,
        status,
        count: 0,
        overdue: 0,
        maxOverdueDays: 0,
        due: undefined,
        lost: 0,
        streak: 0,
      };
      group.items.set(itemKey, item);
    }
    item.count++;
    const late = f.overdueDays ?? 0;
    if (late > 0) item.overdue++;
    item.maxOverdueDays = Math.max(item.maxOverdueDays, late);
    if (f.due !== undefined && (item.due === undefined || f.due < item.due)) item.due = f.due;
    item.lost += pointsOf(district, f);
    item.streak = Math.max(item.streak, f.streak ?? 1);
  }

  const byUrgency = (
    a: { maxOverdueDays: number; lost: number; count: number },
    b: { maxOverdueDays: number; lost: number; count: number },
  ) => b.maxOverdueDays - a.maxOverdueDays || b.lost - a.lost || b.count - a.count;

  const all: ActGroup[] = [...groups.values()].map(({ actor, items }) => {
    const lines = [...items.values()]
      .map((i) => ({ ...i, lost: round2(i.lost) }))
      .sort((a, b) => byUrgency(a, b) || cmp(a.rule, b.rule) || cmp(a.status, b.status));
    return {
      actor,
      items: lines.slice(0, maxItems),
      count: lines.reduce((n, i) => n + i.count, 0),
      overdue: lines.reduce((n, i) => n + i.overdue, 0),
      maxOverdueDays: Math.max(0, ...lines.map((i) => i.maxOverdueDays)),
      lost: round2(lines.reduce((n, i) => n + i.lost, 0)),
      more: Math.max(0, lines.length - maxItems),
    };
  });
  all.sort((a, b) => byUrgency(a, b) || cmp(actorKey(a.actor), actorKey(b.actor)));
  return {
    groups: all.slice(0, maxGroups),
    moreGroups: Math.max(0, all.length - maxGroups),
    total,
  };
}

/**
 * For the city's act-now list: each district's points on the city's scale, the points of the
 * city's score lost in the district (`lost` of its entry in the city index) over the points of its
 * own score lost (100 − its score).
 */
export function cityScale(results: Results): (district: DistrictDay) => number {
  const lost = new Map(results.city.districts.map((d) => [d.code, d]));
  return (district) => {
    const entry = lost.get(district.district.code);
    const own = 100 - (district.summary.score ?? 100);
    return entry && own > 0 ? entry.lost / own : 0;
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A rule's failures (or missing reports) in a scope, with who they fall to: a card of the district page. */
export interface RuleCard extends ActItem {
  /** Who must act on them, the most first (then by code). */
  actors: { actor: Actor; count: number; overdue: number }[];
}

/**
 * The unwaived failures and missing reports of `located` by rule and status: the rules of the
 * worst severity first (critical cards are open on the page, so they come first), then by days
 * overdue, points lost and how many; each with the actors it falls to.
 */
export function ruleCards(
  results: Results,
  located: readonly Located[],
  scope: Scope,
  severities: readonly string[],
): RuleCard[] {
  const cards = new Map<string, RuleCard>();
  // One act-now pass per actor gives the per-rule figures; regrouped here by rule.
  const { groups } = actNow(results, located, scope, {
    groups: Number.POSITIVE_INFINITY,
    items: Number.POSITIVE_INFINITY,
  });
  for (const g of groups)
    for (const i of g.items) {
      const key = `${i.rule}|${i.status}`;
      let card = cards.get(key);
      if (!card) {
        card = { ...i, count: 0, overdue: 0, maxOverdueDays: 0, lost: 0, streak: 0, actors: [] };
        cards.set(key, card);
      }
      card.count += i.count;
      card.overdue += i.overdue;
      card.maxOverdueDays = Math.max(card.maxOverdueDays, i.maxOverdueDays);
      card.lost = round2(card.lost + i.lost);
      card.streak = Math.max(card.streak, i.streak);
      if (i.due !== undefined && (card.due === undefined || i.due < card.due)) card.due = i.due;
      card.actors.push({ actor: g.actor, count: i.count, overdue: i.overdue });
    }
  const severity = (c: RuleCard) => {
    const at = c.entry ? severities.indexOf(c.entry.severity) : -1;
    return at === -1 ? severities.length : at;
  };
  return [...cards.values()]
    .map((card) => ({
      ...card,
      actors: card.actors.sort(
        (a, b) => b.count - a.count || cmp(actorKey(a.actor), actorKey(b.actor)),
      ),
    }))
    .sort(
      (a, b) =>
        severity(a) - severity(b) ||
        b.maxOverdueDays - a.maxOverdueDays ||
        b.lost - a.lost ||
        b.count - a.count ||
        cmp(a.rule, b.rule) ||
        cmp(a.status, b.status),
    );
}
