/**
 * Dalian's ten county-level units with their real codes and names, and the number of
 * street/town-level units in each (October 2019). Profiles shape the generated reports.
 */
export type Profile = 'strong' | 'improving' | 'middle' | 'weak';

export interface DistrictSeed {
  code: string;
  zh: string;
  en: string;
  kind: 'district' | 'county' | 'county-level-city';
  streets: number;
  profile: Profile;
}

export const CITY = { code: '210200', zh: '大连市', en: 'Dalian' };

export const DISTRICTS: readonly DistrictSeed[] = [
  {
    code: '210202',
    zh: '中山区',
    en: 'Zhongshan District',
    kind: 'district',
    streets: 9,
    profile: 'strong',
  },
  {
    code: '210203',
    zh: '西岗区',
    en: 'Xigang District',
    kind: 'district',
    streets: 7,
    profile: 'strong',
  },
  {
    code: '210204',
    zh: '沙河口区',
    en: 'Shahekou District',
    kind: 'district',
    streets: 9,
    profile: 'middle',
  },
  {
    code: '210211',
    zh: '甘井子区',
    en: 'Ganjingzi District',
    kind: 'district',
    streets: 16,
    profile: 'improving',
  },
  {
    code: '210212',
    zh: '旅顺口区',
    en: 'Lüshunkou District',
    kind: 'district',
    streets: 12,
    profile: 'middle',
  },
  {
    code: '210213',
    zh: '金州区',
    en: 'Jinzhou District',
    kind: 'district',
    streets: 27,
    profile: 'improving',
  },
  {
    code: '210214',
    zh: '普兰店区',
    en: 'Pulandian District',
    kind: 'district',
    streets: 19,
    profile: 'improving',
  },
  {
    code: '210224',
    zh: '长海县',
    en: 'Changhai County',
    kind: 'county',
    streets: 5,
    profile: 'weak',
  },
  {
    code: '210281',
    zh: '瓦房店市',
    en: 'Wafangdian',
    kind: 'county-level-city',
    streets: 32,
    profile: 'weak',
  },
  {
    code: '210283',
    zh: '庄河市',
    en: 'Zhuanghe',
    kind: 'county-level-city',
    streets: 26,
    profile: 'middle',
  },
];

/** Name stems for generated streets and communities; the units themselves are invented. */
export const NAME_STEMS: readonly (readonly [string, string])[] = [
  ['海滨', 'Haibin'],
  ['青泥', 'Qingni'],
  ['桃源', 'Taoyuan'],
  ['春柳', 'Chunliu'],
  ['人民', 'Renmin'],
  ['友好', 'Youhao'],
  ['长江', 'Changjiang'],
  ['东山', 'Dongshan'],
  ['西山', 'Xishan'],
  ['南山', 'Nanshan'],
  ['北岗', 'Beigang'],
  ['和平', 'Heping'],
  ['兴工', 'Xinggong'],
  ['春和', 'Chunhe'],
  ['明珠', 'Mingzhu'],
  ['凌水', 'Lingshui'],
  ['泉水', 'Quanshui'],
  ['红旗', 'Hongqi'],
  ['白云', 'Baiyun'],
  ['星海', 'Xinghai'],
  ['黄河', 'Huanghe'],
  ['连山', 'Lianshan'],
  ['金沙', 'Jinsha'],
  ['松林', 'Songlin'],
  ['杏花', 'Xinghua'],
  ['龙泉', 'Longquan'],
  ['石门', 'Shimen'],
  ['望海', 'Wanghai'],
  ['平安', "Ping'an"],
  ['新华', 'Xinhua'],
  ['春华', 'Chunhua'],
  ['向阳', 'Xiangyang'],
  ['光明', 'Guangming'],
  ['振兴', 'Zhenxing'],
  ['永安', "Yong'an"],
  ['长兴', 'Changxing'],
];

export const DEPARTMENTS = [
  {
    id: 'health',
    name: { zh: '卫生健康委员会', en: 'Health Commission' },
    lead: { zh: '卫生健康委员会主任', en: 'Director of the Health Commission' },
  },
  {
    id: 'public-security',
    name: { zh: '公安局', en: 'Public Security Bureau' },
    lead: { zh: '公安局局长', en: 'Director of Public Security' },
  },
  {
    id: 'market-regulation',
    name: { zh: '市场监督管理局', en: 'Market Regulation Administration' },
    lead: { zh: '市场监督管理局局长', en: 'Director of Market Regulation' },
  },
  {
    id: 'emergency-management',
    name: { zh: '应急管理局', en: 'Emergency Management Bureau' },
    lead: { zh: '应急管理局局长', en: 'Director of Emergency Management' },
  },
  {
    id: 'transport',
    name: { zh: '交通运输局', en: 'Transport Bureau' },
    lead: { zh: '交通运输局局长', en: 'Director of Transport' },
  },
  {
    id: 'education',
    name: { zh: '教育局', en: 'Education Bureau' },
    lead: { zh: '教育局局长', en: 'Director of Education' },
  },
  {
    id: 'commerce',
    name: { zh: '商务局', en: 'Commerce Bureau' },
    lead: { zh: '商务局局长', en: 'Director of Commerce' },
  },
  {
    id: 'housing-construction',
    name: { zh: '住房和城乡建设局', en: 'Housing and Construction Bureau' },
    lead: { zh: '住房和城乡建设局局长', en: 'Director of Housing and Construction' },
  },
  {
    id: 'agency-affairs',
    name: { zh: '机关事务管理局', en: 'Government Offices Administration' },
    lead: { zh: '机关事务管理局局长', en: 'Director of Government Offices' },
  },
] as const;

/** Key place types, their supervising department, and their weight in the generated sample. */
export const PLACE_TYPES = [
  {
    id: 'canteen',
    name: { zh: '单位食堂', en: 'canteen' },
    department: 'market-regulation',
    firstResponsible: { zh: '食堂负责人', en: 'head of the canteen' },
    weight: 18,
  },
  {
    id: 'school',
    name: { zh: '学校', en: 'school' },
    department: 'education',
    firstResponsible: { zh: '校长', en: 'principal' },
    weight: 10,
  },
  {
    id: 'bus-line',
    name: { zh: '公交线路', en: 'bus line' },
    department: 'transport',
    firstResponsible: { zh: '公交企业负责人', en: 'head of the bus company' },
    weight: 8,
  },
  {
    id: 'market',
    name: { zh: '农贸市场', en: 'farmers market' },
    department: 'market-regulation',
    firstResponsible: { zh: '市场开办者', en: 'market operator' },
    weight: 9,
  },
  {
    id: 'supermarket',
    name: { zh: '商场超市', en: 'supermarket' },
    department: 'commerce',
    firstResponsible: { zh: '超市负责人', en: 'store manager' },
    weight: 9,
  },
  {
    id: 'hospital',
    name: { zh: '医疗机构', en: 'hospital' },
    department: 'health',
    firstResponsible: { zh: '院长', en: 'hospital director' },
    weight: 5,
  },
  {
    id: 'enterprise',
    name: { zh: '复工企业', en: 'enterprise back at work' },
    department: 'emergency-management',
    firstResponsible: { zh: '企业主要负责人', en: 'head of the enterprise' },
    weight: 20,
  },
  {
    id: 'hazchem-enterprise',
    name: { zh: '危险化学品企业', en: 'hazardous-chemicals enterprise' },
    department: 'emergency-management',
    firstResponsible: { zh: '企业主要负责人', en: 'head of the enterprise' },
    weight: 4,
  },
  {
    id: 'construction-site',
    name: { zh: '建筑工地', en: 'construction site' },
    department: 'housing-construction',
    firstResponsible: { zh: '项目负责人', en: 'project manager' },
    weight: 8,
  },
  {
    id: 'government-agency',
    name: { zh: '机关单位', en: 'government agency' },
    department: 'agency-affairs',
    firstResponsible: { zh: '单位主要负责人', en: 'head of the agency' },
    weight: 5,
  },
] as const;

export const LEVELS = [
  {
    id: 'city',
    name: { zh: '市', en: 'city' },
    plural: { zh: '市', en: 'cities' },
    codeLength: 6,
    lead: { zh: '市委书记、市长', en: 'party secretary and mayor of the city' },
    kinds: [{ id: 'city', name: { zh: '地级市', en: 'city' } }],
  },
  {
    id: 'district',
    name: { zh: '区县', en: 'district' },
    plural: { zh: '区县', en: 'districts' },
    codeLength: 6,
    lead: {
      zh: '区（县、市）委书记、区（县、市）长',
      en: 'party secretary and head of the district',
    },
    kinds: [
      { id: 'district', name: { zh: '市辖区', en: 'district' } },
      { id: 'county', name: { zh: '县', en: 'county' } },
      { id: 'county-level-city', name: { zh: '县级市', en: 'county-level city' } },
    ],
  },
  {
    id: 'street',
    name: { zh: '街道/乡镇', en: 'street' },
    plural: { zh: '街道/乡镇', en: 'streets' },
    codeLength: 9,
    lead: {
      zh: '街道党工委书记、主任（乡镇党委书记、镇长）',
      en: 'party secretary and director of the street',
    },
    kinds: [
      { id: 'street', name: { zh: '街道', en: 'street' } },
      { id: 'town', name: { zh: '镇', en: 'town' } },
    ],
  },
  {
    id: 'community',
    name: { zh: '社区/村', en: 'community' },
    plural: { zh: '社区/村', en: 'communities' },
    codeLength: 12,
    lead: { zh: '社区党委书记、居委会主任', en: 'party secretary and director of the community' },
    kinds: [
      { id: 'community', name: { zh: '社区', en: 'community' } },
      { id: 'village', name: { zh: '村', en: 'village' } },
    ],
  },
  {
    id: 'grid',
    name: { zh: '网格', en: 'grid' },
    plural: { zh: '网格', en: 'grids' },
    codeLength: 15,
    lead: { zh: '网格长', en: 'grid leader' },
    kinds: [{ id: 'comprehensive-grid', name: { zh: '综合网格', en: 'comprehensive grid' } }],
  },
];

/** What rules may read about a subject (`subject.<id>`). */
export const ATTRIBUTES = [
  {
    id: 'households',
    label: { zh: '登记户数', en: 'registered households' },
    type: 'integer',
    unit: 'household',
    min: 0,
    appliesTo: { levels: ['district', 'community', 'grid'] },
  },
  {
    id: 'residents',
    label: { zh: '登记常住人口', en: 'registered residents' },
    type: 'integer',
    unit: 'person',
    min: 0,
    appliesTo: { levels: ['district', 'community', 'grid'] },
  },
  {
    id: 'grid_workers',
    label: { zh: '网格员人数', en: 'grid workers' },
    type: 'integer',
    unit: 'person',
    min: 0,
    appliesTo: { levels: ['grid'] },
  },
  {
    id: 'staff',
    label: { zh: '从业人员', en: 'staff' },
    type: 'integer',
    unit: 'person',
    min: 0,
    appliesTo: { placeTypes: PLACE_TYPES.map((t) => t.id) },
  },
];

/** The units of measure of forms and attributes, with their words. */
export const MEASUREMENT_UNITS = [
  { id: 'household', name: { zh: '户', en: 'households' }, one: { en: 'household' } },
  { id: 'person', name: { zh: '人', en: 'people' }, one: { en: 'person' } },
  { id: 'round', name: { zh: '次', en: 'times' }, one: { en: 'time' } },
  { id: 'hour', name: { zh: '小时', en: 'hours' }, one: { en: 'hour' } },
  { id: 'minute', name: { zh: '分钟', en: 'minutes' }, one: { en: 'minute' } },
  { id: 'day', name: { zh: '天', en: 'days' }, one: { en: 'day' } },
  { id: 'item', name: { zh: '项', en: 'items' }, one: { en: 'item' } },
  { id: '%', name: { zh: '%', en: '%' }, attached: true },
  { id: '℃', name: { zh: '℃', en: '℃' }, attached: true },
  { id: 'mg/L', name: { zh: 'mg/L', en: 'mg/L' } },
  { id: 'kg', name: { zh: '千克', en: 'kg' } },
  { id: 'm²', name: { zh: '平方米', en: 'm²' } },
];

/** Where each district's tile sits on the map of the city, roughly as on a map of Dalian. */
export const POSITIONS: Readonly<Record<string, { row: number; column: number }>> = {
  '210281': { row: 1, column: 1 },
  '210214': { row: 1, column: 2 },
  '210283': { row: 1, column: 3 },
  '210213': { row: 2, column: 2 },
  '210224': { row: 2, column: 4 },
  '210211': { row: 3, column: 2 },
  '210212': { row: 4, column: 1 },
  '210204': { row: 4, column: 2 },
  '210203': { row: 4, column: 3 },
  '210202': { row: 4, column: 4 },
};

/** The project's languages (Chinese first: the default route) and the time zone of "today". */
export const PROJECT = { languages: ['zh', 'en'], timeZone: 'Asia/Shanghai' };
