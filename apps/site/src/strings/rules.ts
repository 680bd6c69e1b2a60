/**
 * Strings of the rules area: the rules catalog, a page per rule, the fact catalog, the scoring
 * method page and the city page's tile map. Kept apart from src/i18n.ts so that the areas of the
 * site can grow without editing one shared file; the general words (counts, statuses, severities)
 * stay in i18n.ts and are reused from there.
 */
import type { Locale } from '../i18n';

/** A share in percent without trailing zeros: 0.5 → "50". */
function percent(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

const zh = {
  /** The navigation between the pages of the rules area. */
  sectionNav: '规则与评分方法',
  nav: { catalog: '规则目录', facts: '事实目录', scoring: '评分方法' },
  rulesBreadcrumb: '检查规则',

  catalogTitle: '检查规则目录',
  catalogIntro: (day: string) =>
    `${day}生效的全部检查规则：检查什么、依据哪份文件的哪一条、当日有多少单位或场所不合格、缺报或经批准豁免。`,
  catalogCaption: '当日生效的检查规则，按领域和严重程度排列',
  areaRules: (n: number) => `${n} 条规则`,
  ruleId: '编号',
  assumed: '阈值为推定',
  assumedNote:
    '标有“阈值为推定”的规则，其阈值是在依据文件没有给出具体数字时采用的默认值，而非原文引用。',
  effective: '生效期间',
  effectiveFrom: (from: string) => `${from}起`,
  effectiveRange: (from: string, to: string) => `${from}至${to}`,
  catalogLink: '全部检查规则及其依据、判定条件用到的事实和评分方法',
  scoringLink: '评分方法详解：权重、等级、缺报、豁免、趋势和失分',
  cityRulesNote: '点击规则名称查看当日所有不合格、缺报和豁免的单位或场所。',

  aboutHeading: '规则说明',
  appliesTo: '适用对象',
  appliesToLevel: (level: string) => `每个${level}`,
  appliesToPlaces: (types: string) => `以下重点场所：${types}`,
  levelNames: {
    city: '市',
    district: '区县',
    street: '街道（乡镇）',
    community: '社区（村）',
    grid: '网格',
  } as Record<string, string>,
  placeTypes: {
    canteen: '单位食堂',
    school: '学校',
    'bus-line': '公交线路',
    market: '农贸市场',
    supermarket: '商场超市',
    hospital: '医疗机构',
    enterprise: '复工企业',
    'hazchem-enterprise': '危险化学品企业',
    'construction-site': '建筑工地',
    'government-agency': '机关单位',
  } as Record<string, string>,
  listSep: '、',
  responsible: '责任方',
  responsibleKinds: {
    unit: '被检查的单位或场所本身（由其第一责任人负责整改）',
    department: '行业主管部门（监督所管场所整改）',
    territorial: '属地（所在网格、社区、街道和区县逐级负责）',
  } as Record<string, string>,
  severityWeight: (severity: string, weight: number) => `${severity}（每项检查权重 ${weight}）`,
  version: '规则版本',
  todayHeading: '当日检查结果',
  notApplicable: '不适用',
  passNote: '通过的检查只计数，不逐一列出。',
  findingsHeading: '不合格、缺报和豁免',
  findingsCount: (n: number) => `共 ${n} 项`,
  findingsNone: '当日没有不合格、缺报或豁免的检查项。',
  findingsIntro: '按区县列出；每项说明判定依据的数值和要求。',
  findingsCaption: (district: string) => `${district}的不合格、缺报和豁免`,
  districtCounts: (fail: number, missing: number, waived: number) =>
    `不合格 ${fail}，缺报 ${missing}，已豁免 ${waived}`,
  onDistrictPage: '在区县页面查看：',
  explanation: '说明',
  missingExplained: '当日未收到所需的报告。',
  errorStatus: '检查出错',
  waiverUntil: (reason: string, approver: string, expiry: string) =>
    `豁免理由：${reason}（${approver}批准，有效期至${expiry}）`,

  factsTitle: '事实目录',
  factsIntro:
    '规则的判定条件所能使用的全部“事实”：各报表的字段（写作“报表.字段”）、报表是否迟报（“报表.late”）和检查对象的登记信息（“subject.…”）。标为个人信息的字段不会成为事实。供规则编写人员参考。',
  factsCaption: (group: string) => `报表 ${group} 的事实`,
  factsSubjectCaption: '检查对象的登记信息',
  factsCount: (n: number) => `共 ${n} 项事实`,
  factName: '名称',
  factLabel: '含义',
  factType: '类型',
  factUnit: '单位',
  factTypes: { integer: '整数', number: '数值', boolean: '是/否', string: '文本' } as Record<
    string,
    string
  >,
  operatorsHeading: '比较方式',
  operatorsIntro: '判定条件用以下比较方式把事实与要求的数值（或另一项事实）相比较：',
  operatorWords: {
    equal: '等于',
    notEqual: '不等于',
    lessThan: '小于',
    lessThanInclusive: '不超过',
    greaterThan: '大于',
    greaterThanInclusive: '不少于',
    in: '属于所列值之一',
    notIn: '不属于所列值',
    contains: '包含',
    doesNotContain: '不包含',
  } as Record<string, string>,

  scoringTitle: '评分方法',
  scoringIntro: (version: string) =>
    `本页说明得分、等级和趋势如何计算，内容直接取自当日结果所用的评分方法 ${version}。`,
  weightsHeading: '权重',
  severityWeightsCaption: '每项检查的权重，按所属规则的严重程度',
  areaWeightsCaption: '各领域在综合得分中的权重',
  weight: '权重',
  share: '占综合得分',
  shareValue: (share: number) => `${percent(share)}%`,
  weightsText:
    '一个领域的得分是该领域内各项检查按权重计算的通过比例（0–100）。综合得分按领域权重合成；当日没有计分检查项的领域不参与合成，其余领域的权重按比例放大。',
  example: (sev: [string, number][], score: string) =>
    `例如：某领域当日有三项检查，${sev[0]?.[0]}检查不合格，${sev[1]?.[0]}和${sev[2]?.[0]}检查通过，该领域得分为 (${sev[1]?.[1]} + ${sev[2]?.[1]}) ÷ (${sev[0]?.[1]} + ${sev[1]?.[1]} + ${sev[2]?.[1]}) × 100 = ${score}。`,
  rollupText:
    '得分逐级汇总：区县、街道、社区的得分由其范围内的全部检查项直接计算，而不是把下级的得分平均，所以规模大的单位不会被平均掉。重点场所的检查还按其行业主管部门汇总。',
  bandsHeading: '等级',
  bandsCaption: '得分对应的等级',
  bandRange: '得分范围',
  bandsText: '每个等级都有颜色、符号和文字，不靠颜色也能分辨，黑白打印同样适用。',
  missingHeading: '缺报、出错和豁免',
  missingWhen:
    '每条规则自行规定何时算作缺报：缺报即不合格、当日不适用，或沿用若干天内最近一次上报的数值。',
  trendsHeading: '趋势',
  lostHeading: '失分',
  description: '评分方法说明',

  tileMapHeading: '区县分布',
  tileMapIntro:
    '各区县大致按地理位置排列（长海县为海岛县），颜色、符号和文字都表示等级。点击区县查看其评分。',
  tileCapped: '等级封顶',
};

type RulesDict = typeof zh;

const en: RulesDict = {
  sectionNav: 'Rules and method',
  nav: { catalog: 'Rules', facts: 'Facts', scoring: 'Scoring method' },
  rulesBreadcrumb: 'Rules',

  catalogTitle: 'Rules catalog',
  catalogIntro: (day: string) =>
    `Every rule in force on ${day}: what it checks, which clause of which document it rests on, and how many units or places failed it, did not report or were waived that day.`,
  catalogCaption: 'The rules in force that day, by area and severity',
  areaRules: (n: number) => (n === 1 ? '1 rule' : `${n} rules`),
  ruleId: 'ID',
  assumed: 'threshold assumed',
  assumedNote:
    'A rule marked “threshold assumed” uses a default where its source gives no figure: the threshold is not a quotation.',
  effective: 'In force',
  effectiveFrom: (from: string) => `from ${from}`,
  effectiveRange: (from: string, to: string) => `${from} to ${to}`,
  catalogLink:
    'All rules with their sources, the facts their conditions use, and the scoring method',
  scoringLink:
    'The scoring method in full: weights, bands, missing reports, waivers, trends and points lost',
  cityRulesNote:
    'Select a rule to see every unit or place that failed it, did not report or was waived.',

  aboutHeading: 'About the rule',
  appliesTo: 'Applies to',
  appliesToLevel: (level: string) => `every ${level}`,
  appliesToPlaces: (types: string) => `key places: ${types}`,
  levelNames: {
    city: 'city',
    district: 'district',
    street: 'street or town',
    community: 'community or village',
    grid: 'grid',
  } as Record<string, string>,
  placeTypes: {
    canteen: 'canteen',
    school: 'school',
    'bus-line': 'bus line',
    market: 'farmers market',
    supermarket: 'supermarket',
    hospital: 'hospital',
    enterprise: 'enterprise back at work',
    'hazchem-enterprise': 'hazardous-chemicals enterprise',
    'construction-site': 'construction site',
    'government-agency': 'government agency',
  } as Record<string, string>,
  listSep: ', ',
  responsible: 'Responsible',
  responsibleKinds: {
    unit: 'the unit or place checked (its first responsible post puts it right)',
    department: 'the supervising department (sees that its places put it right)',
    territorial: 'the territory (the grid, community, street and district, level by level)',
  } as Record<string, string>,
  severityWeight: (severity: string, weight: number) => `${severity} (each check weighs ${weight})`,
  version: 'Rule version',
  todayHeading: 'Results of the day',
  notApplicable: 'Not applicable',
  passNote: 'Passed checks are counted, not listed.',
  findingsHeading: 'Failures, missing reports and waivers',
  findingsCount: (n: number) => (n === 1 ? '1 in all' : `${n} in all`),
  findingsNone: 'No check of this rule failed, went unreported or was waived that day.',
  findingsIntro: 'By district; each says what was found and what was required.',
  findingsCaption: (district: string) => `Failures, missing reports and waivers in ${district}`,
  districtCounts: (fail: number, missing: number, waived: number) =>
    `${fail} failed, ${missing} missing, ${waived} waived`,
  onDistrictPage: 'On the district page: ',
  explanation: 'Explanation',
  missingExplained: 'The report needed for the day was not received.',
  errorStatus: 'could not run',
  waiverUntil: (reason: string, approver: string, expiry: string) =>
    `Waived: ${reason} (approved by ${approver}, until ${expiry})`,

  factsTitle: 'Fact catalog',
  factsIntro:
    'Every fact a rule’s conditions can use: the fields of each form (written form.field), whether the form came in late (form.late), and what the registry holds about the subject (subject.…). Fields marked personal never become facts. For the people who write rules.',
  factsCaption: (group: string) => `Facts of the form ${group}`,
  factsSubjectCaption: 'What the registry holds about the subject',
  factsCount: (n: number) => (n === 1 ? '1 fact' : `${n} facts`),
  factName: 'Name',
  factLabel: 'Meaning',
  factType: 'Type',
  factUnit: 'Unit',
  factTypes: {
    integer: 'whole number',
    number: 'number',
    boolean: 'yes/no',
    string: 'text',
  } as Record<string, string>,
  operatorsHeading: 'Operators',
  operatorsIntro:
    'A condition compares a fact with the value required (or with another fact) in one of these ways:',
  operatorWords: {
    equal: 'equal to',
    notEqual: 'not equal to',
    lessThan: 'less than',
    lessThanInclusive: 'at most',
    greaterThan: 'more than',
    greaterThanInclusive: 'at least',
    in: 'one of the values listed',
    notIn: 'none of the values listed',
    contains: 'containing',
    doesNotContain: 'not containing',
  } as Record<string, string>,

  scoringTitle: 'How scores are computed',
  scoringIntro: (version: string) =>
    `How scores, bands and trends are computed, taken from the scoring method the day’s results were computed with: ${version}.`,
  weightsHeading: 'Weights',
  severityWeightsCaption: 'What one check weighs, by its rule’s severity',
  areaWeightsCaption: 'What each area weighs in the overall score',
  weight: 'Weight',
  share: 'Share of the overall score',
  shareValue: (share: number) => `${percent(share)} %`,
  weightsText:
    'An area’s score is the weighted share of its checks that passed (0–100). The overall score combines the areas by their weights; an area with nothing scored that day drops out and the others weigh proportionally more.',
  example: (sev: [string, number][], score: string) =>
    `For example: an area had three checks that day; the ${sev[0]?.[0]} one failed, the ${sev[1]?.[0]} and the ${sev[2]?.[0]} ones passed. Its score is (${sev[1]?.[1]} + ${sev[2]?.[1]}) ÷ (${sev[0]?.[1]} + ${sev[1]?.[1]} + ${sev[2]?.[1]}) × 100 = ${score}.`,
  rollupText:
    'Scores roll up the territory: a district’s, a street’s or a community’s score is computed from every check inside it, not by averaging the scores below, so a big unit is never averaged away. Checks of key places are also scored by the department that supervises them.',
  bandsHeading: 'Bands',
  bandsCaption: 'The band of a score',
  bandRange: 'Score',
  bandsText:
    'Every band has a colour, a symbol and a name: it reads without colour and in black-and-white print.',
  missingHeading: 'Missing reports, errors and waivers',
  missingWhen:
    'Each rule says when a report counts as missing: a missing report is a failure, the rule does not apply that day, or the last value reported within a few days is used.',
  trendsHeading: 'Trends',
  lostHeading: 'Points lost',
  description: 'The method in brief',

  tileMapHeading: 'Districts on the map',
  tileMapIntro:
    'The districts placed roughly as on the map (Changhai is a county of islands); colour, symbol and name each give the band. Select a district to see its scorecard.',
  tileCapped: 'capped',
};

const DICTS: Record<Locale, RulesDict> = { 'zh-CN': zh, en };

export const rulesStrings = { zh, en };

export function rt(locale: Locale): RulesDict {
  return DICTS[locale];
}
