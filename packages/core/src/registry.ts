import { inForce } from './dates.js';
import { type JsonSource, type PathSegment, problemAt } from './json-source.js';
import { didYouMean, type Problem } from './problem.js';
import type {
  Attribute,
  AttributeValue,
  Department,
  Level,
  MeasurementUnit,
  Place,
  PlaceType,
  RegistryFile,
  TerritoryUnit,
} from './registry-schema.js';
import { languagesInUse } from './text.js';

interface Origin {
  source: JsonSource;
  path: PathSegment[];
}

export interface RegistryInput {
  source: JsonSource;
  data: RegistryFile;
}

/**
 * The territory in force: levels, units, departments, place types and places, indexed for lookup.
 * Build it with `buildRegistry`, which checks every invariant first.
 */
export class Registry {
  readonly levelIndex = new Map<string, number>();
  readonly units = new Map<string, TerritoryUnit>();
  readonly places = new Map<string, Place>();
  readonly departments = new Map<string, Department>();
  readonly placeTypes = new Map<string, PlaceType>();
  /** What rules may read about subjects (`subject.<id>`), by id. */
  readonly attributes = new Map<string, Attribute>();
  /** Units of measure and their words, by id. */
  readonly measurementUnits = new Map<string, MeasurementUnit>();
  private readonly children = new Map<string, TerritoryUnit[]>();
  private readonly placesOfGrid = new Map<string, Place[]>();

  constructor(
    readonly levels: readonly Level[],
    units: Iterable<TerritoryUnit>,
    departments: Iterable<Department>,
    placeTypes: Iterable<PlaceType>,
    places: Iterable<Place>,
    /** A content hash of the registry files, recorded with every result. */
    readonly version: string,
    sections: {
      attributes?: Iterable<Attribute>;
      measurementUnits?: Iterable<MeasurementUnit>;
    } = {},
  ) {
    for (const a of sections.attributes ?? []) this.attributes.set(a.id, a);
    for (const m of sections.measurementUnits ?? []) this.measurementUnits.set(m.id, m);
    levels.forEach((l, i) => {
      this.levelIndex.set(l.id, i);
    });
    for (const d of departments) this.departments.set(d.id, d);
    for (const t of placeTypes) this.placeTypes.set(t.id, t);
    for (const u of units) {
      this.units.set(u.code, u);
      if (u.parent !== undefined) push(this.children, u.parent, u);
    }
    for (const p of places) {
      this.places.set(p.id, p);
      push(this.placesOfGrid, p.grid, p);
    }
  }

  get topLevel(): Level {
    return this.levels[0] as Level;
  }

  get lowestLevel(): Level {
    return this.levels[this.levels.length - 1] as Level;
  }

  /** The level of districts (the second level): the unit a scorecard is published for. */
  get districtLevel(): Level {
    return (this.levels[1] ?? this.levels[0]) as Level;
  }

  level(id: string): Level | undefined {
    const i = this.levelIndex.get(id);
    return i === undefined ? undefined : this.levels[i];
  }

  childrenOf(code: string, day?: string): TerritoryUnit[] {
    const all = this.children.get(code) ?? [];
    return day === undefined ? all : all.filter((u) => inForce(u, day));
  }

  placesIn(gridCode: string, day?: string): Place[] {
    const all = this.placesOfGrid.get(gridCode) ?? [];
    return day === undefined ? all : all.filter((p) => inForce(p, day));
  }

  unitsInForce(day: string, level?: string): TerritoryUnit[] {
    const out: TerritoryUnit[] = [];
    for (const u of this.units.values())
      if ((level === undefined || u.level === level) && inForce(u, day)) out.push(u);
    return out;
  }

  placesInForce(day: string): Place[] {
    const out: Place[] = [];
    for (const p of this.places.values()) if (inForce(p, day)) out.push(p);
    return out;
  }

  /** The chain of units above a unit or place, nearest first (grid, community, street, district, city). */
  ancestors(codeOrPlace: string): TerritoryUnit[] {
    const out: TerritoryUnit[] = [];
    const place = this.places.get(codeOrPlace);
    let code: string | undefined = place ? place.grid : this.units.get(codeOrPlace)?.parent;
    while (code !== undefined) {
      const u = this.units.get(code);
      if (!u || out.includes(u)) break;
      out.push(u);
      code = u.parent;
    }
    return out;
  }

  /** The district (second-level unit) a unit or place belongs to, or the unit itself. */
  districtOf(codeOrPlace: string): TerritoryUnit | undefined {
    const districtLevel = this.districtLevel.id;
    const self = this.units.get(codeOrPlace);
    if (self?.level === districtLevel) return self;
    return this.ancestors(codeOrPlace).find((u) => u.level === districtLevel);
  }

  departmentOf(place: Place): Department | undefined {
    const id = place.department ?? this.placeTypes.get(place.type)?.department;
    return id === undefined ? undefined : this.departments.get(id);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Merges registry files and checks the model's invariants: unique codes and ids, parents that
 * exist one level up, no cycles, codes that fit their level and parent, validity periods inside
 * the parent's, places inside grids. Every violation is a located problem; the registry is only
 * returned when there are none.
 */
export function buildRegistry(
  inputs: readonly RegistryInput[],
  version: string,
): { registry?: Registry; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (code: `SHOUTU-${string}`, o: Origin, message: string, key?: string) =>
    problems.push(problemAt(code, o.source, o.path, message, key));

  const levelFiles = inputs.filter((i) => i.data.levels !== undefined);
  if (levelFiles.length === 0) {
    const first = inputs[0];
    if (!first)
      return {
        problems: [
          {
            severity: 'error',
            code: 'SHOUTU-G001',
            file: 'data/registry',
            message: 'no registry files found: expected at least one JSON file with "levels"',
          },
        ],
      };
    at(
      'SHOUTU-G001',
      { source: first.source, path: [] },
      'no file of the registry defines "levels": expected the chain of levels, top first, in exactly one file',
    );
    return { problems };
  }
  for (const extra of levelFiles.slice(1))
    at(
      'SHOUTU-G002',
      { source: extra.source, path: ['levels'] },
      `"levels" is already defined in ${levelFiles[0]?.source.file}: expected it in exactly one file`,
    );
  const levels = levelFiles[0]?.data.levels ?? [];
  const levelIndex = new Map<string, number>();
  levels.forEach((l, i) => {
    if (levelIndex.has(l.id))
      at(
        'SHOUTU-G003',
        { source: levelFiles[0]!.source, path: ['levels', i, 'id'] },
        `the level "${l.id}" is listed twice`,
      );
    levelIndex.set(l.id, i);
  });

  const unique = <T>(
    kind: string,
    key: (v: T) => string,
    section: 'departments' | 'placeTypes' | 'units' | 'places' | 'attributes' | 'measurementUnits',
    keyField: string,
  ) => {
    const seen = new Map<string, { value: T; origin: Origin }>();
    for (const input of inputs) {
      const list = (input.data[section] ?? []) as T[];
      list.forEach((value, i) => {
        const origin = { source: input.source, path: [section, i] as PathSegment[] };
        const k = key(value);
        const prior = seen.get(k);
        if (prior) {
          const { line } = locateLine({ ...prior.origin, path: [...prior.origin.path, keyField] });
          at(
            'SHOUTU-G003',
            { ...origin, path: [...origin.path, keyField] },
            `the ${kind} "${k}" is already defined at ${prior.origin.source.file}:${line}: expected each ${kind} once`,
          );
        } else seen.set(k, { value, origin });
      });
    }
    return seen;
  };
  const departments = unique<Department>('department', (d) => d.id, 'departments', 'id');
  const placeTypes = unique<PlaceType>('place type', (t) => t.id, 'placeTypes', 'id');
  const units = unique<TerritoryUnit>('unit code', (u) => u.code, 'units', 'code');
  const places = unique<Place>('place id', (p) => p.id, 'places', 'id');
  const attributes = unique<Attribute>('attribute', (a) => a.id, 'attributes', 'id');
  const measurementUnits = unique<MeasurementUnit>(
    'measurement unit',
    (m) => m.id,
    'measurementUnits',
    'id',
  );
  const languages = languagesInUse();
  levels.forEach((l, i) => {
    if (languages.includes(l.id))
      at(
        'SHOUTU-G005',
        { source: levelFiles[0]!.source, path: ['levels', i, 'id'] },
        `"${l.id}" is one of the project's languages, and a language is a route of the site: choose another level id`,
      );
  });
  for (const { value: a, origin } of attributes.values()) {
    if (a.unit !== undefined && !measurementUnits.has(a.unit))
      at(
        'SHOUTU-G004',
        { ...origin, path: [...origin.path, 'unit'] },
        `unknown measurement unit "${a.unit}"${hintOf(a.unit, measurementUnits.keys())}: expected one of "measurementUnits"`,
      );
    if ('levels' in a.appliesTo)
      a.appliesTo.levels.forEach((l, i) => {
        if (!levelIndex.has(l))
          at(
            'SHOUTU-G004',
            { ...origin, path: [...origin.path, 'appliesTo', 'levels', i] },
            `unknown level "${l}"${hintOf(l, levelIndex.keys())}`,
          );
      });
    else
      a.appliesTo.placeTypes.forEach((t, i) => {
        if (!placeTypes.has(t))
          at(
            'SHOUTU-G004',
            { ...origin, path: [...origin.path, 'appliesTo', 'placeTypes', i] },
            `unknown place type "${t}"${hintOf(t, placeTypes.keys())}`,
          );
      });
  }
  /** Each attribute value of a unit or place: declared, for this subject, of the right type and range. */
  const checkAttributes = (
    origin: Origin,
    values: Record<string, AttributeValue> | undefined,
    applies: (a: Attribute) => boolean,
    what: string,
  ) => {
    for (const [id, value] of Object.entries(values ?? {})) {
      const here = { ...origin, path: [...origin.path, 'attributes', id] };
      const a = attributes.get(id)?.value;
      if (!a) {
        at(
          'SHOUTU-G004',
          here,
          `unknown attribute "${id}"${hintOf(id, attributes.keys())}: expected one declared in "attributes" of the registry`,
        );
        continue;
      }
      if (!applies(a)) {
        at(
          'SHOUTU-G006',
          here,
          `the attribute "${id}" applies to ${'levels' in a.appliesTo ? `units of the levels ${a.appliesTo.levels.join(', ')}` : `places of the types ${a.appliesTo.placeTypes.join(', ')}`}, not to ${what}`,
        );
        continue;
      }
      const wrong = attributeValueProblem(a, value);
      if (wrong) at('SHOUTU-G004', here, wrong);
    }
  };
  /** Codes of the units at one level: a did-you-mean for a parent only offers units that could be one. */
  const codesAt = (levelIdx: number) =>
    [...units.values()]
      .filter((e) => levelIndex.get(e.value.level) === levelIdx)
      .map((e) => e.value.code);

  for (const { value: t, origin } of placeTypes.values())
    if (!departments.has(t.department))
      at(
        'SHOUTU-G004',
        { ...origin, path: [...origin.path, 'department'] },
        `unknown department "${t.department}"${hintOf(t.department, departments.keys())}`,
      );

  for (const { value: u, origin } of units.values()) {
    const li = levelIndex.get(u.level);
    const field = (f: string) => ({ ...origin, path: [...origin.path, f] });
    if (li === undefined) {
      at(
        'SHOUTU-G004',
        field('level'),
        `unknown level "${u.level}": expected one of ${[...levelIndex.keys()].join(', ')}`,
      );
      continue;
    }
    const level = levels[li]!;
    if (u.kind !== undefined && !level.kinds?.some((k) => k.id === u.kind))
      at(
        'SHOUTU-G004',
        field('kind'),
        level.kinds
          ? `unknown kind "${u.kind}" of a ${level.id}${hintOf(
              u.kind,
              level.kinds.map((k) => k.id),
            )}: expected one of ${level.kinds.map((k) => k.id).join(', ')}`
          : `the level "${level.id}" declares no kinds: add "kinds" to the level, or remove "kind"`,
      );
    checkAttributes(
      origin,
      u.attributes,
      (a) => 'levels' in a.appliesTo && a.appliesTo.levels.includes(u.level),
      `a ${level.id}`,
    );
    if (u.code.length !== level.codeLength)
      at(
        'SHOUTU-G007',
        field('code'),
        `the code "${u.code}" has ${u.code.length} digits: expected ${level.codeLength} for a ${level.id}`,
      );
    if (u.validTo !== undefined && u.validTo < u.validFrom)
      at(
        'SHOUTU-G008',
        field('validTo'),
        `validTo ${u.validTo} is before validFrom ${u.validFrom}`,
      );
    for (const pred of u.predecessors ?? [])
      if (!units.has(pred))
        at('SHOUTU-G004', field('predecessors'), `unknown predecessor unit "${pred}"`);
    if (li === 0) {
      if (u.parent !== undefined)
        at('SHOUTU-G009', field('parent'), `a ${level.id} is the top level and has no parent`);
      continue;
    }
    if (u.parent === undefined) {
      at(
        'SHOUTU-G009',
        origin,
        `missing "parent": expected the code of the ${levels[li - 1]!.id} this ${level.id} belongs to`,
      );
      continue;
    }
    const parent = units.get(u.parent)?.value;
    if (!parent) {
      at(
        'SHOUTU-G009',
        field('parent'),
        `the parent unit "${u.parent}" does not exist${hintOf(u.parent, codesAt(li - 1))}`,
      );
      continue;
    }
    const pli = levelIndex.get(parent.level);
    if (pli !== undefined && pli !== li - 1)
      at(
        'SHOUTU-G009',
        field('parent'),
        `the parent "${u.parent}" is a ${parent.level}: a ${level.id} must belong to a ${levels[li - 1]!.id}`,
      );
    else if (!codeFitsParent(u.code, parent.code))
      at(
        'SHOUTU-G009',
        field('code'),
        `the code "${u.code}" does not begin with its parent's code "${parent.code}"`,
      );
    if (
      u.validFrom < parent.validFrom ||
      (parent.validTo !== undefined && (u.validTo === undefined || u.validTo > parent.validTo))
    )
      at(
        'SHOUTU-G008',
        field('validFrom'),
        `valid ${period(u)}, outside its parent "${parent.code}" (valid ${period(parent)}): a unit must lie within its parent's period`,
      );
  }

  // Levels in order already rule out cycles; this catches a cycle even when level data is wrong.
  for (const { value: u, origin } of units.values()) {
    const seen = new Set([u.code]);
    let p = u.parent;
    while (p !== undefined) {
      if (seen.has(p)) {
        at(
          'SHOUTU-G009',
          { ...origin, path: [...origin.path, 'parent'] },
          `the parent chain of "${u.code}" loops back to "${p}"`,
        );
        break;
      }
      seen.add(p);
      p = units.get(p)?.value.parent;
    }
  }

  const gridLevel = levels[levels.length - 1]!;
  for (const { value: p, origin } of places.values()) {
    const field = (f: string) => ({ ...origin, path: [...origin.path, f] });
    const grid = units.get(p.grid)?.value;
    if (!grid)
      at(
        'SHOUTU-G009',
        field('grid'),
        `the grid "${p.grid}" does not exist${hintOf(p.grid, codesAt(levels.length - 1))}`,
      );
    else if (grid.level !== gridLevel.id)
      at(
        'SHOUTU-G009',
        field('grid'),
        `"${p.grid}" is a ${grid.level}: a key place must lie inside a ${gridLevel.id}`,
      );
    else {
      if (!p.id.startsWith(`${p.grid}-`))
        at(
          'SHOUTU-G009',
          field('id'),
          `the place id "${p.id}" must begin with its grid code "${p.grid}-"`,
        );
      if (
        p.validFrom < grid.validFrom ||
        (grid.validTo !== undefined && (p.validTo === undefined || p.validTo > grid.validTo))
      )
        at(
          'SHOUTU-G008',
          field('validFrom'),
          `valid ${period(p)}, outside its grid "${grid.code}" (valid ${period(grid)})`,
        );
    }
    if (p.validTo !== undefined && p.validTo < p.validFrom)
      at(
        'SHOUTU-G008',
        field('validTo'),
        `validTo ${p.validTo} is before validFrom ${p.validFrom}`,
      );
    if (!placeTypes.has(p.type))
      at(
        'SHOUTU-G004',
        field('type'),
        `unknown place type "${p.type}"${hintOf(p.type, placeTypes.keys())}`,
      );
    checkAttributes(
      origin,
      p.attributes,
      (a) => 'placeTypes' in a.appliesTo && a.appliesTo.placeTypes.includes(p.type),
      `a place of the type ${p.type}`,
    );
    if (p.department !== undefined && !departments.has(p.department))
      at(
        'SHOUTU-G004',
        field('department'),
        `unknown department "${p.department}"${hintOf(p.department, departments.keys())}`,
      );
  }

  if (problems.length > 0) return { problems };
  const values = <T>(m: Map<string, { value: T }>) => [...m.values()].map((e) => e.value);
  return {
    registry: new Registry(
      levels,
      values(units),
      values(departments),
      values(placeTypes),
      values(places),
      version,
      { attributes: values(attributes), measurementUnits: values(measurementUnits) },
    ),
    problems,
  };
}

/** Why a value does not fit its attribute's type and range, or undefined when it does. */
export function attributeValueProblem(a: Attribute, value: AttributeValue): string | undefined {
  const unit = a.unit ? ` ${a.unit}` : '';
  switch (a.type) {
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (a.type === 'integer' && !Number.isInteger(value)))
        return `expected ${a.type === 'integer' ? 'a whole number' : 'a number'} for "${a.id}", found ${JSON.stringify(value)}`;
      if (a.min !== undefined && value < a.min)
        return `${value} is below the least value of "${a.id}": expected at least ${a.min}${unit}`;
      if (a.max !== undefined && value > a.max)
        return `${value} is above the greatest value of "${a.id}": expected at most ${a.max}${unit}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `expected true or false for "${a.id}", found ${JSON.stringify(value)}`;
    case 'enum':
      return typeof value === 'string' && a.options?.includes(value)
        ? undefined
        : `expected one of ${a.options?.map((o) => `"${o}"`).join(', ')} for "${a.id}", found ${JSON.stringify(value)}`;
    default:
      return typeof value === 'string'
        ? undefined
        : `expected text for "${a.id}", found ${JSON.stringify(value)}`;
  }
}

function locateLine(o: Origin): { line: number } {
  return problemAt(o.source, o.path, '') as { line: number };
}

function period(p: { validFrom: string; validTo?: string | undefined }): string {
  return `${p.validFrom} to ${p.validTo ?? 'open end'}`;
}

function hintOf(word: string, candidates: Iterable<string>): string {
  const guess = didYouMean(word, candidates);
  return guess ? `; did you mean "${guess}"?` : '';
}

/**
 * A child's code begins with its parent's code. Two levels with codes of the same length (city
 * 210200 and district 210202) share the parent's code without its trailing "00" pairs.
 */
export function codeFitsParent(code: string, parentCode: string): boolean {
  if (code.length > parentCode.length) return code.startsWith(parentCode);
  const stem = parentCode.replace(/(00)+$/, '');
  return code !== parentCode && code.startsWith(stem);
}
