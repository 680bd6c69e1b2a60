/** What a project declares as data: languages, time zone, kinds, attributes and measurement units. */
import {
  buildRegistry,
  dayIn,
  Form,
  formatProblem,
  formatQuantity,
  formRegistryProblems,
  LocalizedText,
  MeasurementUnit,
  Project,
  RegistryFile,
  ScoringMethod,
  textIn,
  useLanguages,
} from '@shoutu/core';
import { afterEach, describe, expect, test } from 'vitest';
import { base, input, registryOf, t } from './helpers.js';

const problemsOf = (data: object) =>
  buildRegistry([input(data)], 'v').problems.map((p) =>
    formatProblem(p).replace(/^.*?: error SHOUTU-[A-Z]\d{3}: /, ''),
  );

afterEach(() => {
  useLanguages([]);
});

describe('data/project.json', () => {
  test('languages and an IANA time zone', () => {
    expect(Project.safeParse({ languages: ['fr'], timeZone: 'Europe/Paris' }).success).toBe(true);
    const bad = Project.safeParse({ languages: ['en', 'EN'], timeZone: 'Mars/Olympus' });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'languages.1: expected a language id of two or three lower-case letters, e.g. "zh" or "en"',
      'timeZone: expected an IANA time zone such as "Asia/Shanghai" or "Europe/Paris"',
    ]);
    expect(
      Project.safeParse({ languages: ['en', 'en'], timeZone: 'UTC' }).error?.issues[0]?.message,
    ).toBe('the language "en" is listed twice');
    expect(Project.safeParse({ languages: [], timeZone: 'UTC' }).success).toBe(false);
  });

  test("today is the calendar day in the project's zone", () => {
    const instant = new Date('2020-02-01T20:00:00Z');
    expect(dayIn('Asia/Shanghai', instant)).toBe('2020-02-02');
    expect(dayIn('America/Chicago', instant)).toBe('2020-02-01');
  });
});

describe('text in the project languages', () => {
  test('any one language will do until the project requires its own', () => {
    expect(LocalizedText.safeParse({ fr: 'bonjour' }).success).toBe(true);
    expect(LocalizedText.safeParse({}).success).toBe(false);
    useLanguages(['zh', 'en']);
    const r = LocalizedText.safeParse({ fr: 'bonjour', en: 'hello' });
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'expected text in "zh" too: the project\'s languages are zh, en',
    ]);
    expect(LocalizedText.safeParse({ zh: '你好', en: 'hello', fr: 'bonjour' }).success).toBe(true);
  });

  test('textIn: the language, else the first project language present, else the first entry', () => {
    useLanguages(['fr', 'en']);
    expect(textIn({ en: 'hello', fr: 'bonjour' }, 'en')).toBe('hello');
    expect(textIn({ en: 'hello', fr: 'bonjour' }, 'de')).toBe('bonjour');
    expect(textIn({ es: 'hola' }, 'de')).toBe('hola');
  });
});

describe('the registry declares kinds, attributes and measurement units', () => {
  const withKinds = () => {
    const data = base();
    return {
      ...data,
      levels: data.levels.map((l) =>
        l.id === 'district' ? { ...l, kinds: [{ id: 'county', name: t('县', 'county') }] } : l,
      ),
    };
  };

  test("a unit's kind is one of its level's kinds", () => {
    const data = withKinds();
    data.units[1] = { ...data.units[1]!, kind: 'countie' } as never;
    data.units[2] = { ...data.units[2]!, kind: 'town' } as never;
    expect(problemsOf(data)).toEqual([
      'unknown kind "countie" of a district; did you mean "county"?: expected one of county (at units[1].kind)',
      'the level "street" declares no kinds: add "kinds" to the level, or remove "kind" (at units[2].kind)',
    ]);
  });

  test('each attribute value is declared, applies to the subject, and fits its type and range', () => {
    const data = base();
    data.units[4] = {
      ...data.units[4]!,
      attributes: { households: -1, househols: 3 },
    } as never;
    data.units[3] = { ...data.units[3]!, attributes: { households: 10 } } as never;
    (data.places[0] as Record<string, unknown>).attributes = { households: 1.5 };
    expect(problemsOf(data)).toEqual([
      'the attribute "households" applies to units of the levels grid, not to a community (at units[3].attributes.households)',
      '-1 is below the least value of "households": expected at least 0 household (at units[4].attributes.households)',
      'unknown attribute "househols"; did you mean "households"?: expected one declared in "attributes" of the registry (at units[4].attributes.househols)',
      'the attribute "households" applies to units of the levels grid, not to a place of the type school (at places[0].attributes.households)',
    ]);
  });

  test("an attribute's unit, levels and place types are declared", () => {
    const data = base();
    data.attributes.push({
      id: 'staff',
      label: t('员工', 'staff'),
      type: 'integer',
      unit: 'persons',
      min: 0,
      appliesTo: { placeTypes: ['schol'] },
    } as never);
    expect(problemsOf(data)).toEqual([
      'unknown measurement unit "persons": expected one of "measurementUnits" (at attributes[1].unit)',
      'unknown place type "schol"; did you mean "school"? (at attributes[1].appliesTo.placeTypes[0])',
    ]);
  });

  test('level ids that are routes of the site or languages are refused', () => {
    useLanguages(['zh', 'en']);
    const file = RegistryFile.safeParse({
      levels: [{ id: 'archive', name: t('档案'), codeLength: 3, lead: t('x') }],
    });
    expect(file.error?.issues[0]?.message).toMatch(/^this id is a route of the site/);
    const data = base();
    data.levels = [{ ...data.levels[0]!, id: 'en' }, ...data.levels.slice(1)];
    data.units[0] = { ...data.units[0]!, level: 'en' };
    expect(problemsOf(data)).toContain(
      '"en" is one of the project\'s languages, and a language is a route of the site: choose another level id (at levels[0].id)',
    );
  });

  test('the registry keeps attributes and measurement units by id', () => {
    const registry = registryOf();
    expect([...registry.attributes.keys()]).toEqual(['households']);
    expect([...registry.measurementUnits.keys()]).toEqual(['household']);
  });
});

describe('forms against the registry', () => {
  const form = (over: object) =>
    Form.parse({
      id: 'grid-daily',
      title: t('网格日报', 'grid daily'),
      subjects: { kind: 'territory', level: 'grid' },
      fields: [
        { id: 'visited', type: 'integer', unit: 'houshold', label: t('走访', 'visited') },
        { id: 'note', type: 'text', label: t('备注', 'note') },
      ],
      ...over,
    });

  test('units are declared; a ratio to the subject names a number attribute it has', () => {
    const registry = registryOf();
    const problems = formRegistryProblems(
      form({
        derived: [
          { id: 'share', label: t('比例'), ratio: { of: 'visited', to: 'subject.househods' } },
          { id: 'days', label: t('天'), unit: 'day', count: { days: 7 } },
        ],
      }),
      registry,
    );
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      'fields.0.unit: unknown measurement unit "houshold"; did you mean "household"?: expected one declared in "measurementUnits" of the registry',
      'derived.0.ratio.to: unknown registry attribute "subject.househods"; did you mean "subject.households"?: expected one declared in "attributes" of the registry',
      'derived.1.unit: unknown measurement unit "day": expected one declared in "measurementUnits" of the registry',
    ]);
    const street = formRegistryProblems(
      form({
        subjects: { kind: 'territory', level: 'street' },
        fields: [{ id: 'visited', type: 'integer', label: t('走访') }],
        derived: [
          { id: 'share', label: t('比例'), ratio: { of: 'visited', to: 'subject.households' } },
        ],
      }),
      registry,
    );
    expect(street.map((p) => p.message)).toEqual([
      'the attribute "subject.households" is not known for the subjects of this form (each street)',
    ]);
  });
});

describe('measurement units', () => {
  const units = [
    { id: 'household', name: t('户', 'households'), one: { en: 'household' } },
    { id: '%', name: t('%'), attached: true },
  ].map((u) => MeasurementUnit.parse(u));

  test('words from the registry, the singular where the language has one, attached or not', () => {
    expect(formatQuantity(480, 'household', 'zh', units)).toBe('480 户');
    expect(formatQuantity(480, 'household', 'en', units)).toBe('480 households');
    expect(formatQuantity(1, 'household', 'en', units)).toBe('1 household');
    expect(formatQuantity(1, 'household', 'zh', units)).toBe('1 户');
    expect(formatQuantity(4.5, '%', 'en', units)).toBe('4.5%');
    expect(formatQuantity(3, 'mg/L', 'en', units)).toBe('3 mg/L');
    expect(formatQuantity(3, undefined, 'en', units)).toBe('3');
  });
});

describe('policy areas', () => {
  const method = (areas: unknown) =>
    ScoringMethod.safeParse({
      name: 'weighted',
      version: 1,
      description: t('x'),
      severityWeights: { critical: 5, major: 3, minor: 1 },
      areas,
      missingReport: { mode: 'fail' },
      error: { mode: 'ignore' },
      bands: { green: 90, yellow: 75 },
      criticalCap: { yellow: 0 },
      trend: { flatWithin: 1 },
    });

  test('declared in the scoring method, each once, with a weight from 0.001 to 1000', () => {
    expect(method([{ id: 'health', name: { en: 'Health' }, weight: 1 }]).success).toBe(true);
    expect(method([]).success).toBe(false);
    const r = method([
      { id: 'health', name: { en: 'Health' }, weight: 1 },
      { id: 'economy', name: { en: 'Economy' }, weight: 0 },
    ]);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'areas.1.weight: expected a weight of at least 0.001 (and at most 1000)',
    ]);
    const twice = method([
      { id: 'health', name: { en: 'Health' }, weight: 1 },
      { id: 'health', name: { en: 'Health' }, weight: 2 },
    ]);
    expect(twice.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'areas.1.id: the area "health" is listed twice',
    ]);
  });
});
