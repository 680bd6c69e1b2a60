/**
 * The report forms, for the templates page and the blank CSV templates: `data/forms/*.json`,
 * validated with the `Form` schema of @shoutu/core, and the names of levels and place types from
 * `data/registry/` to say who fills each form in. The data folder is the one holding the results
 * the site is built from (SHOUTU_RESULTS_DIR/..). Runs at build time only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  Form,
  type Lang,
  Level,
  type LocalizedText,
  MeasurementUnit,
  PlaceType,
  SUBJECT_COLUMN,
  SUBMITTED_COLUMN,
  textIn,
} from '@shoutu/core';
import { ResultsError } from './results';

function dataDir(): string {
  return dirname(import.meta.env.SHOUTU_RESULTS_DIR);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ResultsError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export interface FormEntry {
  form: Form;
  /** Who fills it in: a level's name, or the names of the place types. */
  filledBy: { level: LocalizedText } | { placeTypes: LocalizedText[] };
  /** The CSV header a unit fills in: subject, submitted_at, then the fields in order. */
  columns: string[];
}

interface Names {
  levels: Map<string, LocalizedText>;
  placeTypes: Map<string, LocalizedText>;
  units: Map<string, MeasurementUnit>;
}

/** Level and place-type names from every file of the registry (only those two sections are read). */
function registryNames(): Names {
  const names: Names = { levels: new Map(), placeTypes: new Map(), units: new Map() };
  const dir = join(dataDir(), 'registry');
  if (!existsSync(dir)) return names;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of files) {
    const raw = readJson(join(dir, f)) as {
      levels?: unknown;
      placeTypes?: unknown;
      measurementUnits?: unknown;
    };
    if (raw === null || typeof raw !== 'object') continue;
    const levels = Level.array().safeParse(raw.levels ?? []);
    const types = PlaceType.array().safeParse(raw.placeTypes ?? []);
    if (levels.success) for (const l of levels.data) names.levels.set(l.id, l.name);
    if (types.success) for (const p of types.data) names.placeTypes.set(p.id, p.name);
    const units = MeasurementUnit.array().safeParse(raw.measurementUnits ?? []);
    if (units.success) for (const u of units.data) names.units.set(u.id, u);
  }
  return names;
}

const same = (id: string): LocalizedText => ({ zh: id, en: id });

function load(): FormEntry[] {
  const dir = join(dataDir(), 'forms');
  if (!existsSync(dir)) return [];
  const names = registryNames();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => {
    const file = join(dir, f);
    const parsed = Form.safeParse(readJson(file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ResultsError(
        `${relative(process.cwd(), file)} is not a valid form (${issue?.path.join('.') || '(root)'}: ${issue?.message}). Run \`pnpm shoutu validate\`.`,
      );
    }
    const form = parsed.data;
    const subjects = form.subjects;
    return {
      form,
      filledBy:
        subjects.kind === 'territory'
          ? { level: names.levels.get(subjects.level) ?? same(subjects.level) }
          : { placeTypes: subjects.placeTypes.map((p) => names.placeTypes.get(p) ?? same(p)) },
      columns: [SUBJECT_COLUMN, SUBMITTED_COLUMN, ...form.fields.map((x) => x.id)],
    };
  });
}

/** The word for a unit of measure in a language, from the registry's measurement units. */
export function unitWord(unit: string, lang: Lang): string {
  namesCache ??= registryNames();
  const u = namesCache.units.get(unit);
  return u ? textIn(u.name, lang) : unit;
}
let namesCache: Names | undefined;

/** The registry's measurement units, for quantities in explanations. */
export function measurementUnits(): ReadonlyMap<string, MeasurementUnit> {
  namesCache ??= registryNames();
  return namesCache.units;
}

let cached: FormEntry[] | undefined;

/** Every form, by id. */
export function getForms(): FormEntry[] {
  cached ??= load();
  return cached;
}
