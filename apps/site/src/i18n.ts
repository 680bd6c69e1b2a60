/**
 * Every string of the site's interface, in both languages. Text that comes from the data (names,
 * rule titles, remediations) is already bilingual and is picked with `dataLang`.
 */
import type { Area, Lang, Severity } from '@shoutu/core';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The key of `LocalizedText` in the results for a site locale. */
export const dataLang: Record<Locale, Lang> = { 'zh-CN': 'zh', en: 'en' };

export type BandKey = 'green' | 'yellow' | 'red' | 'none';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

const zh = {
  htmlLang: 'zh-CN',
  otherLocaleName: 'English',
  skipToContent: '跳到正文',
  colon: '：',
  siteName: (city: string) => `${city}属地责任合规评分`,
  siteNameShort: '属地责任合规评分',
  mainNav: '主导航',
  languageSwitch: '切换语言',
  home: '全市',
  breadcrumb: '位置',
  onThisPage: '本页内容',
  date: ([y, m, d]: [number, number, number]) => `${y}年${m}月${d}日`,
  stamp: {
    label: '数据版本',
    day: '数据日期',
    rulesHash: '规则哈希',
    scoringVersion: '评分版本',
    registryVersion: '名录版本',
  },
  cityTitle: (city: string) => `${city}属地责任合规评分`,
  cityIntro:
    '各区县网格、街道和重点场所每日上报情况，对照疫情防控、保障稳定和安全值守规则检查的结果。',
  districtTitle: (district: string) => `${district}合规评分`,
  districtIntro: (district: string) =>
    `${district}各街道、社区、网格和重点场所每日上报情况的检查结果。`,
  overall: '综合得分',
  score: '得分',
  band: '等级',
  rank: '排名',
  district: '区县',
  street: '街道（乡镇）',
  community: '社区（村）',
  areas: { prevention: '疫情防控', security: '保障稳定', safety: '安全值守' } satisfies Record<
    Area,
    string
  >,
  areasShort: { prevention: '防控', security: '保障', safety: '安全' } satisfies Record<
    Area,
    string
  >,
  severities: { critical: '严重', major: '较重', minor: '一般' } satisfies Record<Severity, string>,
  levels: { street: '街道', community: '社区', grid: '网格', place: '场所' } as Record<
    string,
    string
  >,
  bands: { green: '良好', yellow: '需关注', red: '落后', none: '无数据' } satisfies Record<
    BandKey,
    string
  >,
  bandLegend: '等级说明',
  bandRule: {
    green: '得分 ≥ 90',
    yellow: '75 ≤ 得分 < 90',
    red: '得分 < 75',
    none: '当日无检查项',
  } satisfies Record<BandKey, string>,
  bandNote:
    '等级划分为暂行标准，待评分方法文件发布后调整。得分为通过的检查项占全部检查项（含缺报）的百分比。',
  counts: {
    checks: '检查项',
    pass: '通过',
    fail: '不合格',
    missing: '缺报',
    error: '错误',
  },
  summaryHeading: '总体情况',
  districtsHeading: '区县排名',
  districtsCaption: '各区县按综合得分排名（高分在前）',
  rulesHeading: '检查规则',
  rulesCaption: '当日生效的检查规则及检查结果',
  rule: '规则',
  area: '领域',
  severity: '严重程度',
  source: '依据',
  sourceAssumed: '（依据为推定）',
  inputHeading: '上报数据',
  input: {
    reportFiles: '报告文件',
    rows: '数据行',
    quarantinedFiles: '退回文件',
    quarantinedRows: '退回数据行',
    lateRows: '迟报数据行',
  },
  failuresHeading: '不合格检查',
  failuresNone: '当日没有不合格的检查项。',
  failuresCount: (n: number) => `${n} 项不合格`,
  remediation: '整改要求',
  why: '不合格原因',
  noConditions: '未记录判定条件。',
  sourceRef: '数据来源',
  within: '所属',
  missingHeading: '缺报',
  missingNone: '当日没有缺报。',
  missingIntro: '以下单位当日未上报所需数据，按不合格计入得分。',
  missingCount: (n: number) => `${n} 个单位缺报`,
  errorsHeading: '检查出错',
  errorsIntro: '以下检查项未能完成，请联系系统维护人员。',
  streetsHeading: '街道（乡镇）排名',
  streetsCaption: '各街道（乡镇）按综合得分排名，其下列出所属社区（村）',
  streetsNone: '当日没有街道数据。',
  streetsNarrow: '窄屏只显示综合得分；分领域得分在宽屏和打印版中显示。',
  backToCity: (city: string) => `返回${city}`,
  viewDistrict: (district: string) => `查看${district}评分`,
  footerNote: '本页面根据每日上报数据自动生成，不含个人信息。',
};

type Dict = typeof zh;

const en: Dict = {
  htmlLang: 'en',
  otherLocaleName: '中文',
  skipToContent: 'Skip to content',
  colon: ': ',
  siteName: (city: string) => `${city} territorial compliance scorecard`,
  siteNameShort: 'Territorial compliance scorecard',
  mainNav: 'Main',
  languageSwitch: 'Language',
  home: 'City',
  breadcrumb: 'Breadcrumb',
  onThisPage: 'On this page',
  date: ([y, m, d]: [number, number, number]) => `${d} ${MONTHS[m - 1] ?? m} ${y}`,
  stamp: {
    label: 'Data version',
    day: 'Data date',
    rulesHash: 'Rules hash',
    scoringVersion: 'Scoring version',
    registryVersion: 'Registry version',
  },
  cityTitle: (city: string) => `${city} territorial compliance scorecard`,
  cityIntro:
    'What the grids, streets and key places of each district reported for the day, checked against the prevention, security and safety rules.',
  districtTitle: (district: string) => `${district} compliance scorecard`,
  districtIntro: (district: string) =>
    `What the streets, communities, grids and key places of ${district} reported for the day, and how it checked out.`,
  overall: 'Overall score',
  score: 'Score',
  band: 'Band',
  rank: 'Rank',
  district: 'District',
  street: 'Street / town',
  community: 'Community / village',
  areas: { prevention: 'Prevention', security: 'Security', safety: 'Safety' },
  areasShort: { prevention: 'Prev.', security: 'Sec.', safety: 'Safety' },
  severities: { critical: 'critical', major: 'major', minor: 'minor' },
  levels: { street: 'street', community: 'community', grid: 'grid', place: 'place' },
  bands: { green: 'Good', yellow: 'Watch', red: 'Behind', none: 'No data' },
  bandLegend: 'Bands',
  bandRule: {
    green: 'score ≥ 90',
    yellow: '75 ≤ score < 90',
    red: 'score < 75',
    none: 'nothing checked that day',
  },
  bandNote:
    'The bands are provisional until a scoring method is published. The score is the share of checks that passed, out of all checks including missing reports.',
  counts: {
    checks: 'Checks',
    pass: 'Passed',
    fail: 'Failed',
    missing: 'Missing',
    error: 'Errors',
  },
  summaryHeading: 'Summary',
  districtsHeading: 'Districts ranked',
  districtsCaption: 'Districts ranked by overall score, highest first',
  rulesHeading: 'Rules checked',
  rulesCaption: 'The rules in force that day and how they checked out',
  rule: 'Rule',
  area: 'Area',
  severity: 'Severity',
  source: 'Source',
  sourceAssumed: ' (source assumed)',
  inputHeading: 'Reports received',
  input: {
    reportFiles: 'Report files',
    rows: 'Rows',
    quarantinedFiles: 'Files set aside',
    quarantinedRows: 'Rows set aside',
    lateRows: 'Late rows',
  },
  failuresHeading: 'Failed checks',
  failuresNone: 'No check failed that day.',
  failuresCount: (n: number) => (n === 1 ? '1 failure' : `${n} failures`),
  remediation: 'Remediation',
  why: 'Why it failed',
  noConditions: 'No deciding condition was recorded.',
  sourceRef: 'Source',
  within: 'In',
  missingHeading: 'Missing reports',
  missingNone: 'No report was missing that day.',
  missingIntro:
    'These units did not report the data needed that day; a missing report counts as a failure.',
  missingCount: (n: number) => (n === 1 ? '1 unit did not report' : `${n} units did not report`),
  errorsHeading: 'Checks that could not run',
  errorsIntro: 'These checks could not be completed; please tell the people who run the system.',
  streetsHeading: 'Streets and towns ranked',
  streetsCaption:
    'Streets and towns ranked by overall score, each followed by its communities and villages',
  streetsNone: 'No street data that day.',
  streetsNarrow:
    'A narrow screen shows the overall score only; area scores show on wider screens and in print.',
  backToCity: (city: string) => `Back to ${city}`,
  viewDistrict: (district: string) => `View the scorecard of ${district}`,
  footerNote: 'Generated from the daily reports. Contains no personal data.',
};

const DICTS: Record<Locale, Dict> = { 'zh-CN': zh, en };

export function t(locale: Locale): Dict {
  return DICTS[locale];
}

/** An ISO day (`2020-03-24`) as words, without going through `Date`. */
export function formatDay(locale: Locale, iso: string): string {
  return DICTS[locale].date(isoParts(iso));
}

/** A score with one decimal, or an en dash when nothing was checked. */
export function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(1);
}
