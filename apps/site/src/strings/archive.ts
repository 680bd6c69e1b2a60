/**
 * Strings of the archive, the downloads and the report templates, in both languages. Kept apart
 * from src/i18n.ts so that work on other pages does not collide with this one; shared words
 * (headings, bands, counts) still come from there.
 */
import type { FieldType } from '@shoutu/core';
import type { Locale } from '../i18n';

const zh = {
  archiveTitle: '历史评分',
  archiveIntro:
    '每天的评分按当日的结果快照发布，发布后不再改变。以下按日期列出全市综合得分，最新在前；点击日期查看当日各区县的评分。',
  archiveCaption: (n: number) => `共 ${n} 天的全市综合得分（最新在前）`,
  archiveEmpty: '还没有任何一天的结果。',
  month: (y: number, m: number) => `${y}年${m}月`,
  day: '日期',
  cityScore: '全市综合得分',
  cappedShort: '（封顶）',
  changeSincePrevious: '较前一日',
  dayTitle: (city: string, day: string) => `${city}${day}评分`,
  dayIntro: '当日各区县的综合得分、分领域得分和较前一日的变化。',
  districtDayTitle: (district: string, day: string) => `${district}${day}评分`,
  districtDayIntro:
    '当日的评分摘要：街道（乡镇）排名、按规则分组的不合格检查、缺报和生效中的豁免。',
  snapshotNote: '这是当日发布的结果快照，不随之后的规则或数据变化。',
  latestLink: '查看最新评分',
  latestDistrictLink: (district: string) => `查看${district}最新评分`,
  previousDay: '前一日',
  nextDay: '后一日',
  dayNav: '按日期浏览',
  allDays: '全部日期',
  archiveShort: '历史',
  downloadsHeading: '下载数据',
  downloadsNote:
    'CSV 文件为 UTF-8 编码（带 BOM），可直接用 Excel 打开；JSON 供程序读取。数据不含个人信息。',
  downloadCityCsv: '各区县得分（CSV）',
  downloadCityJson: '各区县得分（JSON）',
  downloadUnitsCsv: '各单位得分（CSV）',
  downloadFindingsCsv: '不合格、缺报和豁免明细（CSV）',
  downloadDistrictJson: '单位得分和明细（JSON）',
  streetsArchiveCaption: '各街道（乡镇）按综合得分排名（高分在前）',
  streetsNarrow: '窄屏只显示综合得分和较昨日变化；分领域得分在宽屏和打印版中显示。',
  failuresArchiveNone: '当日没有不合格的检查项。',
  missingArchiveIntro: '以下单位或场所当日未上报所需数据：',
  waiversArchiveNone: '当日没有生效的豁免。',
  subjectsSep: '、',
  missingByStreet: (n: number, streets: string[]) =>
    `共 ${n} 个，按街道（乡镇）：${streets.join('、')}。完整名单见下载的明细 CSV。`,
  streetCount: (street: string, n: number) => `${street} ${n}`,
  /** In the downloads: why a finding is listed, when no deciding condition says it. */
  explain: {
    missing: '当日未收到所需的报告',
    error: '检查未能完成',
    waived: { fail: '不合格（已豁免）', missing: '缺报（已豁免）' },
  },
  /** The templates and downloads page. */
  downloadsTitle: '数据下载和报表模板',
  downloadsIntro: '最新一天的评分数据，以及各单位填报每日报告用的空白模板。',
  latestDataHeading: (day: string) => `最新数据（${day}）`,
  cityData: (city: string) => `${city}各区县得分`,
  findingsShort: '明细 CSV',
  unitsShort: '各单位得分 CSV',
  archiveDataNote: '此前每一天的数据，在历史评分中该日的页面上下载：',
  templatesTitle: '报表模板',
  templatesIntro:
    '每张报表的空白 CSV 模板：第一行是列名，每个填报对象填一行。subject 填单位代码或场所编号，submitted_at 填提交时间（如 2020-02-02T10:30），其余各列按下表填写。是/否字段可填 true/false、yes/no 或 是/否。文件请用 UTF-8 编码保存（Excel：“CSV UTF-8”）。',
  templatesEmpty: '没有找到报表定义。',
  formsCaption: (title: string) => `${title}的字段（按列顺序）`,
  filledBy: '填报对象',
  due: '截止时间',
  dueValue: (time: string) => `每日 ${time} 前`,
  noDue: '未规定',
  field: '字段（列名）',
  type: '类型',
  entry: '填写',
  detailSep: ' · ',
  personal: '个人信息',
  required: '必填',
  optional: '选填',
  types: {
    integer: '整数',
    number: '数值',
    boolean: '是/否',
    text: '文字',
    date: '日期',
    time: '时间',
    enum: '选项',
  } satisfies Record<FieldType, string>,
  rangeMin: (n: number) => `≥ ${n}`,
  rangeMax: (n: number) => `≤ ${n}`,
  rangeBoth: (a: number, b: number) => `${a}–${b}`,
  options: (list: string[]) => list.join(' / '),
  personalNote:
    '标为个人信息的列须照常填写：系统核对后即将其删除，不进入规则、结果、页面或下载文件。',
  placeTypes: (names: string[]) => `重点场所：${names.join('、')}`,
  level: (name: string) => `每个${name}`,
  downloadTemplate: (id: string) => `下载空白模板 ${id}.csv`,
  downloadsLink: '数据下载和报表模板',
};

type Strings = typeof zh;

const en: Strings = {
  archiveTitle: 'Archive',
  archiveIntro:
    'Each day’s scorecard is published from that day’s snapshot of results and does not change afterwards. The city’s overall score of every day, newest first; choose a day to see its districts.',
  archiveCaption: (n: number) =>
    n === 1
      ? 'The city’s overall score of 1 day'
      : `The city’s overall score of ${n} days, newest first`,
  archiveEmpty: 'No day has results yet.',
  month: (y: number, m: number) => `${MONTHS[m - 1] ?? m} ${y}`,
  day: 'Day',
  cityScore: 'City score',
  cappedShort: ' (capped)',
  changeSincePrevious: 'Change',
  dayTitle: (city: string, day: string) => `${city} scorecard of ${day}`,
  dayIntro:
    'The overall and area scores of each district that day, and the change since the day before.',
  districtDayTitle: (district: string, day: string) => `${district} scorecard of ${day}`,
  districtDayIntro:
    'The day in brief: streets and towns ranked, failed checks by rule, missing reports and the waivers in force.',
  snapshotNote:
    'This is the snapshot published that day; later changes to rules or data do not change it.',
  latestLink: 'See the latest scorecard',
  latestDistrictLink: (district: string) => `See the latest scorecard of ${district}`,
  previousDay: 'Previous day',
  nextDay: 'Next day',
  dayNav: 'Browse by day',
  allDays: 'All days',
  archiveShort: 'Archive',
  downloadsHeading: 'Download the data',
  downloadsNote:
    'CSV files are UTF-8 (with a byte order mark) and open in Excel; JSON is for programs. The data contain no personal information.',
  downloadCityCsv: 'District scores (CSV)',
  downloadCityJson: 'District scores (JSON)',
  downloadUnitsCsv: 'Scores of every unit (CSV)',
  downloadFindingsCsv: 'Failures, missing reports and waivers (CSV)',
  downloadDistrictJson: 'Unit scores and findings (JSON)',
  streetsArchiveCaption: 'Streets and towns ranked by overall score, highest first',
  streetsNarrow:
    'A narrow screen shows the overall score and the day’s change only; area scores show on wider screens and in print.',
  failuresArchiveNone: 'No check failed that day.',
  missingArchiveIntro: 'These units or places did not report the data needed that day:',
  waiversArchiveNone: 'No waiver was in force that day.',
  subjectsSep: ', ',
  missingByStreet: (n: number, streets: string[]) =>
    `${n} in all; by street or town: ${streets.join(', ')}. The findings CSV below lists every one.`,
  streetCount: (street: string, n: number) => `${street} ${n}`,
  explain: {
    missing: 'the report needed that day was not received',
    error: 'the check could not be completed',
    waived: { fail: 'failed (waived)', missing: 'missing (waived)' },
  },
  downloadsTitle: 'Data downloads and report templates',
  downloadsIntro:
    'The scorecard data of the latest day, and the blank templates units fill in for their daily reports.',
  latestDataHeading: (day: string) => `Latest data (${day})`,
  cityData: (city: string) => `${city}, district scores`,
  findingsShort: 'findings CSV',
  unitsShort: 'unit scores CSV',
  archiveDataNote: 'The data of every earlier day are on that day’s pages in the archive:',
  templatesTitle: 'Report templates',
  templatesIntro:
    'A blank CSV template for each report form: the first row holds the column names, then one row per unit or place reporting. Put the unit’s code or the place’s id in subject and the time of submission in submitted_at (e.g. 2020-02-02T10:30), and the other columns as listed below. Yes/no fields take true/false, yes/no or 是/否. Save the file as UTF-8 (Excel: “CSV UTF-8”).',
  templatesEmpty: 'No report form was found.',
  formsCaption: (title: string) => `The fields of the ${title}, in column order`,
  filledBy: 'Filled in by',
  due: 'Due',
  dueValue: (time: string) => `by ${time} every day`,
  noDue: 'no set time',
  field: 'Field (column)',
  type: 'Type',
  entry: 'Entry',
  detailSep: ' · ',
  personal: 'personal',
  required: 'required',
  optional: 'optional',
  types: {
    integer: 'whole number',
    number: 'number',
    boolean: 'yes/no',
    text: 'text',
    date: 'date',
    time: 'time',
    enum: 'one of',
  },
  rangeMin: (n: number) => `≥ ${n}`,
  rangeMax: (n: number) => `≤ ${n}`,
  rangeBoth: (a: number, b: number) => `${a}–${b}`,
  options: (list: string[]) => list.join(' / '),
  personalNote:
    'Columns marked personal must still be filled in: they are checked on entry and then dropped, and never reach rules, results, pages or downloads.',
  placeTypes: (names: string[]) => `key places: ${names.join(', ')}`,
  level: (name: string) => `each ${name}`,
  downloadTemplate: (id: string) => `Download the blank template ${id}.csv`,
  downloadsLink: 'Data downloads and report templates',
};

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

const STRINGS: Record<Locale, Strings> = { 'zh-CN': zh, en };

export function archiveStrings(locale: Locale): Strings {
  return STRINGS[locale];
}

export default { zh, en };
