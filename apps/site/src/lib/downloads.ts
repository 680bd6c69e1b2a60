/**
 * A day's data as downloads: the city's districts with their scores, and for each district its
 * units' scores and its listed findings with their explanations in both languages. The CSV and the
 * JSON hold the same tables (same columns, same rows), so a spreadsheet and a program read the same.
 * Results hold no personal data; nothing else is read here.
 */
import {
  type CityResults,
  type DistrictResults,
  describeOutcome,
  type Finding,
  type Lang,
  type Summary,
  type Trend,
} from '@shoutu/core';
import { type Key, useTranslations } from '../i18n';
import { type Cell, csvResponse, jsonResponse, recordsToCsv } from './csv';
import type { Results } from './results';
import { checks, rankByScore, subjects } from './views/common';

/** The stamp of a day's results, first in every JSON download. */
function stamp(r: CityResults | DistrictResults) {
  return {
    schema: r.schema,
    day: r.day,
    revision: r.revision,
    rulesHash: r.rulesHash,
    scoringVersion: r.scoringVersion,
    scoringHash: r.scoringHash,
    waiversHash: r.waiversHash,
    registryVersion: r.registryVersion,
  };
}

const SCORE_COLUMNS = [
  'score',
  'band',
  'capped',
  'critical_failures',
  'prevention',
  'security',
  'safety',
  'change',
  'week',
  'month',
] as const;

const COUNT_COLUMNS = [
  'checks',
  'pass',
  'fail',
  'missing',
  'waived',
  'not_applicable',
  'error',
] as const;

function scoreCells(summary: Summary, trend: Trend) {
  return {
    score: summary.score,
    band: summary.band,
    capped: summary.capped,
    critical_failures: summary.criticalFailures,
    prevention: summary.areas.prevention,
    security: summary.areas.security,
    safety: summary.areas.safety,
    change: trend.change,
    week: trend.week,
    month: trend.month,
  };
}

function countCells(summary: Summary) {
  const c = summary.counts;
  return {
    checks: checks(c),
    pass: c.pass,
    fail: c.fail,
    missing: c.missing,
    waived: c.waived,
    not_applicable: c.notApplicable,
    error: c.error,
  };
}

export const CITY_COLUMNS = [
  'day',
  'rank',
  'code',
  'name_zh',
  'name_en',
  ...SCORE_COLUMNS,
  'lost',
  ...COUNT_COLUMNS,
] as const;
type CityRecord = Record<(typeof CITY_COLUMNS)[number], Cell>;

/** The districts of a day, ranked as on the city page. */
export function cityRecords(city: CityResults): CityRecord[] {
  return rankByScore(city.districts, (d) => d.code).map(({ rank, item }) => ({
    day: city.day,
    rank,
    code: item.code,
    name_zh: item.name.zh,
    name_en: item.name.en,
    ...scoreCells(item.summary, item.trend),
    lost: item.lost,
    ...countCells(item.summary),
  }));
}

export const UNIT_COLUMNS = [
  'day',
  'code',
  'level',
  'parent',
  'name_zh',
  'name_en',
  ...SCORE_COLUMNS,
  'lost',
  'own_lost',
  ...COUNT_COLUMNS,
] as const;
type UnitRecord = Record<(typeof UNIT_COLUMNS)[number], Cell>;

/** The district itself, then every unit below it in the order of the results. */
export function unitRecords(city: CityResults, district: DistrictResults): UnitRecord[] {
  const d = district.district;
  const inCity = city.districts.find((x) => x.code === d.code);
  const first: UnitRecord = {
    day: district.day,
    code: d.code,
    level: d.level,
    parent: city.city.code,
    name_zh: d.name.zh,
    name_en: d.name.en,
    ...scoreCells(district.summary, district.trend),
    lost: inCity?.lost ?? null,
    own_lost: district.ownLost,
    ...countCells(district.summary),
  };
  return [
    first,
    ...district.units.map((u) => ({
      day: district.day,
      code: u.code,
      level: u.level,
      parent: u.parent,
      name_zh: u.name.zh,
      name_en: u.name.en,
      ...scoreCells(u.summary, u.trend),
      lost: u.lost,
      own_lost: u.ownLost,
      ...countCells(u.summary),
    })),
  ];
}

export const FINDING_COLUMNS = [
  'day',
  'rule',
  'rule_title_zh',
  'rule_title_en',
  'subject',
  'subject_level',
  'subject_name_zh',
  'subject_name_en',
  'status',
  'outcome',
  'streak',
  'explanation_zh',
  'explanation_en',
] as const;
type FindingRecord = Record<(typeof FINDING_COLUMNS)[number], Cell>;

/** Why a finding is listed, as a sentence: its deciding conditions, or what kind of finding it is. */
export function explainFinding(finding: Finding, results: Results, lang: Lang): string {
  const t = useTranslations(lang);
  const why = (finding.conditions ?? []).map((c) => describeOutcome(c, results.facts, lang));
  const reasons = why.join(t('listSep'));
  switch (finding.status) {
    case 'fail':
      return reasons || finding.message || t('noConditions');
    case 'missing':
      return t('archive.explain.missing');
    case 'waived': {
      const what = t(`archive.explain.waived.${finding.outcome ?? 'fail'}` as Key);
      return reasons ? `${what}${t('colon')}${reasons}` : what;
    }
    case 'error':
      return finding.message ?? t('archive.explain.error');
    default:
      return reasons;
  }
}

/** Every listed finding of a district's day, in the order of the results. */
export function findingRecords(results: Results, district: DistrictResults): FindingRecord[] {
  const subject = subjects(district);
  return district.findings.map((f) => {
    const s = subject(f.subject);
    const rule = results.rules.get(f.rule);
    return {
      day: district.day,
      rule: f.rule,
      rule_title_zh: rule?.title.zh ?? null,
      rule_title_en: rule?.title.en ?? null,
      subject: f.subject,
      subject_level: s.level || null,
      subject_name_zh: s.name?.zh ?? null,
      subject_name_en: s.name?.en ?? null,
      status: f.status,
      outcome: f.outcome ?? null,
      streak: f.streak ?? null,
      explanation_zh: explainFinding(f, results, 'zh'),
      explanation_en: explainFinding(f, results, 'en'),
    };
  });
}

/**
 * A table in JSON as in the CSV: the column names once, then one array per row (the names are not
 * repeated in every row, which would more than double the size of a district's file).
 */
export function table<K extends string>(
  columns: readonly K[],
  records: readonly Record<K, Cell>[],
) {
  return { columns, rows: records.map((r) => columns.map((c) => r[c] ?? null)) };
}

/** The endpoints' bodies. */
export const downloads = {
  cityCsv: (results: Results) => csvResponse(recordsToCsv(CITY_COLUMNS, cityRecords(results.city))),
  cityJson: (results: Results) =>
    jsonResponse({
      ...stamp(results.city),
      city: {
        code: results.city.city.code,
        name: results.city.city.name,
        ...scoreCells(results.city.summary, results.city.trend),
        ...countCells(results.city.summary),
      },
      districts: table(CITY_COLUMNS, cityRecords(results.city)),
    }),
  unitsCsv: (results: Results, district: DistrictResults) =>
    csvResponse(recordsToCsv(UNIT_COLUMNS, unitRecords(results.city, district))),
  findingsCsv: (results: Results, district: DistrictResults) =>
    csvResponse(recordsToCsv(FINDING_COLUMNS, findingRecords(results, district))),
  districtJson: (results: Results, district: DistrictResults) =>
    jsonResponse({
      ...stamp(district),
      district: { code: district.district.code, name: district.district.name },
      units: table(UNIT_COLUMNS, unitRecords(results.city, district)),
      findings: table(FINDING_COLUMNS, findingRecords(results, district)),
    }),
};
