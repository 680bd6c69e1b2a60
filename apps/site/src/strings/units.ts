/**
 * Strings of the drill-down below the district (street and community pages), the department
 * pages, the 30-day trend chart, the sortable tables and the responsible parties, in both
 * languages. Kept apart from src/i18n.ts so that work on other pages does not collide with it.
 */
import type { Locale } from '../i18n';

/** A level of the territory as the pages name it: `street`, `community`, `grid` or `district`. */
type Level = 'district' | 'street' | 'community' | 'grid';

const zh = {
  levels: {
    district: '区县',
    street: '街道（乡镇）',
    community: '社区（村）',
    grid: '网格',
  } satisfies Record<Level, string>,
  unitTitle: (name: string) => `${name}合规评分`,
  unitIntro: (level: string, name: string) =>
    level === 'street'
      ? `${name}各社区（村）、网格和重点场所每日上报情况的检查结果。`
      : `${name}各网格和重点场所每日上报情况的检查结果。`,
  childrenHeading: (level: string): string => (level === 'street' ? '社区（村）排名' : '网格排名'),
  childrenCaption: (level: string): string =>
    level === 'street'
      ? '本街道（乡镇）各社区（村）按综合得分排名（高分在前）'
      : '本社区（村）各网格按综合得分排名（高分在前）',
  childrenNone: '当日没有下级单位的数据。',
  lostChildren: (level: string): string =>
    level === 'street'
      ? '失分：本街道综合得分中在该社区内失去的分数。'
      : '失分：本社区综合得分中在该网格内失去的分数（含网格内重点场所）。',
  ownLost: (level: string, n: string) =>
    `${level === 'street' ? '街道' : level === 'community' ? '社区' : '区县'}自身检查项失分：${n}。`,
  lostHeading: '失分构成',
  lostIntro: (score: string, lost: string) =>
    `综合得分 ${score}，共失分 ${lost}，分布如下（各项相加等于 100 减得分，四舍五入前）。`,
  lostOwn: '本级自身检查项',
  placesHeading: '有问题的重点场所',
  placesCaption: '当日有问题的重点场所（检查全部通过的不列出）',
  placesNone: '当日本社区（村）没有存在问题的重点场所。',
  placeLost: '失分：所在网格综合得分中在该场所内失去的分数。',
  place: '场所',
  grid: '网格',
  waiversCaption: '当日对本单位及其下级单位或场所生效的豁免',
  responsible: '责任方',
  primary: '主责',
  roles: { place: '场所', department: '主管部门' },
  /** Departments. */
  departmentsTitle: (city: string) => `${city}行业主管部门合规评分`,
  departmentsIntro: '重点场所的检查结果，按监管这些场所的行业主管部门汇总。',
  departmentsCaption: '各行业主管部门按其监管的重点场所的综合得分排名（高分在前）',
  departmentTitle: (name: string) => `${name}合规评分`,
  departmentIntro: (name: string) =>
    `${name}监管的各区县重点场所当日的不合格、缺报和已豁免的检查项。`,
  lead: '负责人',
  byDistrictHeading: '各区县情况',
  byDistrictCaption: (name: string) => `${name}监管的重点场所，按区县汇总（高分在前）`,
  findingsPlaceIntro: '以下为本部门监管的重点场所的检查项，按规则分组。',
  allDepartments: '全部行业主管部门',
  viewDepartments: '查看各行业主管部门的评分',
  /** The trend chart. */
  chart: {
    title: (name: string, days: number) => `${name}近${days}日综合得分`,
    heading: (days: number) => `近${days}日走势`,
    summary: (from: string, first: string, to: string, last: string) =>
      `从 ${from} 的 ${first} 到 ${to} 的 ${last}`,
    range: (high: string, highDay: string, low: string, lowDay: string) =>
      `最高 ${high}（${highDay}），最低 ${low}（${lowDay}）`,
    gaps: (n: number) => `${n} 天无数据`,
    sep: '；',
    end: '。',
    none: (days: number) => `近${days}日没有可显示的得分。`,
    tableCaption: (name: string, days: number) => `${name}近${days}日每日综合得分`,
    day: '日期',
    score: '综合得分',
    band: '等级',
    noData: '无数据',
    point: (day: string, score: string, band: string) => `${day}：${score}（${band}）`,
    threshold: (band: string, score: number) => `${band} ${score}`,
    short: ([, m, d]: [number, number, number]) => `${m}/${d}`,
  },
  /** The sortable and filterable tables. */
  table: {
    filter: '筛选',
    filterHint: '输入名称或编码',
    shown: '显示 {shown} / {total} 行',
    sortBy: '按此列排序',
  },
};

type Strings = typeof zh;

const en: Strings = {
  levels: {
    district: 'District',
    street: 'Street / town',
    community: 'Community / village',
    grid: 'Grid',
  },
  unitTitle: (name: string) => `${name} compliance scorecard`,
  unitIntro: (level: string, name: string) =>
    level === 'street'
      ? `What the communities, grids and key places of ${name} reported for the day, and how it checked out.`
      : `What the grids and key places of ${name} reported for the day, and how it checked out.`,
  childrenHeading: (level: string): string =>
    level === 'street' ? 'Communities and villages ranked' : 'Grids ranked',
  childrenCaption: (level: string): string =>
    level === 'street'
      ? 'The communities and villages of the street ranked by overall score, highest first'
      : 'The grids of the community ranked by overall score, highest first',
  childrenNone: 'No data for the units below that day.',
  lostChildren: (level: string): string =>
    level === 'street'
      ? 'Points lost: points of the street’s overall score lost inside the community.'
      : 'Points lost: points of the community’s overall score lost inside the grid (its key places included).',
  ownLost: (level: string, n: string) =>
    `Points lost on the ${level === 'street' ? 'street’s' : level === 'community' ? 'community’s' : 'district’s'} own checks: ${n}.`,
  lostHeading: 'Where the points were lost',
  lostIntro: (score: string, lost: string) =>
    `Overall score ${score}: ${lost} points lost, as follows (they add up to 100 minus the score, before rounding).`,
  lostOwn: 'Own checks',
  placesHeading: 'Key places with a finding',
  placesCaption:
    'Key places with a finding that day (those that passed every check are not listed)',
  placesNone: 'No key place of the community had a finding that day.',
  placeLost: 'Points lost: points of the grid’s overall score lost inside the place.',
  place: 'Place',
  grid: 'Grid',
  waiversCaption: 'Waivers in force that day for the unit and the units and places inside it',
  responsible: 'Responsible',
  primary: 'primary',
  roles: { place: 'Place', department: 'Supervising department' },
  departmentsTitle: (city: string) => `${city} supervising departments scorecard`,
  departmentsIntro: 'Findings on key places, by the department that supervises them.',
  departmentsCaption:
    'Supervising departments ranked by the overall score of the key places they supervise, highest first',
  departmentTitle: (name: string) => `${name} compliance scorecard`,
  departmentIntro: (name: string) =>
    `Failed, missing and waived checks of the key places ${name} supervises, in every district, for the day.`,
  lead: 'Head',
  byDistrictHeading: 'By district',
  byDistrictCaption: (name: string) =>
    `The key places ${name} supervises, by district, highest score first`,
  findingsPlaceIntro: 'Checks of the key places the department supervises, grouped by rule.',
  allDepartments: 'All supervising departments',
  viewDepartments: 'Scorecards of the supervising departments',
  chart: {
    title: (name: string, days: number) => `${name}: overall score over the last ${days} days`,
    heading: (days: number) => `Last ${days} days`,
    summary: (from: string, first: string, to: string, last: string) =>
      `From ${first} on ${from} to ${last} on ${to}`,
    range: (high: string, highDay: string, low: string, lowDay: string) =>
      `highest ${high} (${highDay}), lowest ${low} (${lowDay})`,
    gaps: (n: number) => (n === 1 ? 'no data on 1 day' : `no data on ${n} days`),
    sep: '; ',
    end: '.',
    none: (days: number) => `No score to show for the last ${days} days.`,
    tableCaption: (name: string, days: number) =>
      `${name}: overall score on each of the last ${days} days`,
    day: 'Day',
    score: 'Overall score',
    band: 'Band',
    noData: 'no data',
    point: (day: string, score: string, band: string) => `${day}: ${score} (${band})`,
    threshold: (band: string, score: number) => `${band} ${score}`,
    short: ([, m, d]: [number, number, number]) =>
      `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? m}`,
  },
  table: {
    filter: 'Filter',
    filterHint: 'a name or a code',
    shown: '{shown} of {total} rows shown',
    sortBy: 'Sort by this column',
  },
};

const STRINGS: Record<Locale, Strings> = { 'zh-CN': zh, en };

export function units(locale: Locale): Strings {
  return STRINGS[locale];
}

/** A short day for a chart axis, `3/24` or `24 Mar`, without going through `Date`. */
export function shortDay(locale: Locale, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return STRINGS[locale].chart.short([y ?? 0, m ?? 0, d ?? 0]);
}

export default { zh, en };
