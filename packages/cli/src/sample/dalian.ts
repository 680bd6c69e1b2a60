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
    codeLength: 6,
    lead: { zh: '市委书记、市长', en: 'party secretary and mayor of the city' },
  },
  {
    id: 'district',
    name: { zh: '区县', en: 'district' },
    codeLength: 6,
    lead: {
      zh: '区（县、市）委书记、区（县、市）长',
      en: 'party secretary and head of the district',
    },
  },
  {
    id: 'street',
    name: { zh: '街道/乡镇', en: 'street' },
    codeLength: 9,
    lead: {
      zh: '街道党工委书记、主任（乡镇党委书记、镇长）',
      en: 'party secretary and director of the street',
    },
  },
  {
    id: 'community',
    name: { zh: '社区/村', en: 'community' },
    codeLength: 12,
    lead: { zh: '社区党委书记、居委会主任', en: 'party secretary and director of the community' },
  },
  {
    id: 'grid',
    name: { zh: '网格', en: 'grid' },
    codeLength: 15,
    lead: { zh: '网格长', en: 'grid leader' },
  },
];
