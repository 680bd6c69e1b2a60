/**
 * Every string of the site's interface, in both languages. Text that comes from the data (names,
 * rule titles, remediations) is already bilingual and is picked with `dataLang`.
 */
import type { Area, Band, Lang, Severity } from '@shoutu/core';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The key of `LocalizedText` in the results for a site locale. */
export const dataLang: Record<Locale, Lang> = { 'zh-CN': 'zh', en: 'en' };

/** A band, or `none` when nothing was scored. */
export type BandKey = Band | 'none';

/** The lowest score of green and of yellow, from the scoring method. */
export interface Thresholds {
  green: number;
  yellow: number;
}

/** A change in points with its sign: `+2.2`, `−2.7` (a true minus sign), `0.0`. */
export function formatChange(change: number): string {
  const fixed = Math.abs(change).toFixed(1);
  if (fixed === '0.0') return fixed;
  return change > 0 ? `+${fixed}` : `\u2212${fixed}`;
}

/** Points lost, with two decimals (they are small at the city level). */
export function formatLost(lost: number): string {
  return lost.toFixed(2);
}

/** A share in percent without trailing zeros: 0.5 → "50". */
function percent(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

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
  fullStop: '。',
  listSep: '；',
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
    scoringHash: '评分方法哈希',
    waiversHash: '豁免哈希',
    registryVersion: '名录版本',
    revision: '版次',
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
  areas: { prevention: '疫情防控', security: '保障稳定', safety: '安全值守' } as Record<
    Area,
    string
  >,
  areasShort: { prevention: '防控', security: '保障', safety: '安全' } as Record<Area, string>,
  severities: { critical: '重大', major: '较重', minor: '一般' } satisfies Record<Severity, string>,
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
    green: (b: Thresholds) => `得分 ≥ ${b.green}`,
    yellow: (b: Thresholds) => `${b.yellow} ≤ 得分 < ${b.green}`,
    red: (b: Thresholds) => `得分 < ${b.yellow}`,
    none: (_: Thresholds) => '当日无计分检查项',
  } satisfies Record<BandKey, (b: Thresholds) => string>,
  bandCapRule: (cap: string) => `有重大检查不达标时，等级最高为“${cap}”（等级封顶）。`,
  bandNote: '得分按严重程度和领域加权计算，',
  bandNoteLink: '计算方法见评分方法页面',
  capped: (n: number) => `因${n}项重大检查不达标，等级封顶`,
  counts: {
    checks: '检查项',
    pass: '通过',
    fail: '不合格',
    missing: '缺报',
    waived: '已豁免',
    error: '错误',
    criticalFailures: '重大检查不达标',
  },
  trend: {
    change: '较昨日',
    week: '近7日',
    month: '近30日',
  },
  trendShort: { change: '较昨日', week: '近7日' },
  trendNote: '较昨日：与前一日相比的得分变化；近7日：近7日拟合的得分变化。',
  noTrend: '无可比数据',
  trendLegend: (flat: number) => `▲ 上升　▼ 下降　≈ 持平（变化不超过 ${flat} 分）`,
  lost: '失分',
  lostCity: '失分：全市综合得分中在该区县内失去的分数。',
  lostStreets: '失分：上级单位综合得分中在该单位内失去的分数（街道相对区县，社区相对所属街道）。',
  ownLost: (n: string) => `区县自身检查项失分：${n}。`,
  departmentsHeading: '行业主管部门',
  nav: { rules: '检查规则', departments: '主管部门', archive: '历史', downloads: '下载' },
  departmentsCaption: '重点场所的检查结果，按行业主管部门汇总（高分在前）',
  departmentsDistrictCaption: '本区县重点场所的检查结果，按行业主管部门汇总（高分在前）',
  department: '主管部门',
  departmentsNone: '当日没有重点场所的检查结果。',
  streaksHeading: '持续时间最长的问题',
  streaksCaption: (n: number) => `至今仍未解决、持续天数最多的 ${n} 项不合格或缺报`,
  streaksNone: '当日没有持续中的不合格或缺报。',
  subject: '检查对象',
  status: '状态',
  days: '持续天数',
  daysValue: (n: number) => `${n} 天`,
  statuses: { fail: '不合格', missing: '缺报', waived: '已豁免' },
  streak: {
    fail: (n: number) => (n === 1 ? '今日新增' : `连续 ${n} 天不合格`),
    missing: (n: number) => (n === 1 ? '今日新增' : `连续 ${n} 天缺报`),
  },
  scoringHeading: '评分方法',
  scoring: {
    /** Between sentences. */
    sep: '',
    method: (v: string) => `评分方法 ${v}。`,
    severity: (w: string) => `每项检查按所属规则的严重程度计权（${w}）；`,
    areas: (w: string) =>
      `每个领域的得分是加权后通过的比例，综合得分由有检查项的领域按权重合成（${w}）。`,
    list: (items: string[]) => items.join('、'),
    item: (label: string, weight: number) => `${label} ${weight}`,
    missing: {
      fail: '缺报按不合格计入。',
      ignore: '缺报不计分。',
      partial: (share: number) => `缺报按 ${percent(share)}% 计分。`,
    },
    error: {
      fail: '无法完成的检查按不合格计入。',
      ignore: '无法完成的检查不计分。',
      partial: (share: number) => `无法完成的检查按 ${percent(share)}% 计分。`,
    },
    waived: '经批准豁免的不合格和缺报照常列出，但不计分。',
    bands: (b: Thresholds, names: Record<BandKey, string>) =>
      `得分 ≥ ${b.green} 为“${names.green}”，${b.yellow} 至 ${b.green} 为“${names.yellow}”，低于 ${b.yellow} 为“${names.red}”。`,
    cap: (cap: string) => `单位内有任一重大检查不达标时，其等级最高为“${cap}”（等级封顶）。`,
    trend: (flat: number) =>
      `“较昨日”是与前一日相比的得分变化，“近7日”“近30日”是按每日得分拟合的变化；变化不超过 ${flat} 分视为持平。`,
    lost: '“失分”是上级单位综合得分中在该单位内失去的分数；各下级单位的失分，加上上级单位自身检查项的失分，等于上级的 100 减得分（四舍五入前）。',
  },
  waivedHeading: '已豁免',
  waivedIntro: '以下不合格或缺报已经批准豁免，照常列出，但不计入得分。',
  waivedNone: '当日没有豁免的检查项。',
  waivedCount: (n: number) => `${n} 项已豁免`,
  wouldBe: { fail: '不合格（已豁免）', missing: '缺报（已豁免）' },
  waiverReason: '豁免理由',
  waiverApprover: '批准单位',
  waiverValid: '有效期',
  waiverValidRange: (from: string, to: string) => `${from} 至 ${to}`,
  waiverUnknown: '未找到对应的豁免记录。',
  waiversHeading: '生效中的豁免',
  waiversCaption: '当日对本区县单位或场所生效的豁免',
  waiversNone: '当日没有生效的豁免。',
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
  missingIntro: '以下单位当日未上报所需数据。',
  missingCount: (n: number) => `${n} 个单位缺报`,
  errorsHeading: '检查出错',
  errorsIntro: '以下检查项未能完成，请联系系统维护人员。',
  streetsHeading: '街道（乡镇）排名',
  streetsCaption: '各街道（乡镇）按综合得分排名，其下列出所属社区（村）',
  streetsNone: '当日没有街道数据。',
  streetsNarrow: '窄屏只显示综合得分；分领域得分和近7日变化在宽屏和打印版中显示。',
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
  fullStop: '.',
  listSep: '; ',
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
    scoringHash: 'Scoring hash',
    waiversHash: 'Waivers hash',
    registryVersion: 'Registry version',
    revision: 'Revision',
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
  areas: { prevention: 'Prevention', security: 'Security', safety: 'Safety' } as Record<
    Area,
    string
  >,
  areasShort: { prevention: 'Prev.', security: 'Sec.', safety: 'Safety' } as Record<Area, string>,
  severities: { critical: 'critical', major: 'major', minor: 'minor' },
  levels: { street: 'street', community: 'community', grid: 'grid', place: 'place' },
  bands: { green: 'Good', yellow: 'Watch', red: 'Behind', none: 'No data' },
  bandLegend: 'Bands',
  bandRule: {
    green: (b: Thresholds) => `score ≥ ${b.green}`,
    yellow: (b: Thresholds) => `${b.yellow} ≤ score < ${b.green}`,
    red: (b: Thresholds) => `score < ${b.yellow}`,
    none: (_: Thresholds) => 'nothing scored that day',
  },
  bandCapRule: (cap: string) => `A failed critical check caps the band at “${cap}”.`,
  bandNote: 'Scores are weighted by severity and area; ',
  bandNoteLink: 'how they are computed',
  capped: (n: number) =>
    n === 1 ? 'capped by 1 critical failure' : `capped by ${n} critical failures`,
  counts: {
    checks: 'Checks',
    pass: 'Passed',
    fail: 'Failed',
    missing: 'Missing',
    waived: 'Waived',
    error: 'Errors',
    criticalFailures: 'Critical failures',
  },
  trend: {
    change: 'Since yesterday',
    week: '7 days',
    month: '30 days',
  },
  trendShort: { change: '1 day', week: '7 days' },
  trendNote:
    '1 day: the change in score since the previous day; 7 days: the change fitted over the last 7 days.',
  noTrend: 'nothing to compare',
  trendLegend: (flat: number) =>
    `▲ up, ▼ down, ≈ flat (a change of at most ${flat} ${flat === 1 ? 'point' : 'points'})`,
  lost: 'Points lost',
  lostCity: 'Points lost: points of the city’s overall score lost inside the district.',
  lostStreets:
    'Points lost: points of the parent’s overall score lost inside the unit (for a street, of the district’s score; for a community, of its street’s).',
  ownLost: (n: string) => `Points lost on the district’s own checks: ${n}.`,
  departmentsHeading: 'Supervising departments',
  nav: { rules: 'Rules', departments: 'Departments', archive: 'Archive', downloads: 'Downloads' },
  departmentsCaption:
    'Findings on key places by the department that supervises them, highest first',
  departmentsDistrictCaption:
    'Findings on the district’s key places by supervising department, highest first',
  department: 'Department',
  departmentsNone: 'No key place was checked that day.',
  streaksHeading: 'Longest running failures',
  streaksCaption: (n: number) =>
    `The ${n} failures and missing reports still running that have lasted longest`,
  streaksNone: 'No failure or missing report is running.',
  subject: 'Unit or place',
  status: 'Status',
  days: 'Days',
  daysValue: (n: number) => (n === 1 ? '1 day' : `${n} days`),
  statuses: { fail: 'failed', missing: 'missing', waived: 'waived' },
  streak: {
    fail: (n: number) => (n === 1 ? 'new today' : `failing for ${n} days`),
    missing: (n: number) => (n === 1 ? 'new today' : `missing for ${n} days`),
  },
  scoringHeading: 'How scores are computed',
  scoring: {
    sep: ' ',
    method: (v: string) => `Scoring method ${v}. `,
    severity: (w: string) => `Each check weighs by its rule’s severity (${w}); `,
    areas: (w: string) =>
      `an area’s score is the weighted share of checks passed, and the overall score combines the areas that had checks by their weights (${w}).`,
    list: (items: string[]) => items.join(', '),
    item: (label: string, weight: number) => `${label} ${weight}`,
    missing: {
      fail: 'A missing report counts as a failure.',
      ignore: 'A missing report is not scored.',
      partial: (share: number) => `A missing report earns ${percent(share)}% of a pass.`,
    },
    error: {
      fail: 'A check that could not run counts as a failure.',
      ignore: 'A check that could not run is not scored.',
      partial: (share: number) => `A check that could not run earns ${percent(share)}% of a pass.`,
    },
    waived: 'Approved waivers: the failures and missing reports they cover are listed, not scored.',
    bands: (b: Thresholds, names: Record<BandKey, string>) =>
      `A score of ${b.green} or more is “${names.green}”, from ${b.yellow} up to ${b.green} “${names.yellow}”, below ${b.yellow} “${names.red}”.`,
    cap: (cap: string) => `A failed critical check anywhere in a unit caps its band at “${cap}”.`,
    trend: (flat: number) =>
      `“Since yesterday” is the change from the previous day; “7 days” and “30 days” are the change fitted to the daily scores. A change of at most ${flat} ${flat === 1 ? 'point' : 'points'} reads as flat.`,
    lost: '“Points lost” are the points of the parent’s overall score lost inside a unit; those of all its units, plus those lost on the parent’s own checks, add up to 100 minus the parent’s score (before rounding).',
  },
  waivedHeading: 'Waived',
  waivedIntro:
    'These failures and missing reports are under an approved waiver: listed, not scored.',
  waivedNone: 'No finding was waived that day.',
  waivedCount: (n: number) => (n === 1 ? '1 waived' : `${n} waived`),
  wouldBe: { fail: 'failed (waived)', missing: 'missing (waived)' },
  waiverReason: 'Reason',
  waiverApprover: 'Approved by',
  waiverValid: 'Valid',
  waiverValidRange: (from: string, to: string) => `${from} to ${to}`,
  waiverUnknown: 'No matching waiver was found.',
  waiversHeading: 'Waivers in force',
  waiversCaption: 'Waivers in force that day for units and places of the district',
  waiversNone: 'No waiver was in force that day.',
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
  missingIntro: 'These units did not report the data needed that day.',
  missingCount: (n: number) => (n === 1 ? '1 unit did not report' : `${n} units did not report`),
  errorsHeading: 'Checks that could not run',
  errorsIntro: 'These checks could not be completed; please tell the people who run the system.',
  streetsHeading: 'Streets and towns ranked',
  streetsCaption:
    'Streets and towns ranked by overall score, each followed by its communities and villages',
  streetsNone: 'No street data that day.',
  streetsNarrow:
    'A narrow screen shows the overall score only; area scores and the 7-day change show on wider screens and in print.',
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
