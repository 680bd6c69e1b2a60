import {
  buildRegistry,
  formatProblem,
  parseJsonSource,
  RegistryFile,
  type RegistryInput,
  validateJson,
} from '@shoutu/core';

export const t = (zh: string, en = zh) => ({ zh, en });
export const LEVELS = [
  { id: 'city', name: t('市', 'city'), codeLength: 6, lead: t('市长', 'mayor') },
  { id: 'district', name: t('区', 'district'), codeLength: 6, lead: t('区长', 'district head') },
  {
    id: 'street',
    name: t('街道', 'street'),
    codeLength: 9,
    lead: t('街道主任', 'street director'),
  },
  {
    id: 'community',
    name: t('社区', 'community'),
    codeLength: 12,
    lead: t('社区书记', 'community secretary'),
  },
  { id: 'grid', name: t('网格', 'grid'), codeLength: 15, lead: t('网格长', 'grid leader') },
];
export const unit = (code: string, level: string, parent?: string, extra: object = {}) => ({
  code,
  level,
  name: t(`单位${code}`, `Unit ${code}`),
  ...(parent ? { parent } : {}),
  validFrom: '2019-10-01',
  ...extra,
});
export const base = () => ({
  levels: LEVELS,
  departments: [{ id: 'education', name: t('教育局'), lead: t('局长') }],
  placeTypes: [
    { id: 'school', name: t('学校'), department: 'education', firstResponsible: t('校长') },
  ],
  attributes: [
    {
      id: 'households',
      label: t('登记户数', 'registered households'),
      type: 'integer',
      unit: 'household',
      min: 0,
      appliesTo: { levels: ['grid'] },
    },
  ],
  measurementUnits: [{ id: 'household', name: t('户', 'households'), one: { en: 'household' } }],
  units: [
    unit('210200', 'city'),
    unit('210202', 'district', '210200'),
    unit('210202001', 'street', '210202'),
    unit('210202001001', 'community', '210202001'),
    unit('210202001001001', 'grid', '210202001001', { attributes: { households: 400 } }),
  ],
  places: [
    {
      id: '210202001001001-01',
      grid: '210202001001001',
      type: 'school',
      name: t('学校'),
      validFrom: '2019-10-01',
    },
  ],
});

/** Writes the data as a JSON file with one field per line, parses and validates it. */
export function input(data: object, file = 'data/registry/registry.json'): RegistryInput {
  const text = JSON.stringify(data, null, 2);
  const parsed = parseJsonSource(file, text);
  if (!parsed.source) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  const v = validateJson(parsed.source, RegistryFile);
  if (!v.data) throw new Error(v.problems.map(formatProblem).join('\n'));
  return { source: parsed.source, data: v.data };
}

export function registryOf(data: object = base()) {
  const { registry, problems } = buildRegistry([input(data)], 'test');
  if (!registry) throw new Error(problems.map(formatProblem).join('\n'));
  return registry;
}
