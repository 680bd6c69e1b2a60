/** Small builders for the engine's tests: text, levels, units and a checked registry. */
import {
  Attribute,
  buildRegistry,
  MeasurementUnit,
  parseJsonSource,
  type Registry,
  RegistryFile,
  validateJson,
} from '@shoutu/core';

export const t = (zh: string, en = zh) => ({ zh, en });

export const level = (id: string, codeLength: number) => ({
  id,
  name: t(id),
  codeLength,
  lead: t(`${id} lead`),
});

/** A unit in force from 2020-01-01, named after its code. */
export const unit = (code: string, lvl: string, parent?: string, extra: object = {}) => ({
  code,
  level: lvl,
  name: t(`u${code}`),
  ...(parent ? { parent } : {}),
  validFrom: '2020-01-01',
  ...extra,
});

/** The usual chain: city, district, street, community, grid. */
export const LEVELS = [
  level('city', 6),
  level('district', 6),
  level('street', 9),
  level('community', 12),
  level('grid', 15),
];

/** A registry file's content, checked and built as the loader would; throws on any problem. */
export function registryOf(data: object, version = 'reg1'): Registry {
  const src = parseJsonSource('r.json', JSON.stringify(data));
  if (!src.source) throw new Error(JSON.stringify(src.problems));
  const v = validateJson(src.source, RegistryFile);
  if (!v.data) throw new Error(JSON.stringify(v.problems));
  const r = buildRegistry([{ source: src.source, data: v.data }], version);
  if (!r.registry) throw new Error(JSON.stringify(r.problems));
  return r.registry;
}

/** The attributes the engine's tests read: households of grids and communities, staff of places. */
export const ATTRIBUTES: Attribute[] = [
  {
    id: 'households',
    label: t('登记户数', 'registered households'),
    type: 'integer',
    unit: 'household',
    min: 0,
    appliesTo: { levels: ['community', 'grid'] },
  },
].map((a) => Attribute.parse(a));

/** Words for the units the tests' forms use. */
export const MEASUREMENT_UNITS: MeasurementUnit[] = [
  { id: 'household', name: t('户', 'households'), one: { en: 'household' } },
  { id: 'hour', name: t('小时', 'hours'), one: { en: 'hour' } },
  { id: '%', name: t('%'), attached: true },
].map((m) => MeasurementUnit.parse(m));

/** The three areas of the sample, as a scoring method declares them. */
export const AREAS = [
  { id: 'prevention', name: t('疫情防控', 'Prevention'), weight: 2 },
  { id: 'security', name: t('保障稳定', 'Security'), weight: 1 },
  { id: 'safety', name: t('安全值守', 'Safety'), weight: 1 },
];
