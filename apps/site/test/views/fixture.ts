/**
 * Small hand-built results for the view-model tests: only what the view models read, so a test
 * says what it depends on. One district `D` with the tree
 *
 *   D ─ S1 ─ C1 ─ G1 (place P1, department health)
 *      │         └ G2
 *      │    └ C2
 *      └ S2
 */
import type { Finding, LocalizedText, Summary, Trend, WaiverInfo } from '@shoutu/core';
import type { DistrictDay, Results, RuleEntry } from '../../src/lib/results';

export const text = (en: string): LocalizedText => ({ zh: `${en}（中）`, en });

export function summary(score: number | null, counts: Partial<Summary['counts']> = {}): Summary {
  return {
    score,
    areas: {} as Summary['areas'],
    band: score === null ? null : score >= 90 ? 'green' : score >= 75 ? 'yellow' : 'red',
    capped: false,
    criticalFailures: 0,
    criticalChecks: 0,
    overdue: 0,
    counts: { pass: 0, fail: 0, missing: 0, waived: 0, notApplicable: 0, error: 0, ...counts },
  };
}

export const trend: Trend = { change: null, week: null, month: null };

type Unit = DistrictDay['units'][number];
export function unit(code: string, level: string, parent: string, score: number | null): Unit {
  return {
    code,
    level,
    parent,
    name: text(code),
    summary: summary(score),
    trend,
    lost: 0,
    ownLost: 0,
  };
}

export function rule(
  id: string,
  severity: RuleEntry['severity'],
  responsible: RuleEntry['responsible'] = 'subject',
): RuleEntry {
  return { id, severity, responsible, title: text(id) } as RuleEntry;
}

export function finding(rule: string, subject: string, status: Finding['status']): Finding {
  return { rule, subject, status };
}

export function waiver(subject: string, rule: string): WaiverInfo {
  return {
    subject,
    rule,
    reason: text('reason'),
    approver: 'someone',
    start: '2020-01-01',
    expiry: '2020-12-31',
    source: 'data/waivers/w.json:3',
  };
}

export interface Options {
  /** The ids of the three levels below the district (the sample's by default). */
  levels?: [string, string, string];
  /** The district's own level id. */
  level?: string;
  findings?: Finding[];
  waivers?: WaiverInfo[];
  rules?: RuleEntry[];
}

/** The district `D` of the tree above, with these findings, waivers and rules. */
export function district(code = 'D', options: Options = {}): DistrictDay {
  const [l1, l2, l3] = options.levels ?? ['street', 'community', 'grid'];
  return {
    day: '2020-03-24',
    district: { code, level: options.level ?? 'district', name: text(code) },
    summary: summary(80),
    trend,
    ownLost: 0,
    units: [
      unit('S1', l1, code, 70),
      unit('S2', l1, code, 95),
      unit('C1', l2, 'S1', 60),
      unit('C2', l2, 'S1', 100),
      unit('G1', l3, 'C1', 50),
      unit('G2', l3, 'C1', 50),
    ],
    places: [
      {
        id: 'P1',
        grid: 'G1',
        type: 'canteen',
        department: 'health',
        name: text('P1'),
        summary: summary(0),
        lost: 1,
      },
    ],
    rules: (options.rules ?? []).map((r) => ({ id: r.id, counts: summary(null).counts })),
    departments: [{ id: 'health', summary: summary(40) }],
    waivers: options.waivers ?? [],
    findings: options.findings ?? [],
    actions: [],
  } as unknown as DistrictDay;
}

/** Results of one day holding these districts and rules. */
export function results(districts: DistrictDay[], rules: RuleEntry[] = []): Results {
  return {
    day: '2020-03-24',
    city: {
      city: { code: 'X', level: 'city', name: text('X') },
      districts: districts.map((d) => ({ ...d.district, summary: d.summary, trend, lost: 0 })),
      rules: rules.map((r) => ({ ...r, counts: summary(null).counts })),
      departments: [
        { id: 'health', name: text('Health'), lead: text('Dr Lead'), summary: summary(40) },
        { id: 'education', name: text('Education'), lead: text('Ms Lead'), summary: summary(90) },
      ],
      streaks: [],
      findings: [],
    },
    districts: new Map(districts.map((d) => [d.district.code, d])),
    rules: new Map(rules.map((r) => [r.id, r])),
    facts: new Map(),
  } as unknown as Results;
}
