/** Small builders for the engine's tests: text, levels, units and a checked registry. */
import {
  buildRegistry,
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
