import { addDays, type Form, type Place, type TerritoryUnit } from '@shoutu/core';
import { toJson } from '../files.js';
import { answer, type Respondent } from './answers.js';
import {
  ATTRIBUTES,
  CITY,
  DEPARTMENTS,
  DISTRICTS,
  type DistrictSeed,
  LEVELS,
  MEASUREMENT_UNITS,
  NAME_STEMS,
  PLACE_TYPES,
  POSITIONS,
  PROJECT,
  type Profile,
} from './dalian.js';
import { SAMPLE_FORMS } from './forms.js';
import { Random } from './random.js';

export interface SampleOptions {
  seed: number;
  /** Density multiplier: communities per street grow with it. 1 is the committed sample. */
  scale: number;
  from: string;
  days: number;
}

export const DEFAULT_SAMPLE: SampleOptions = {
  seed: 20200202,
  scale: 1,
  from: '2020-01-25',
  days: 60,
};

/** The registry's snapshot date and the one merger the sample contains. */
const REGISTRY_FROM = '2019-10-01';
const MERGER_DAY = '2020-03-01';
const MERGER_DISTRICT = '210211';
/** The headquarters meeting after which improving districts catch up. */
const MEETING_DAY = '2020-02-02';

const SCHEMA = (name: string, depth: number) =>
  `${'../'.repeat(depth)}packages/core/schemas/${name}.schema.json`;

/**
 * Generates the sample: registry, forms and reports, as file paths below `data/` and their
 * contents. Everything comes from the seed; nothing reads the clock.
 */
export function generateSample(opts: SampleOptions): Map<string, string> {
  const rnd = new Random(opts.seed);
  const files = new Map<string, string>();
  const districts = DISTRICTS.map((d) => ({ seed: d, tree: buildDistrict(d, opts.scale, rnd) }));

  files.set('project.json', toJson({ $schema: SCHEMA('project', 1), ...PROJECT }));
  files.set(
    'registry/registry.json',
    toJson({
      $schema: SCHEMA('registry', 2),
      levels: LEVELS,
      departments: DEPARTMENTS,
      placeTypes: PLACE_TYPES.map(({ weight: _, ...t }) => t),
      attributes: ATTRIBUTES,
      measurementUnits: MEASUREMENT_UNITS,
      units: [
        {
          code: CITY.code,
          level: 'city',
          kind: 'city',
          name: { zh: CITY.zh, en: CITY.en },
          validFrom: REGISTRY_FROM,
        },
        ...DISTRICTS.map((d) => ({
          code: d.code,
          level: 'district',
          kind: d.kind,
          name: { zh: d.zh, en: d.en },
          parent: CITY.code,
          validFrom: REGISTRY_FROM,
          attributes: totals(districts.find((x) => x.seed === d)!.tree.units, REGISTRY_FROM),
          ...(POSITIONS[d.code] ? { position: POSITIONS[d.code] } : {}),
        })),
      ],
    }),
  );
  for (const { seed, tree } of districts) {
    files.set(
      `registry/units/${seed.code}.json`,
      toJson({ $schema: SCHEMA('registry', 3), units: tree.units, places: tree.places }),
    );
  }
  for (const form of SAMPLE_FORMS) files.set(`forms/${form.id}.json`, toJson(form));
  files.set(
    'waivers/grid-staffing.json',
    toJson({ $schema: SCHEMA('waivers', 2), waivers: sampleWaivers(districts) }),
  );

  for (let i = 0; i < opts.days; i++) {
    const day = addDays(opts.from, i);
    for (const { seed, tree } of districts) {
      const behaviour = behaviourOn(seed.profile, day);
      for (const form of SAMPLE_FORMS) {
        // Now and then a whole file does not arrive.
        if (rnd.chance(behaviour.missingFile)) continue;
        const subjects = subjectsFor(form, tree, day, districtUnit(seed));
        if (subjects.length === 0) continue;
        const lines = [['subject', 'submitted_at', ...form.fields.map((f) => f.id)].join(',')];
        for (const s of subjects) {
          if (rnd.chance(behaviour.missingRow)) continue;
          const late = rnd.chance(behaviour.late);
          const time = late
            ? `${pad(rnd.int(12, 20))}:${pad(rnd.int(0, 59))}`
            : `${pad(rnd.int(7, 8))}:${pad(rnd.int(0, 59))}`;
          const byField = answer(form.id, s, rnd.chance(behaviour.comply), rnd);
          const values = form.fields.map((f) => byField[f.id] ?? '');
          if (rnd.chance(0.0004)) corrupt(values, rnd);
          lines.push([s.code, `${day}T${time}`, ...values].join(','));
        }
        files.set(`reports/${day}/${form.id}.${seed.code}.csv`, `${lines.join('\n')}\n`);
      }
    }
  }
  return files;
}

interface Tree {
  units: TerritoryUnit[];
  places: Place[];
}

/**
 * Two waivers of the grid-staffing rule for grids without a grid worker: one in Xigang in force
 * to the end of the sample, one in Shahekou that expired on 29 February.
 */
function sampleWaivers(districts: { seed: DistrictSeed; tree: Tree }[]) {
  const unstaffed = (code: string) =>
    districts
      .find((d) => d.seed.code === code)
      ?.tree.units.filter((u) => u.level === 'grid' && u.attributes?.grid_workers === 0)
      .map((u) => u.code)
      .sort()[0];
  const waivers = [];
  const xigang = unstaffed('210203');
  if (xigang)
    waivers.push({
      subject: xigang,
      rule: 'prevention.grid-worker-staffing',
      reason: {
        zh: '网格员正在招聘，由社区干部临时兼任网格员',
        en: 'A grid worker is being recruited; a community cadre covers the grid meanwhile',
      },
      approver: '西岗区疫情防控指挥部办公室',
      start: '2020-02-10',
      expiry: '2020-04-30',
    });
  const shahekou = unstaffed('210204');
  if (shahekou)
    waivers.push({
      subject: shahekou,
      rule: 'prevention.grid-worker-staffing',
      reason: '网格合并调整期间，由相邻网格员兼管',
      approver: '沙河口区疫情防控指挥部办公室',
      start: '2020-02-05',
      expiry: '2020-02-29',
    });
  return waivers;
}

function districtUnit(d: DistrictSeed): TerritoryUnit {
  return {
    code: d.code,
    level: 'district',
    name: { zh: d.zh, en: d.en },
    parent: CITY.code,
    validFrom: REGISTRY_FROM,
  };
}

function buildDistrict(d: DistrictSeed, scale: number, rnd: Random): Tree {
  const units: TerritoryUnit[] = [];
  const places: Place[] = [];
  const rural = d.kind !== 'district';
  const streetCodes: string[] = [];
  const stemStart = rnd.int(0, NAME_STEMS.length - 1);
  for (let s = 1; s <= d.streets; s++) {
    const code = `${d.code}${rural ? '1' : '0'}${pad(s)}`;
    const [zh, en] = stemAt(stemStart, s - 1);
    const town = rural && s > 2;
    const merged = d.code === MERGER_DISTRICT && s > d.streets - 2;
    units.push({
      code,
      level: 'street',
      kind: town ? 'town' : 'street',
      name: town ? { zh: `${zh}镇`, en: `${en} Town` } : { zh: `${zh}街道`, en: `${en} Street` },
      parent: d.code,
      validFrom: REGISTRY_FROM,
      ...(merged ? { validTo: addDays(MERGER_DAY, -1) } : {}),
    });
    streetCodes.push(code);
    // One or two communities per street at scale 1, each with two grids.
    const communities = Math.max(1, Math.round(scale * rnd.int(1, 2)));
    const communityStart = rnd.int(0, NAME_STEMS.length - 1);
    for (let c = 1; c <= communities; c++)
      addCommunity(
        units,
        places,
        code,
        c,
        rural,
        merged ? addDays(MERGER_DAY, -1) : undefined,
        stemAt(communityStart, c - 1),
        rnd,
      );
  }
  if (d.code === MERGER_DISTRICT) {
    // Two streets merge: the new street takes over their communities under new codes.
    const olds = streetCodes.slice(-2);
    const code = `${d.code}0${pad(d.streets + 1)}`;
    units.push({
      code,
      level: 'street',
      kind: 'street',
      name: { zh: '凌海街道', en: 'Linghai Street' },
      parent: d.code,
      validFrom: MERGER_DAY,
      predecessors: olds,
    });
    let c = 0;
    for (const old of units
      .filter((u) => u.level === 'community' && olds.includes(u.parent ?? ''))
      .slice()) {
      c++;
      // Community codes have three digits: at benchmark scales the merged street cannot take
      // more than 999 communities, and the rest simply end on the day of the merger.
      if (c > 999) break;
      const newCode = `${code}${pad3(c)}`;
      units.push({
        ...old,
        code: newCode,
        parent: code,
        validFrom: MERGER_DAY,
        validTo: undefined,
        predecessors: [old.code],
      });
      for (const g of units.filter((u) => u.parent === old.code).slice()) {
        const gridCode = `${newCode}${g.code.slice(-3)}`;
        units.push({
          ...g,
          code: gridCode,
          parent: newCode,
          validFrom: MERGER_DAY,
          validTo: undefined,
          predecessors: [g.code],
        });
        for (const p of places.filter((x) => x.grid === g.code).slice())
          places.push({
            ...p,
            id: `${gridCode}-${p.id.split('-')[1]}`,
            grid: gridCode,
            validFrom: MERGER_DAY,
            validTo: undefined,
          });
      }
    }
  }
  return { units: units.map(clean), places: places.map(clean) };
}

function addCommunity(
  units: TerritoryUnit[],
  places: Place[],
  street: string,
  c: number,
  rural: boolean,
  validTo: string | undefined,
  [zh, en]: readonly [string, string],
  rnd: Random,
) {
  const code = `${street}${pad3(c)}`;
  const validity = { validFrom: REGISTRY_FROM, ...(validTo ? { validTo } : {}) };
  const grids = 2;
  const gridUnits: TerritoryUnit[] = [];
  for (let g = 1; g <= grids; g++) {
    const households = rural ? rnd.int(220, 360) : rnd.int(300, 500);
    const gridCode = `${code}${pad3(g)}`;
    gridUnits.push({
      code: gridCode,
      level: 'grid',
      kind: 'comprehensive-grid',
      name: {
        zh: `${zh}${rural ? '村' : '社区'}第${g}网格`,
        en: `${en} ${rural ? 'Village' : 'Community'} Grid ${g}`,
      },
      parent: code,
      ...validity,
      attributes: {
        households,
        residents: Math.round(households * (2.4 + rnd.float() * 0.5)),
        // A few grids have lost their grid worker.
        grid_workers: rnd.weighted([
          [0, 2],
          [1, 60],
          [2, 38],
        ] as const),
      },
    });
    const n = rnd.weighted([
      [0, 35],
      [1, 40],
      [2, 25],
    ] as const);
    for (let p = 1; p <= n; p++) {
      const type = rnd.weighted(PLACE_TYPES.map((t) => [t, t.weight] as const));
      places.push({
        id: `${gridCode}-${pad(p)}`,
        grid: gridCode,
        type: type.id,
        name: {
          zh: `${zh}${type.name.zh}${p > 1 ? p : ''}`,
          en: `${en} ${type.name.en}${p > 1 ? ` ${p}` : ''}`,
        },
        ...validity,
        attributes: { staff: rnd.int(5, 120) },
      });
    }
  }
  units.push({
    code,
    level: 'community',
    kind: rural ? 'village' : 'community',
    name: { zh: `${zh}${rural ? '村' : '社区'}`, en: `${en} ${rural ? 'Village' : 'Community'}` },
    parent: street,
    ...validity,
    attributes: {
      households: gridUnits.reduce((s, g) => s + attribute(g, 'households'), 0),
      residents: gridUnits.reduce((s, g) => s + attribute(g, 'residents'), 0),
    },
  });
  units.push(...gridUnits);
}

/** A number attribute of a unit, 0 when it has none. */
function attribute(u: TerritoryUnit, id: string): number {
  const v = u.attributes?.[id];
  return typeof v === 'number' ? v : 0;
}

function totals(units: TerritoryUnit[], day: string) {
  const grids = units.filter(
    (u) => u.level === 'grid' && u.validFrom <= day && (!u.validTo || u.validTo >= day),
  );
  return {
    households: grids.reduce((s, g) => s + attribute(g, 'households'), 0),
    residents: grids.reduce((s, g) => s + attribute(g, 'residents'), 0),
  };
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

interface Behaviour {
  comply: number;
  missingRow: number;
  missingFile: number;
  late: number;
}

/** How a district behaves on a day: strong ones comply, improving ones catch up after 2 February. */
function behaviourOn(profile: Profile, day: string): Behaviour {
  switch (profile) {
    case 'strong':
      return { comply: 0.97, missingRow: 0.005, missingFile: 0.003, late: 0.02 };
    case 'middle':
      return { comply: 0.88, missingRow: 0.02, missingFile: 0.01, late: 0.06 };
    case 'weak':
      return { comply: 0.7, missingRow: 0.06, missingFile: 0.04, late: 0.15 };
    case 'improving': {
      const after = Math.max(0, (Date.parse(day) - Date.parse(MEETING_DAY)) / 86_400_000);
      const t = Math.min(1, after / 14);
      return {
        comply: 0.68 + t * 0.28,
        missingRow: 0.05 - t * 0.04,
        missingFile: 0.03 - t * 0.025,
        late: 0.12 - t * 0.09,
      };
    }
  }
}

/** Who fills a form in on a day, read from the form's own definition of its subjects. */
function subjectsFor(form: Form, tree: Tree, day: string, district: TerritoryUnit): Respondent[] {
  const live = <T extends { validFrom: string; validTo?: string | undefined }>(x: T) =>
    x.validFrom <= day && (!x.validTo || x.validTo >= day);
  const who = form.subjects;
  if (who.kind === 'place')
    return tree.places
      .filter((p) => who.placeTypes.includes(p.type) && live(p))
      .map((p) => ({ code: p.id, placeType: p.type }));
  if (who.level === 'district') return [district];
  return tree.units
    .filter((u) => u.level === who.level && live(u))
    .map((u) => {
      const households = u.attributes?.households;
      return { code: u.code, households: typeof households === 'number' ? households : undefined };
    });
}

/** A few rows are entered wrongly, as in real life: a negative count, a word, an empty cell. */
function corrupt(values: string[], rnd: Random): void {
  const i = rnd.int(0, Math.max(0, values.length - 2));
  values[i] = rnd.pick(['-3', 'n/a', '']);
}

/** Name stems in turn; past the end of the list a number keeps names apart. */
function stemAt(start: number, k: number): readonly [string, string] {
  const [zh, en] = NAME_STEMS[(start + k) % NAME_STEMS.length]!;
  const round = Math.floor(k / NAME_STEMS.length);
  return round === 0 ? [zh, en] : [`${zh}${round + 1}`, `${en} ${round + 1}`];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}
