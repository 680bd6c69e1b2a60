import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  buildRegistry,
  checkRule,
  checkSharedCondition,
  type FactInfo,
  Form,
  factCatalog,
  formatProblem,
  formRegistryProblems,
  hint,
  type JsonSource,
  LIMITS,
  type LoadedWaiver,
  languagesInUse,
  locate,
  misnamedTestFile,
  type PathSegment,
  type Problem,
  Project as ProjectFile,
  parseJsonSource,
  problemAt,
  type Registry,
  RegistryFile,
  Rule,
  ScoringMethod,
  SharedCondition,
  inForce as unitInForce,
  useLanguages,
  validateJson,
  Waiver,
  WaiverFile,
  zodProblems,
} from '@shoutu/core';
import {
  type CompiledRule,
  compileRule,
  emptyInputStats,
  type InputStats,
  ReportIndex,
} from '@shoutu/engine';
import type { z } from 'zod';
import { contentHash, readTexts, type TextFile, valueHash, walkEntries } from './files.js';
import {
  checkedOf,
  countChecked,
  countEntry,
  createReportSource,
  type DiskReportSource,
  listReports,
  REPORTS_DIR,
  ReportCache,
  readReport,
  reportContextHash,
  type Today,
  todayOf,
  ValidationLedger,
} from './report-cache.js';

/** `data/forms/grid-daily.json` → `grid-daily`: the id a file's name promises. */
function fileStem(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.json$/, '');
}

export interface Loaded<T> {
  value?: T;
  problems: Problem[];
}

/**
 * The JSON files below `dir` that `match`, parsed and validated; every entry not read (a link, a
 * hidden file, a file past `maxBytes`…) is a problem of its own (`walkEntries`).
 */
async function readJsonFiles<T>(
  root: string,
  dir: string,
  schema: z.ZodType<T>,
  match = (f: string) => f.endsWith('.json'),
  maxBytes: number = LIMITS.jsonBytes,
  /** Said of other files in `dir` (see `walkEntries`). */
  unmatched?: string,
) {
  const walk = walkEntries(root, dir, {
    match,
    maxBytes,
    what: 'a JSON file',
    ...(unmatched !== undefined ? { unmatched } : {}),
  });
  const rels = walk.files.map((f) => `${dir}/${f}`);
  const { texts, problems } = await readTexts(root, rels, maxBytes);
  for (const p of walk.setAside) problems.push(p);
  const parsed: { source: JsonSource; data: T; text: TextFile }[] = [];
  for (const text of texts) {
    const p = parseJsonSource(text.file, text.text);
    if (!p.source) {
      for (const q of p.problems) problems.push(q);
      continue;
    }
    const v = validateJson(p.source, schema);
    if (v.data === undefined) for (const q of v.problems) problems.push(q);
    else parsed.push({ source: p.source, data: v.data as T, text });
  }
  return { texts, parsed, problems };
}

/** The project's own settings, in the data folder. */
export const PROJECT_FILE = 'data/project.json';

/**
 * `data/project.json`: the project's languages and time zone. Sets the languages every text
 * must have (`useLanguages`), so load it before anything with text in it.
 */
export async function loadProjectFile(root: string): Promise<Loaded<ProjectFile>> {
  if (!existsSync(path.join(root, PROJECT_FILE)))
    return {
      problems: [
        {
          severity: 'error',
          code: 'SHOUTU-P001',
          file: PROJECT_FILE,
          message:
            'no project file: expected { "languages": ["zh", "en"], "timeZone": "Asia/Shanghai" } with your languages (the first is the default) and the time zone of "today"',
        },
      ],
    };
  const { texts, problems } = await readTexts(root, [PROJECT_FILE]);
  const text = texts[0];
  if (!text) return { problems };
  const parsed = parseJsonSource(text.file, text.text);
  if (!parsed.source) return { problems: parsed.problems };
  const v = validateJson(parsed.source, ProjectFile);
  if (v.data === undefined) return { problems: v.problems };
  useLanguages(v.data.languages);
  return { value: v.data, problems: [] };
}

/** `data/registry/**.json`, merged and checked. Any problem makes the registry unusable. */
export async function loadRegistry(root: string): Promise<Loaded<Registry>> {
  const { texts, parsed, problems } = await readJsonFiles<RegistryFile>(
    root,
    'data/registry',
    RegistryFile,
    undefined,
    LIMITS.registryBytes,
    'not a JSON file: only .json files in data/registry/ are read, so it was not',
  );
  if (texts.length === 0) {
    // Entries set aside (a link, a hidden file) are said too: they may be why none was read.
    problems.push({
      severity: 'error',
      code: 'SHOUTU-G010',
      file: 'data/registry',
      message: 'no registry files: expected JSON files describing the territory in data/registry/',
    });
    return { problems };
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const built = buildRegistry(parsed, contentHash(texts));
  for (const p of built.problems) problems.push(p);
  return { value: built.registry, problems };
}

/** `data/forms/*.json`, checked against the registry's levels and place types. */
export async function loadForms(
  root: string,
  registry: Registry,
): Promise<Loaded<Map<string, Form>> & { broken: Set<string> }> {
  const { texts, parsed, problems } = await readJsonFiles<Form>(
    root,
    'data/forms',
    Form,
    undefined,
    undefined,
    'not a JSON file: only .json files in data/forms/ are read, so it was not',
  );
  const good = new Set(parsed.map((p) => p.source.file));
  const broken = new Set(texts.filter((t) => !good.has(t.file)).map((t) => fileStem(t.file)));
  const forms = new Map<string, Form>();
  for (const { source, data } of parsed) {
    const expected = fileStem(source.file);
    if (data.id !== expected)
      problems.push(
        problemAt(
          'SHOUTU-F001',
          source,
          ['id'],
          `the form id "${data.id}" differs from the file name: expected "${expected}"`,
        ),
      );
    if (forms.has(data.id))
      problems.push(
        problemAt('SHOUTU-F002', source, ['id'], `the form "${data.id}" is defined twice`),
      );
    for (const p of subjectProblems(source, ['subjects'], data.subjects, registry))
      problems.push(p);
    for (const p of formRegistryProblems(data, registry))
      problems.push(problemAt('SHOUTU-F003', source, p.path, p.message));
    forms.set(data.id, data);
  }
  return { value: forms, problems, broken };
}

function subjectProblems(
  source: JsonSource,
  at: PathSegment[],
  subjects: { kind: 'territory'; level: string } | { kind: 'place'; placeTypes: string[] },
  registry: Registry,
): Problem[] {
  if (subjects.kind === 'territory') {
    return registry.level(subjects.level)
      ? []
      : [
          problemAt(
            'SHOUTU-F003',
            source,
            [...at, 'level'],
            `unknown level "${subjects.level}": expected one of ${registry.levels.map((l) => l.id).join(', ')}`,
          ),
        ];
  }
  return subjects.placeTypes.flatMap((t, i) =>
    registry.placeTypes.has(t)
      ? []
      : [
          problemAt(
            'SHOUTU-F003',
            source,
            [...at, 'placeTypes', i],
            `unknown place type "${t}"${hint(t, registry.placeTypes.keys())}`,
          ),
        ],
  );
}

export interface RuleSet {
  rules: CompiledRule[];
  facts: FactInfo[];
  hash: string;
  /** Where each rule was read from, by `id@version`. */
  sources: Map<string, JsonSource>;
}

/** `rules/**.json` (not `*.test.json`): parsed, checked against forms and registry, compiled. */
/** The folder, inside the rules folder, of shared conditions (`rules/conditions/<name>.json`). */
export const SHARED_DIR = 'conditions';

async function loadSharedConditions(
  root: string,
  dir: string,
  problems: Problem[],
  broken: Set<string>,
) {
  const {
    texts,
    parsed,
    problems: found,
  } = await readJsonFiles<SharedCondition>(root, `${dir}/${SHARED_DIR}`, SharedCondition);
  for (const p of found) problems.push(p);
  const shared = new Map<string, { condition: SharedCondition; source: JsonSource }>();
  const loaded = new Set(parsed.map((p) => p.source.file));
  for (const t of texts) if (!loaded.has(t.file)) broken.add(fileStem(t.file));
  for (const { source, data } of parsed) {
    const expected = fileStem(source.file);
    if (data.name !== expected) broken.add(expected);
    if (data.name !== expected)
      problems.push(
        problemAt(
          'SHOUTU-R023',
          source,
          ['name'],
          `the shared condition "${data.name}" differs from its file name: expected "${expected}"`,
        ),
      );
    shared.set(data.name, { condition: data, source });
  }
  return shared;
}

/** Files directly in the rules folder that are settings or editor schemas, not rules. */
export const RULES_SETTINGS = new Set([
  'rules.config.json',
  'scoring.json',
  'scoring.schema.json',
  'rule.schema.json',
  'rule-test.schema.json',
  'shared-condition.schema.json',
]);

/**
 * `rules/<area>/*.json` (not `*.test.json`): parsed, checked against forms and registry, compiled.
 * `dir` is the rules folder relative to the project root.
 */
/**
 * A rule file directly in `rules/`, not in a folder of its area: located (at its "area" when it
 * has one, else at 1:1), with the folder to move it into.
 */
async function strayRule(
  root: string,
  file: string,
  dir: string,
  areas: readonly string[] | undefined,
  inFolders: string | undefined,
): Promise<Problem> {
  const name = file.slice(dir.length + 1);
  const problem: Problem = {
    severity: 'error',
    code: 'SHOUTU-R013',
    file,
    line: 1,
    column: 1,
    message: `a rule must sit in a folder of its area: expected ${inFolders ?? 'a folder named for its area'}; move the file into the folder of its area`,
  };
  const { texts } = await readTexts(root, [file], LIMITS.jsonBytes);
  const text = texts[0];
  if (!text) return problem;
  const parsed = parseJsonSource(text.file, text.text);
  const value = parsed.source?.value as { area?: unknown } | undefined;
  if (!parsed.source || value === null || typeof value !== 'object') return problem;
  const area = value.area;
  if (typeof area !== 'string' || (areas !== undefined && !areas.includes(area)))
    return { ...problem, ...locate(parsed.source, ['area']) };
  return {
    ...problem,
    ...locate(parsed.source, ['area']),
    message: `a rule must sit in a folder of its area: move it into ${dir}/${area}/ (${dir}/${area}/${name})`,
  };
}

export async function loadRules(
  root: string,
  registry: Registry,
  forms: ReadonlyMap<string, Form>,
  brokenForms: ReadonlySet<string> = new Set(),
  dir = 'rules',
  /** The policy areas of the scoring method; unchecked when the method could not be read. */
  areas?: readonly string[],
): Promise<Loaded<RuleSet>> {
  const folders = (areas ?? []).map((a) => `${dir}/${a}/`);
  const inFolders =
    folders.length === 0
      ? 'a folder named for its area'
      : folders.length === 1
        ? folders[0]
        : `${folders.slice(0, -1).join(', ')} or ${folders[folders.length - 1]}`;
  const { texts, parsed, problems } = await readJsonFiles<Rule>(
    root,
    dir,
    Rule,
    (f) =>
      f.endsWith('.json') &&
      !f.endsWith('.test.json') &&
      // A misnamed test file (`.tests.json` …) is said once by `rules test`, not read as a rule.
      misnamedTestFile(f) === undefined &&
      f.includes('/') &&
      !f.startsWith(`${SHARED_DIR}/`),
  );
  const brokenShared = new Set<string>();
  const shared = await loadSharedConditions(root, dir, problems, brokenShared);
  for (const stray of walkEntries(root, dir, {
    match: (f) => !f.includes('/') && f.endsWith('.json') && !RULES_SETTINGS.has(f),
  }).files)
    problems.push(await strayRule(root, `${dir}/${stray}`, dir, areas, inFolders));
  // Rules, rule tests and shared conditions are JSON; only notes for people (`FACTS.md`, a
  // README) sit beside them, and only at the top. Anything else was likely meant as a rule.
  for (const other of walkEntries(root, dir, {
    match: (f) => !f.endsWith('.json') && (f.includes('/') || !/\.(md|txt)$/i.test(f)),
  }).files)
    problems.push({
      severity: 'warning',
      code: 'SHOUTU-R014',
      file: `${dir}/${other}`,
      message: `not a JSON file: rules, rule tests and shared conditions are .json files, so it was not read${other.includes('/') ? '' : ` (only notes such as FACTS.md, *.md or *.txt may sit directly in ${dir}/)`}`,
    });
  const facts = factCatalog(forms.values(), registry.attributes.values());
  const ctx = {
    registry,
    forms,
    brokenForms,
    shared,
    brokenShared,
    ...(areas ? { areas } : {}),
  };
  // Every shared condition is checked, whether a rule uses it or not.
  for (const { condition, source } of shared.values())
    for (const p of checkSharedCondition(source, condition, ctx)) problems.push(p);
  const sharedConditions = new Map([...shared].map(([name, s]) => [name, s.condition.conditions]));
  const seen = new Map<string, JsonSource>();
  const versions = new Map<string, { rule: Rule; source: JsonSource }[]>();
  const rules: CompiledRule[] = [];
  for (const { source, data } of parsed) {
    const folder = source.file.slice(dir.length + 1).split('/');
    // An area the scoring method does not have is the one mistake (SHOUTU-R001, with the areas
    // allowed): not also a wrong folder and a wrong id, which would send the author to move the
    // file or rename the id.
    const unknownArea = areas !== undefined && !areas.includes(data.area);
    if (!unknownArea && (folder.length !== 2 || folder[0] !== data.area))
      problems.push(
        problemAt(
          'SHOUTU-R015',
          source,
          ['area'],
          `the rule says area "${data.area}": expected it in ${dir}/${data.area}/`,
        ),
      );
    if (!unknownArea && !data.id.startsWith(`${data.area}.`))
      problems.push(
        problemAt(
          'SHOUTU-R016',
          source,
          ['id'],
          `the id "${data.id}" must begin with its area: expected "${data.area}.…"`,
        ),
      );
    const key = `${data.id}@${data.version}`;
    const prior = seen.get(key);
    if (prior) {
      // Name both files: either may be the copy whose id was not changed.
      const message = (other: string) =>
        `the rule "${data.id}" version ${data.version} is also defined in ${other}: expected each id once (or a new version)`;
      problems.push(
        problemAt('SHOUTU-R017', source, ['id'], message(prior.file)),
        problemAt('SHOUTU-R017', prior, ['id'], message(source.file)),
      );
    } else {
      const list = versions.get(data.id) ?? [];
      list.push({ rule: data, source });
      versions.set(data.id, list);
    }
    seen.set(key, source);
    for (const p of checkRule(source, data, ctx)) problems.push(p);
    rules.push(compileRule(data, sharedConditions, forms));
  }
  problems.push(...overlappingVersions(versions));
  // A mistake in a shared condition is found once for every rule that uses it: say it once.
  const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
  problems.length = 0;
  problems.push(...unique);
  if (texts.length === 0)
    problems.push({
      severity: 'error',
      code: 'SHOUTU-R018',
      file: dir,
      message: `no rule files: expected JSON rules in ${folders.length > 0 ? folders.join(', ') : `${dir}/<area>/`}`,
    });
  return { value: { rules, facts, hash: contentHash(texts), sources: seen }, problems };
}

/** Two versions of one rule in force on the same day would judge a subject twice. */
function overlappingVersions(
  versions: Map<string, { rule: Rule; source: JsonSource }[]>,
): Problem[] {
  const problems: Problem[] = [];
  for (const list of versions.values()) {
    const sorted = [...list].sort((a, b) =>
      a.rule.effective.from < b.rule.effective.from ? -1 : 1,
    );
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const next = sorted[i]!;
      if (
        prev.rule.effective.to === undefined ||
        prev.rule.effective.to >= next.rule.effective.from
      )
        problems.push(
          problemAt(
            'SHOUTU-R019',
            next.source,
            ['effective', 'from'],
            `version ${next.rule.version} of "${next.rule.id}" starts on ${next.rule.effective.from}, while version ${prev.rule.version} (${prev.source.file}) is in force from ${prev.rule.effective.from} to ${prev.rule.effective.to ?? 'open end'}: expected periods that do not overlap (end the earlier one the day before)`,
          ),
        );
    }
  }
  return problems;
}

export interface Reports {
  index: ReportIndex;
  problems: Problem[];
  /** What was read, by day. */
  stats: Map<string, InputStats>;
  /** Blank cells of required fields in accepted rows (each a warning). */
  blankCells: number;
}

/**
 * `data/reports/<day>/<form>.<district>.csv|json`: every file read, fresh (no cache), its rows
 * kept; bad rows and files set aside and counted. `shoutu validate` checks every file without
 * keeping rows (`checkReports`); `shoutu evaluate` reads only the days it needs (`openReports`).
 */
export async function loadReports(
  root: string,
  registry: Registry,
  forms: ReadonlyMap<string, Form>,
  /** With today (`todayOf` the project's settings), reports of later days are set aside. */
  options: { today?: Today | undefined } = {},
): Promise<Reports> {
  // Every entry is looked at, so that a report saved under a wrong name is never ignored in silence.
  const listing = listReports(root, options.today);
  const index = new ReportIndex();
  const problems: Problem[] = [];
  const stats: Reports['stats'] = new Map();
  let blankCells = 0;
  const rels = [...listing.stray];
  for (const day of listing.days) for (const rel of listing.files.get(day) ?? []) rels.push(rel);
  const entries = rels.map((rel) => readReport(root, rel, { forms, registry }));
  for (const e of listing.setAside) entries.push(e);
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const e of entries) {
    const s = stats.get(e.day) ?? emptyInputStats();
    stats.set(e.day, s);
    countEntry(s, e);
    blankCells += e.blankCells;
    for (const row of e.rows) index.add(row);
    for (const p of e.problems) problems.push(p);
  }
  return { index, problems, stats, blankCells };
}

export interface CheckedReports {
  /** Problems of every report file, in file order. */
  problems: Problem[];
  /** What was read, by day. */
  stats: Map<string, InputStats>;
  /** Blank cells of required fields in accepted rows (each a warning). */
  blankCells: number;
  /** Files parsed in this run, and files unchanged since the ledger last checked them. */
  parsed: number;
  unchanged: number;
}

/**
 * Every report file checked, as `loadReports` checks it, but without keeping rows: a file whose
 * bytes (and registry, forms, settings and reader) are those it was last checked with is read and
 * hashed, not parsed, its problems and counts coming from the validation ledger
 * (`.shoutu/cache/validated.v8`); the files parsed also fill the report cache, for the next
 * `shoutu evaluate`. With `cache: false` every file is parsed and nothing is written.
 */
export function checkReports(
  root: string,
  project: { registry: Registry; forms: ReadonlyMap<string, Form>; settings: ProjectFile },
  /** `today` defaults to today in the project's time zone: later days' reports are set aside. */
  options: { cache?: boolean; today?: Today } = {},
): CheckedReports {
  const ctx = { registry: project.registry, forms: project.forms };
  // Every entry is looked at, so that a report saved under a wrong name is never ignored in silence.
  const listing = listReports(root, options.today ?? todayOf(project.settings));
  const rels = [...listing.stray];
  for (const day of listing.days) for (const rel of listing.files.get(day) ?? []) rels.push(rel);
  rels.sort();
  const problems: Problem[] = [];
  const stats: CheckedReports['stats'] = new Map();
  let blankCells = 0;
  const context = options.cache === false ? undefined : reportContextHash(ctx, project.settings);
  const ledger = context === undefined ? undefined : new ValidationLedger(root, context);
  const cache = context === undefined ? undefined : new ReportCache(root, context);
  const checked = rels.map((rel) => ({
    file: `${REPORTS_DIR}/${rel}`,
    c: ledger
      ? ledger.check(root, rel, ctx, (entry, key) => cache?.fill(rel, key, entry, ctx))
      : checkedOf(readReport(root, rel, ctx)),
  }));
  for (const e of listing.setAside) checked.push({ file: e.file, c: checkedOf(e) });
  checked.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const { c } of checked) {
    const s = stats.get(c.day) ?? emptyInputStats();
    stats.set(c.day, s);
    countChecked(s, c);
    blankCells += c.blankCells;
    for (const p of c.problems) problems.push(p);
  }
  ledger?.save();
  return {
    problems,
    stats,
    blankCells,
    parsed: ledger ? ledger.parsed : rels.length,
    unchanged: ledger ? ledger.unchanged : 0,
  };
}

export interface LazyReports {
  /** The report days, read as lookups touch them. */
  source: DiskReportSource;
  /** The engine's index over `source`: a day is read when a lookup first touches it. */
  index: ReportIndex;
  /** The cache the files are read through, with its counts; none when the run asked for none. */
  cache?: ReportCache | undefined;
}

/**
 * The project's reports, read only as far as they are used: a day's files are read (through the
 * content-hash cache in `.shoutu/cache/`, unless `cache` is false) when a lookup first needs that
 * day.
 */
export function openReports(
  root: string,
  project: { registry: Registry; forms: ReadonlyMap<string, Form>; settings: ProjectFile },
  /** `today` defaults to today in the project's time zone: later days are never offered. */
  options: { cache?: boolean; today?: Today } = {},
): LazyReports {
  const ctx = { registry: project.registry, forms: project.forms };
  const cache =
    options.cache === false
      ? undefined
      : new ReportCache(root, reportContextHash(ctx, project.settings));
  const source = createReportSource(root, ctx, {
    cache,
    today: options.today ?? todayOf(project.settings),
  });
  return { source, index: new ReportIndex(undefined, source), cache };
}

/** The scoring method's file, inside the rules folder. */
export const SCORING_FILE = 'scoring.json';

export interface Scoring {
  method: ScoringMethod;
  hash: string;
}

/** `rules/scoring.json`: how findings become scores. Without a valid one nothing is scored. */
export async function loadScoring(root: string, dir = 'rules'): Promise<Loaded<Scoring>> {
  const file = `${dir}/${SCORING_FILE}`;
  if (!existsSync(path.join(root, file)))
    return {
      problems: [
        {
          severity: 'error',
          code: 'SHOUTU-P002',
          file,
          message:
            'no scoring method: expected this file with severity weights, the policy areas and their weights, bands and how missing reports count (see the README)',
        },
      ],
    };
  const { texts, problems } = await readTexts(root, [file]);
  const text = texts[0];
  if (!text) return { problems };
  const parsed = parseJsonSource(text.file, text.text);
  if (!parsed.source) return { problems: parsed.problems };
  const v = validateJson(parsed.source, ScoringMethod);
  if (v.data === undefined) return { problems: v.problems };
  // The hash covers what scores depend on, not the description, the areas' names and order, or
  // the file's layout. Areas count by id and weight, written as they were before areas were
  // declared in data (`areaWeights`), so that an unchanged method keeps its published hash.
  const { $schema: _, description: __, areas, ...rest } = v.data;
  const scored = { ...rest, areaWeights: Object.fromEntries(areas.map((a) => [a.id, a.weight])) };
  return { value: { method: v.data, hash: valueHash(scored) }, problems: [] };
}

export interface Waivers {
  waivers: LoadedWaiver[];
  hash: string;
  problems: Problem[];
  /** Files that could not be read at all, and single waivers set aside. */
  setAsideFiles: number;
  setAsideWaivers: number;
}

/**
 * `data/waivers/*.json`. A file that is not valid JSON is set aside whole; a waiver with a
 * mistake (unknown subject or rule, expiry before start) is set aside alone; both are counted.
 */
export async function loadWaivers(
  root: string,
  registry: Registry,
  rules: readonly { rule: Pick<Rule, 'id' | 'appliesTo'> }[],
): Promise<Waivers> {
  const byId = new Map<string, Pick<Rule, 'id' | 'appliesTo'>[]>();
  for (const { rule } of rules) byId.set(rule.id, [...(byId.get(rule.id) ?? []), rule]);
  const dir = 'data/waivers';
  const walk = walkEntries(root, dir, { maxBytes: LIMITS.jsonBytes, what: 'a waiver file' });
  const rels = walk.files.map((f) => `${dir}/${f}`);
  const { texts, problems } = await readTexts(root, rels);
  for (const p of walk.setAside) problems.push(p);
  for (const p of problems) if (p.severity === 'error') p.setAside = 'file';
  const out: Waivers = {
    waivers: [],
    hash: contentHash(texts),
    problems,
    setAsideFiles: problems.length,
    setAsideWaivers: 0,
  };
  for (const text of texts) {
    if (!text.file.endsWith('.json')) {
      out.problems.push({
        severity: 'error',
        code: 'SHOUTU-W004',
        setAside: 'file',
        file: text.file,
        message:
          'not a waiver file: expected a .json file in data/waivers/; the file was set aside',
      });
      out.setAsideFiles++;
      continue;
    }
    const parsed = parseJsonSource(text.file, text.text);
    const envelope = parsed.source?.value as { waivers?: unknown } | undefined;
    if (
      !parsed.source ||
      !envelope ||
      typeof envelope !== 'object' ||
      !Array.isArray(envelope.waivers)
    ) {
      if (parsed.source)
        out.problems.push({
          ...problemAt(
            'SHOUTU-W004',
            parsed.source,
            [],
            'expected { "waivers": [ … ] }; the file was set aside',
          ),
          setAside: 'file',
        });
      else
        for (const p of parsed.problems)
          out.problems.push({
            ...p,
            setAside: 'file',
            message: `${p.message}; the file was set aside`,
          });
      out.setAsideFiles++;
      continue;
    }
    const source = parsed.source;
    const extra = Object.keys(envelope).filter((k) => k !== 'waivers' && k !== '$schema');
    for (const k of extra)
      out.problems.push(
        problemAt(
          'SHOUTU-S001',
          source,
          [],
          `unknown field "${k}". Expected one of: $schema, waivers`,
          k,
          'warning',
        ),
      );
    envelope.waivers.forEach((entry, i) => {
      const where = ['waivers', i];
      const v = Waiver.safeParse(entry, { reportInput: true });
      const found: Problem[] = v.success
        ? []
        : zodProblems(source, v.error.issues, where, WaiverFile);
      // Subject and rule are checked even when another field is wrong, so all is said at once.
      const raw = (entry ?? {}) as { subject?: unknown; rule?: unknown };
      const code = typeof raw.subject === 'string' && raw.subject !== '' ? raw.subject : undefined;
      const ruleId = typeof raw.rule === 'string' && raw.rule !== '' ? raw.rule : undefined;
      const unit = code === undefined ? undefined : registry.units.get(code);
      const place = code === undefined ? undefined : registry.places.get(code);
      if (code !== undefined && !unit && !place)
        found.push(
          problemAt(
            'SHOUTU-W001',
            source,
            [...where, 'subject'],
            `no unit or place has the code "${code}"${hint(code, [...registry.units.keys(), ...registry.places.keys()])}`,
          ),
        );
      const versions = ruleId === undefined ? undefined : byId.get(ruleId);
      if (ruleId !== undefined && !versions)
        found.push(
          problemAt(
            'SHOUTU-W001',
            source,
            [...where, 'rule'],
            `unknown rule "${ruleId}"${hint(ruleId, byId.keys())}`,
          ),
        );
      if (versions && (unit || place)) {
        const applies = versions.some((r) =>
          r.appliesTo.kind === 'territory'
            ? unit?.level === r.appliesTo.level
            : place !== undefined && r.appliesTo.placeTypes.includes(place.type),
        );
        const first = versions[0]!.appliesTo;
        if (!applies)
          found.push(
            problemAt(
              'SHOUTU-W002',
              source,
              [...where, 'subject'],
              `the rule ${ruleId} applies to ${first.kind === 'territory' ? `each ${first.level}` : `places of type ${first.placeTypes.join(', ')}`}, and ${code} is ${unit ? `a ${unit.level}` : `a ${place?.type}`}: the waiver would never apply`,
              undefined,
              'warning',
            ),
          );
      }
      if (v.success) {
        const w = v.data;
        const subject = unit ?? place;
        if (subject && !unitInForce(subject, w.start) && !unitInForce(subject, w.expiry))
          found.push(
            problemAt(
              'SHOUTU-W002',
              source,
              [...where, 'subject'],
              `"${w.subject}" is not in force between ${w.start} and ${w.expiry}: the waiver would never apply`,
              undefined,
              'warning',
            ),
          );
        const twin = out.waivers.find(
          (o) =>
            o.subject === w.subject &&
            o.rule === w.rule &&
            o.start <= w.expiry &&
            w.start <= o.expiry,
        );
        if (twin)
          found.push(
            problemAt(
              'SHOUTU-W003',
              source,
              where,
              `another waiver for ${w.subject} and ${w.rule} (${twin.source}) covers some of the same days`,
              undefined,
              'warning',
            ),
          );
        if (found.every((p) => p.severity !== 'error')) {
          // Plain text is the reason in every language of the project.
          const langs = languagesInUse();
          const reason =
            typeof w.reason === 'string'
              ? Object.fromEntries(
                  (langs.length > 0 ? langs : ['en']).map((l) => [l, w.reason as string]),
                )
              : w.reason;
          out.waivers.push({
            subject: w.subject,
            rule: w.rule,
            reason,
            approver: w.approver,
            start: w.start,
            expiry: w.expiry,
            source: `${source.file}:${locate(source, where).line}`,
          });
        }
      }
      if (found.some((p) => p.severity === 'error')) out.setAsideWaivers++;
      for (const p of found)
        out.problems.push(
          p.severity === 'error'
            ? { ...p, setAside: 'waiver', message: `${p.message}; the waiver was set aside` }
            : p,
        );
    });
  }
  return out;
}
