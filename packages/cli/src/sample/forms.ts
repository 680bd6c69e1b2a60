import type { Form } from '@shoutu/core';

const SCHEMA = '../../packages/core/schemas/form.schema.json';

/** The report forms of the sample. Policy authors add forms as JSON files like these. */
export const SAMPLE_FORMS: Form[] = [
  {
    $schema: SCHEMA,
    id: 'grid-daily',
    title: { zh: '网格每日排查报告', en: 'Grid daily screening report' },
    description: {
      zh: '网格员逐户走访排查，做到横向到边、纵向到底、全覆盖、无遗漏。',
      en: 'Grid workers visit every household: to every edge, to the bottom, full coverage, no omission.',
    },
    subjects: { kind: 'territory', level: 'grid' },
    due: '12:00',
    fields: [
      { id: 'households_visited', type: 'integer', unit: 'household', min: 0, label: { zh: '已走访户数', en: 'households visited' }, required: true, personal: false },
      { id: 'residents_screened', type: 'integer', unit: 'person', min: 0, label: { zh: '已排查人数', en: 'residents screened' }, required: true, personal: false },
      { id: 'fever_cases', type: 'integer', unit: 'person', min: 0, label: { zh: '发现发热人数', en: 'fever cases found' }, required: true, personal: false },
      { id: 'returnees_registered', type: 'integer', unit: 'person', min: 0, label: { zh: '登记返连人员', en: 'returnees registered' }, required: true, personal: false },
      { id: 'reporter_phone', type: 'text', label: { zh: '填报人电话', en: "reporter's phone" }, required: false, personal: true },
    ],
  },
  {
    $schema: SCHEMA,
    id: 'place-hygiene',
    title: { zh: '重点场所消杀通风报告', en: 'Key place cleaning, ventilation and disinfection report' },
    subjects: {
      kind: 'place',
      placeTypes: ['canteen', 'school', 'bus-line', 'market', 'supermarket', 'hospital', 'enterprise', 'hazchem-enterprise', 'construction-site', 'government-agency'],
    },
    due: '18:00',
    fields: [
      { id: 'disinfection_rounds', type: 'integer', unit: 'round', min: 0, max: 48, label: { zh: '消毒次数', en: 'disinfection rounds' }, required: true, personal: false },
      { id: 'ventilation_rounds', type: 'integer', unit: 'round', min: 0, max: 48, label: { zh: '通风次数', en: 'ventilation rounds' }, required: true, personal: false },
      { id: 'entry_temperature_checks', type: 'boolean', label: { zh: '入口测温', en: 'temperature checked at the entrance' }, required: true, personal: false },
    ],
  },
  {
    $schema: SCHEMA,
    id: 'market-price',
    title: { zh: '市场价格监测报告', en: 'Market price monitoring report' },
    subjects: { kind: 'place', placeTypes: ['market', 'supermarket'] },
    due: '12:00',
    fields: [
      { id: 'vegetable_price_change_pct', type: 'number', unit: '%', min: -100, max: 1000, label: { zh: '蔬菜价格日涨幅', en: 'vegetable price change on the day' }, required: true, personal: false },
      { id: 'grain_oil_price_change_pct', type: 'number', unit: '%', min: -100, max: 1000, label: { zh: '粮油价格日涨幅', en: 'grain and oil price change on the day' }, required: true, personal: false },
      { id: 'panic_buying', type: 'boolean', label: { zh: '出现抢购', en: 'panic buying seen' }, required: true, personal: false },
    ],
  },
  {
    $schema: SCHEMA,
    id: 'street-duty',
    title: { zh: '街道值班值守报告', en: 'Street duty report' },
    subjects: { kind: 'territory', level: 'street' },
    due: '09:00',
    fields: [
      { id: 'leading_cadre_on_shift', type: 'boolean', label: { zh: '领导干部带班', en: 'leading cadre on shift' }, required: true, personal: false },
      { id: 'duty_hours', type: 'integer', unit: 'hour', min: 0, max: 24, label: { zh: '值守时长', en: 'hours on duty' }, required: true, personal: false },
      { id: 'zero_report', type: 'boolean', label: { zh: '已报送零报告', en: 'zero report sent' }, required: true, personal: false },
    ],
  },
];
