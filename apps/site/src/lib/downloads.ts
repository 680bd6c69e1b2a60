/**
 * A day's data as downloads: the city's districts with their scores, and for each district its
 * units' scores and its listed findings with their explanations in each of the project's languages. The CSV and the
 * JSON hold the same tables (same columns, same rows), so a spreadsheet and a program read the same.
 * Results hold no personal data; nothing else is read here.
 */
import {
  type CityResults,
  type DistrictResults,
  describeOutcome,
  type Finding,
  type LocalizedText,
  type Summary,
  type Trend,
} from '@shoutu/core';
import { type Key, useTranslations } from '../i18n';
import { areaScore, areasOf } from './areas';
import { type Cell, csvResponse, jsonResponse, recordsToCsv } from './csv';
import { languages } from './locales';
import type { DistrictDay, Results } from './results';
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

type Row = Record<string, Cell>;

/** Columns named for each of the project's languages: `name_zh`, `name_en`. */
function inLanguages(prefix: string): string[] {
  return languages().map((lang) => `${prefix}_${lang}`);
}

/** A text's cells, one per language, as `inLanguages` names them. */
function textCells(prefix: string, text: LocalizedText | undefined): Row {
  const texts = (text ?? {}) as Record<string, string | undefined>;
  return Object.fromEntries(languages().map((lang) => [`${prefix}_${lang}`, texts[lang] ?? null]));
}

/** The score columns: the overall score, its band, then one per policy area of the method. */
function scoreColumns(method: CityResults['scoring']): string[] {
  return [
    'score',
    'band',
    'capped',
    'critical_failures',
    ...areasOf(method).map((a) => a.id),
    'change',
    'week',
    'month',
  ];
}

function scoreCells(method: CityResults['scoring'], summary: Summary, trend: Trend): Row {
  return {
    score: summary.score,
    band: summary.band,
    capped: summary.capped,
    critical_failures: summary.criticalFailures,
    ...Object.fromEntries(areasOf(method).map((a) => [a.id, areaScore(summary, a.id)])),
    change: trend.change,
    week: trend.week,
    month: trend.month,
  };
}

const COUNT_COLUMNS = [
  'checks',
  'pass',
  'fail',
  'missing',
  'waived',
  'not_applicable',
  'error',
] as const;

function countCells(summary: Summary): Row {
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

/** The columns of the day's districts. */
export function cityColumns(city: CityResults): string[] {
  return [
    'day',
    'rank',
    'code',
    ...inLanguages('name'),
    ...scoreColumns(city.scoring),
    'lost',
    ...COUNT_COLUMNS,
  ];
}

/** The districts of a day, ranked as on the city page. */
export function cityRecords(city: CityResults): Row[] {
  return rankByScore(city.districts, (d) => d.code).map(({ rank, item }) => ({
    day: city.day,
    rank,
    code: item.code,
    ...textCells('name', item.name),
    ...scoreCells(city.scoring, item.summary, item.trend),
    lost: item.lost,
    ...countCells(item.summary),
  }));
}

/** The columns of a district's units. */
export function unitColumns(city: CityResults): string[] {
  return [
    'day',
    'code',
    'level',
    'parent',
    ...inLanguages('name'),
    ...scoreColumns(city.scoring),
    'lost',
    'own_lost',
    ...COUNT_COLUMNS,
  ];
}

/** The district itself, then every unit below it in the order of the results. */
export function unitRecords(city: CityResults, district: DistrictDay): Row[] {
  const d = district.district;
  const inCity = city.districts.find((x) => x.code === d.code);
  const first: Row = {
    day: district.day,
    code: d.code,
    level: d.level,
    parent: city.city.code,
    ...textCells('name', d.name),
    ...scoreCells(city.scoring, district.summary, district.trend),
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
      ...textCells('name', u.name),
      ...scoreCells(city.scoring, u.summary, u.trend),
      lost: u.lost,
      own_lost: u.ownLost,
      ...countCells(u.summary),
    })),
  ];
}

/** The columns of a district's findings. */
export function findingColumns(): string[] {
  return [
    'day',
    'rule',
    ...inLanguages('rule_title'),
    'subject',
    'subject_level',
    ...inLanguages('subject_name'),
    'status',
    'outcome',
    'streak',
    ...inLanguages('explanation'),
  ];
}

/** Why a finding is listed, as a sentence: its deciding conditions, or what kind of finding it is. */
export function explainFinding(finding: Finding, results: Results, lang: string): string {
  const t = useTranslations(lang);
  const why = (finding.conditions ?? []).map((c) => describeOutcome(c, results.facts, t.lang));
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
export function findingRecords(results: Results, district: DistrictDay): Row[] {
  const subject = subjects(district);
  return district.findings.map((f) => {
    const s = subject(f.subject);
    const rule = results.rules.get(f.rule);
    return {
      day: district.day,
      rule: f.rule,
      ...textCells('rule_title', rule?.title),
      subject: f.subject,
      subject_level: s.level || null,
      ...textCells('subject_name', s.name),
      status: f.status,
      outcome: f.outcome ?? null,
      streak: f.streak ?? null,
      ...Object.fromEntries(
        languages().map((lang) => [`explanation_${lang}`, explainFinding(f, results, lang)]),
      ),
    };
  });
}

/**
 * A table in JSON as in the CSV: the column names once, then one array per row (the names are not
 * repeated in every row, which would more than double the size of a district's file).
 */
export function table(columns: readonly string[], records: readonly Row[]) {
  return { columns, rows: records.map((r) => columns.map((c) => r[c] ?? null)) };
}

/** The endpoints' bodies. */
export const downloads = {
  cityCsv: (results: Results) =>
    csvResponse(recordsToCsv(cityColumns(results.city), cityRecords(results.city))),
  cityJson: (results: Results) =>
    jsonResponse({
      ...stamp(results.city),
      city: {
        code: results.city.city.code,
        name: results.city.city.name,
        ...scoreCells(results.city.scoring, results.city.summary, results.city.trend),
        ...countCells(results.city.summary),
      },
      districts: table(cityColumns(results.city), cityRecords(results.city)),
    }),
  unitsCsv: (results: Results, district: DistrictDay) =>
    csvResponse(recordsToCsv(unitColumns(results.city), unitRecords(results.city, district))),
  findingsCsv: (results: Results, district: DistrictDay) =>
    csvResponse(recordsToCsv(findingColumns(), findingRecords(results, district))),
  districtJson: (results: Results, district: DistrictDay) =>
    jsonResponse({
      ...stamp(district),
      district: { code: district.district.code, name: district.district.name },
      units: table(unitColumns(results.city), unitRecords(results.city, district)),
      findings: table(findingColumns(), findingRecords(results, district)),
    }),
};
