import type { DerivedFact, Form, FormField, FormSubjects } from '@shoutu/core';

const SCHEMA = '../../packages/core/schemas/form.schema.json';

type FieldOptions = Partial<
  Pick<FormField, 'unit' | 'min' | 'max' | 'required' | 'personal' | 'options'>
>;

function field(
  id: string,
  type: FormField['type'],
  zh: string,
  en: string,
  o: FieldOptions = {},
): FormField {
  return {
    id,
    type,
    label: { zh, en },
    required: o.required ?? true,
    personal: o.personal ?? false,
    ...o,
  };
}
const count = (id: string, zh: string, en: string, unit = 'person') =>
  field(id, 'integer', zh, en, { unit, min: 0 });
const yes = (id: string, zh: string, en: string) => field(id, 'boolean', zh, en);

function form(
  id: string,
  zh: string,
  en: string,
  subjects: FormSubjects,
  due: string,
  fields: FormField[],
  derived?: DerivedFact[],
): Form {
  return {
    $schema: SCHEMA,
    id,
    title: { zh, en },
    subjects,
    due,
    fields,
    ...(derived ? { derived } : {}),
  };
}

const places = (...placeTypes: string[]): FormSubjects => ({ kind: 'place', placeTypes });
const level = (l: string): FormSubjects => ({ kind: 'territory', level: l });

/** The report forms of the sample. Policy authors add forms as JSON files like these. */
export const SAMPLE_FORMS: Form[] = [
  {
    ...form(
      'grid-daily',
      '网格每日排查报告',
      'Grid daily screening report',
      level('grid'),
      '12:00',
      [
        count('households_visited', '已走访户数', 'households visited', 'household'),
        count('residents_screened', '已排查人数', 'residents screened'),
        count('fever_cases', '发现发热人数', 'fever cases found'),
        count('fever_cases_referred', '发热人员已转诊', 'fever cases referred to a fever clinic'),
        count('close_contacts', '密切接触者', 'close contacts'),
        count(
          'close_contacts_observed',
          '密切接触者已医学观察',
          'close contacts under medical observation',
        ),
        count('returnees_registered', '登记返连人员', 'returnees registered'),
        count('returnees_observed', '返连人员居家观察', 'returnees under home observation'),
        field('reporter_phone', 'text', '填报人电话', "reporter's phone", {
          required: false,
          personal: true,
        }),
      ],
      [
        {
          id: 'screening_coverage',
          label: { zh: '入户排查覆盖率', en: 'share of households visited' },
          ratio: { of: 'households_visited', to: 'subject.households', percent: true },
        },
        {
          id: 'fever_cases_7d',
          label: { zh: '近7日发现发热人数', en: 'fever cases found in the last 7 days' },
          sum: { field: 'fever_cases', days: 7 },
        },
        {
          id: 'days_since_report',
          label: { zh: '距上次报告天数', en: 'days since the last report' },
          daysSinceReport: {},
        },
      ],
    ),
    description: {
      zh: '网格员逐户走访排查，做到横向到边、纵向到底、全覆盖、无遗漏。',
      en: 'Grid workers visit every household: to every edge, to the bottom, full coverage, no omission.',
    },
  },
  form(
    'place-hygiene',
    '重点场所消杀通风报告',
    'Key place cleaning, ventilation and disinfection report',
    places(
      'canteen',
      'school',
      'bus-line',
      'market',
      'supermarket',
      'hospital',
      'enterprise',
      'hazchem-enterprise',
      'construction-site',
      'government-agency',
    ),
    '18:00',
    [
      field('disinfection_rounds', 'integer', '消毒次数', 'disinfection rounds', {
        unit: 'round',
        min: 0,
        max: 48,
      }),
      field('ventilation_rounds', 'integer', '通风次数', 'ventilation rounds', {
        unit: 'round',
        min: 0,
        max: 48,
      }),
      yes('entry_temperature_checks', '入口测温', 'temperature checked at the entrance'),
    ],
  ),
  form(
    'canteen-daily',
    '食堂就餐管理报告',
    'Canteen meal arrangements report',
    places('canteen'),
    '18:00',
    [
      yes('staggered_meals', '错峰就餐', 'meals staggered'),
      yes('face_to_face_seating', '面对面就座', 'face-to-face seating'),
    ],
  ),
  form('school-daily', '学校开学防控报告', 'School reopening report', places('school'), '12:00', [
    count('students_present', '到校学生', 'students present'),
    count(
      'returnees_unobserved',
      '未满14天观察即到校的返校学生',
      'returning students at school before 14 days of home observation',
    ),
  ]),
  form(
    'transport-daily',
    '公共交通消毒与运营报告',
    'Public transport disinfection and operation report',
    places('bus-line'),
    '20:00',
    [
      count('runs', '运营班次', 'runs', 'round'),
      count('runs_disinfected', '收车后已消毒班次', 'runs disinfected after the run', 'round'),
      field(
        'chlorine_mg_l',
        'number',
        '消毒液有效氯浓度',
        'available chlorine of the disinfectant',
        { unit: 'mg/L', min: 0, max: 5000 },
      ),
      field(
        'longest_drive_hours',
        'number',
        '驾驶员最长连续驾驶时间',
        'longest drive without a 20-minute rest',
        { unit: 'hour', min: 0, max: 24 },
      ),
    ],
  ),
  form(
    'hospital-daily',
    '医疗机构救治报告',
    'Hospital treatment report',
    places('hospital'),
    '12:00',
    [
      yes('fever_clinic_open', '发热门诊开放', 'fever clinic open'),
      count('patients_unclassified', '未分类救治的患者', 'patients not yet treated by category'),
    ],
  ),
  form(
    'enterprise-daily',
    '企业复工与安全生产报告',
    'Enterprise return-to-work and production safety report',
    places('enterprise', 'hazchem-enterprise', 'construction-site'),
    '12:00',
    [
      yes('prevention_plan_filed', '防控方案已备案', 'prevention plan filed'),
      yes('staff_temperature_twice', '员工每日两次测温', 'staff temperature taken twice a day'),
      count('dorm_max_per_room', '宿舍每间最多人数', 'most people in one dormitory room'),
      count('general_hazards_open', '未整改一般隐患', 'general hazards not yet fixed', 'item'),
      count(
        'major_hazards_without_plan',
        '无治理方案的重大隐患',
        'major hazards without a remediation plan',
        'item',
      ),
      yes('rescue_team_ready', '救援队伍和装备到位', 'rescue team and equipment ready'),
      yes('duty_24h', '关键岗位24小时值班', '24-hour duty at key posts'),
      count('days_since_drill', '距上次应急演练天数', 'days since the last emergency drill', 'day'),
    ],
  ),
  form(
    'market-price',
    '市场价格监测报告',
    'Market price monitoring report',
    places('market', 'supermarket'),
    '12:00',
    [
      field(
        'vegetable_price_change_pct',
        'number',
        '蔬菜价格日涨幅',
        'vegetable price change on the day',
        { unit: '%', min: -100, max: 1000 },
      ),
      field(
        'grain_oil_price_change_pct',
        'number',
        '粮油价格日涨幅',
        'grain and oil price change on the day',
        { unit: '%', min: -100, max: 1000 },
      ),
      yes('panic_buying', '出现抢购', 'panic buying seen'),
      yes('prevention_supplies_in_stock', '防疫物资有货', 'prevention supplies in stock'),
      count(
        'gouging_cases_open',
        '未查处的哄抬价格案件',
        'price-gouging cases not yet dealt with',
        'item',
      ),
    ],
  ),
  form(
    'street-duty',
    '街道值班值守报告',
    'Street duty report',
    level('street'),
    '09:00',
    [
      yes('leading_cadre_on_shift', '领导干部带班', 'leading cadre on shift'),
      field('duty_hours', 'integer', '值守时长', 'hours on duty', {
        unit: 'hour',
        min: 0,
        max: 24,
      }),
      yes('zero_report', '已报送零报告', 'zero report sent'),
      count(
        'incidents_reported_late',
        '超过1小时才报告的突发事件',
        'emergencies reported after more than an hour',
        'item',
      ),
    ],
    [
      {
        id: 'cadre_on_shift_streak',
        label: { zh: '领导干部连续带班天数', en: 'days in a row with a leading cadre on shift' },
        streak: { field: 'leading_cadre_on_shift', equals: true },
      },
      {
        id: 'reports_7d',
        label: { zh: '近7日报告天数', en: 'days reported in the last 7' },
        count: { days: 7 },
      },
    ],
  ),
  form(
    'street-security',
    '街道社会治安报告',
    'Street public order report',
    level('street'),
    '20:00',
    [
      count(
        'disorder_cases_open',
        '未处置的扰乱秩序案件',
        'cases of disorder not yet dealt with',
        'item',
      ),
      yes('checkpoints_staffed', '卡口全时段值守', 'checkpoints staffed around the clock'),
    ],
  ),
  form(
    'district-daily',
    '区县保供与应急储备报告',
    'District supply and emergency reserve report',
    level('district'),
    '12:00',
    [
      field(
        'vegetable_reserve_days',
        'number',
        '蔬菜储备可供天数',
        'days of vegetables in reserve',
        { unit: 'day', min: 0, max: 365 },
      ),
      count('vegetable_varieties', '储备蔬菜品种', 'vegetable varieties in reserve', 'item'),
      yes(
        'emergency_materials_ok',
        '应急物资储备达标',
        'emergency material reserve up to standard',
      ),
    ],
  ),
];
