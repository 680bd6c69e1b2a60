import type { Fixture } from '../../helpers.js';
import {
  deepArray,
  deepObject,
  edit,
  FORM,
  JSON_REPORT,
  jsonReport,
  jsonRow,
  LIMITS,
  othersKept,
  PROJECT,
  REGISTRY,
  RULE,
  RULE_TEST,
  SCORING,
  shared,
  WAIVERS,
  waiver,
  waivers,
} from '../build.js';
import { at, type Case } from '../corpus.js';

const g = 'JSON structure' as const;

/**
 * Each kind of JSON file Shoutu reads: where a value can be put in it, the command that reads it,
 * and its exit code when it is bad (reports and waivers are set aside: exit 0; the registry,
 * forms, rules, scoring method and project stop the command: exit 1).
 */
interface Kind {
  kind: string;
  file: string;
  command: string[];
  exit: number;
  /** The file's text with `value` (JSON text) put in it. */
  put: (f: Fixture, value: string) => Promise<void>;
}

const KINDS: Kind[] = [
  {
    kind: 'a JSON report',
    file: JSON_REPORT,
    command: ['validate'],
    exit: 0,
    put: (f, v) =>
      f.write(
        JSON_REPORT,
        jsonReport(
          `[{"subject":"210202001001001","submitted_at":"2020-02-04T10:00","households_visited":${v}}]`,
        ),
      ),
  },
  {
    kind: 'a waiver file',
    file: WAIVERS,
    command: ['validate'],
    exit: 0,
    put: (f, v) => f.write(WAIVERS, `{"waivers": ${v}}\n`),
  },
  {
    kind: 'a rule',
    file: RULE,
    command: ['rules', 'check'],
    exit: 1,
    put: (f, v) => edit(f, RULE, '"conditions": {', `"extra": ${v},\n  "conditions": {`),
  },
  {
    kind: 'a shared condition',
    file: 'rules/conditions/nest.json',
    command: ['rules', 'check'],
    exit: 1,
    put: (f, v) => f.write('rules/conditions/nest.json', shared('nest', v)),
  },
  {
    kind: 'the registry',
    file: REGISTRY,
    command: ['validate'],
    exit: 1,
    put: (f, v) => edit(f, REGISTRY, '"departments": []', `"departments": ${v}`),
  },
  {
    kind: 'a form',
    file: FORM,
    command: ['validate'],
    exit: 1,
    put: (f, v) => edit(f, FORM, '"due": "12:00"', `"due": ${v}`),
  },
  {
    kind: 'the scoring method',
    file: SCORING,
    command: ['validate'],
    exit: 1,
    put: (f, v) => edit(f, SCORING, '"trend": { "flatWithin": 1 }', `"trend": ${v}`),
  },
  {
    kind: 'the project settings',
    file: PROJECT,
    command: ['validate'],
    exit: 1,
    put: (f, v) => edit(f, PROJECT, '"languages": ["zh", "en"]', `"languages": ${v}`),
  },
  {
    kind: 'a rule test',
    file: RULE_TEST,
    command: ['rules', 'test'],
    exit: 1,
    put: (f, v) => edit(f, RULE_TEST, '"facts": {', `"extra": ${v}, "facts": {`),
  },
];

const nested = /nested|deep/;
const cases0: Case[] = [];
for (const k of KINDS) {
  cases0.push(
    {
      group: g,
      name: `${k.kind} nested 10,000 deep in arrays`,
      setup: (f) => k.put(f, deepArray(10_000)),
      command: k.command,
      expect: { exit: k.exit, message: at(k.file, nested) },
    },
    {
      group: g,
      name: `${k.kind} nested 10,000 deep in objects`,
      setup: (f) => k.put(f, deepObject(10_000)),
      command: k.command,
      expect: { exit: k.exit, message: at(k.file, nested) },
    },
    {
      group: g,
      name: `${k.kind} with ${LIMITS.jsonDepth} arrays nested inside, past the limit`,
      setup: (f) => k.put(f, deepArray(LIMITS.jsonDepth)),
      command: k.command,
      expect: { exit: k.exit, message: at(k.file, nested) },
    },
  );
}

/** An unsafe integer and an overflow, in each kind of file with a number in it. */
const numbers: [string, string, string[], number, (f: Fixture, v: string) => Promise<void>][] = [
  [
    'the registry (an attribute)',
    REGISTRY,
    ['validate'],
    1,
    (f, v) => edit(f, REGISTRY, '"households": 480', `"households": ${v}`),
  ],
  [
    'a rule (a threshold)',
    RULE,
    ['rules', 'check'],
    1,
    (f, v) => edit(f, RULE, '"value": { "fact": "subject.households" }', `"value": ${v}`),
  ],
  ['a form (a minimum)', FORM, ['validate'], 1, (f, v) => edit(f, FORM, '"min": 0', `"min": ${v}`)],
  [
    'the scoring method (its version)',
    SCORING,
    ['validate'],
    1,
    (f, v) => edit(f, SCORING, '"version": 1', `"version": ${v}`),
  ],
  [
    'a rule test (a fact)',
    RULE_TEST,
    ['rules', 'test'],
    1,
    (f, v) =>
      edit(
        f,
        RULE_TEST,
        '"grid-daily.households_visited": 480',
        `"grid-daily.households_visited": ${v}`,
      ),
  ],
];
for (const [kind, file, command, exit, put] of numbers) {
  cases0.push(
    {
      group: g,
      name: `${kind}: 9007199254740993, past the safe integers`,
      setup: (f) => put(f, '9007199254740993'),
      command,
      expect: { exit, message: at(file, /9007199254740993|9007199254740991|safe/) },
    },
    {
      group: g,
      name: `${kind}: 1e400, which overflows`,
      setup: (f) => put(f, '1e400'),
      command,
      expect: { exit, message: at(file, /1e400|infinit|finite|too large/) },
    },
  );
}

/** Text that is not JSON, or JSON Shoutu does not take. */
const syntax: [string, string, string[], number, (f: Fixture) => Promise<void>, RegExp][] = [
  [
    'a truncated rule',
    RULE,
    ['rules', 'check'],
    1,
    async (f) => f.write(RULE, (await f.read(RULE)).slice(0, 300)),
    /JSON|end/,
  ],
  [
    'a truncated registry',
    REGISTRY,
    ['validate'],
    1,
    async (f) => f.write(REGISTRY, (await f.read(REGISTRY)).slice(0, 500)),
    /JSON|end/,
  ],
  [
    'a truncated JSON report',
    JSON_REPORT,
    ['validate'],
    0,
    (f) => f.write(JSON_REPORT, jsonReport([jsonRow()]).slice(0, 80)),
    /JSON|end/,
  ],
  [
    'a truncated waiver file',
    WAIVERS,
    ['validate'],
    0,
    (f) => f.write(WAIVERS, waivers(waiver()).slice(0, 60)),
    /JSON|end/,
  ],
  [
    'a truncated scoring method',
    SCORING,
    ['validate'],
    1,
    async (f) => f.write(SCORING, (await f.read(SCORING)).slice(0, 400)),
    /JSON|end/,
  ],
  [
    'a truncated form',
    FORM,
    ['validate'],
    1,
    async (f) => f.write(FORM, (await f.read(FORM)).slice(0, 200)),
    /JSON|end/,
  ],
  [
    'a rule in single quotes',
    RULE,
    ['rules', 'check'],
    1,
    (f) => edit(f, RULE, '"severity": "critical"', "'severity': 'critical'"),
    /JSON|quote/,
  ],
  [
    'a rule with curly quotes (from a word processor)',
    RULE,
    ['rules', 'check'],
    1,
    (f) => edit(f, RULE, '"severity": "critical"', '“severity”: “critical”'),
    /JSON|quote/,
  ],
  [
    'a form with curly quotes',
    FORM,
    ['validate'],
    1,
    (f) => edit(f, FORM, '"due": "12:00"', '"due": “12:00”'),
    /JSON|quote/,
  ],
  [
    'a rule with two commas in a row',
    RULE,
    ['rules', 'check'],
    1,
    (f) => edit(f, RULE, '"severity": "critical",', '"severity": "critical",,'),
    /JSON|comma/,
  ],
  [
    'a scoring method with a trailing comma',
    SCORING,
    ['validate'],
    1,
    (f) => edit(f, SCORING, '"trend": { "flatWithin": 1 }', '"trend": { "flatWithin": 1, },'),
    /JSON|comma/,
  ],
  [
    'a waiver file with a trailing comma',
    WAIVERS,
    ['validate'],
    0,
    (f) => f.write(WAIVERS, waivers(waiver()).replace(/\]\n\}/, '],\n}')),
    /JSON|comma/,
  ],
  [
    'a JSON report with a // comment',
    JSON_REPORT,
    ['validate'],
    0,
    (f) => f.write(JSON_REPORT, jsonReport([jsonRow()]).replace('"rows"', '// the rows\n  "rows"')),
    /JSON|comment/,
  ],
  [
    'a rule with a /* comment */',
    RULE,
    ['rules', 'check'],
    1,
    (f) => edit(f, RULE, '"severity": "critical",', '/* was major */ "severity": "critical",'),
    /JSON|comment/,
  ],
  [
    'a registry of a bare string',
    REGISTRY,
    ['validate'],
    1,
    (f) => f.write(REGISTRY, '"a registry"\n'),
    /expected/,
  ],
  [
    'a rule with two values in one file',
    RULE,
    ['rules', 'check'],
    1,
    async (f) => f.write(RULE, `${await f.read(RULE)}\n{}\n`),
    /JSON|end/,
  ],
];
for (const [name, file, command, exit, setup, what] of syntax)
  cases0.push({ group: g, name, setup, command, expect: { exit, message: at(file, what) } });

/** Duplicate keys: the later one would win in silence. */
const duplicates: [string, string, string[], number, (f: Fixture) => Promise<void>][] = [
  [
    'a rule with "severity" twice',
    RULE,
    ['rules', 'check'],
    1,
    (f) =>
      edit(f, RULE, '"severity": "critical",', '"severity": "critical",\n  "severity": "minor",'),
  ],
  [
    'a registry unit with "parent" twice',
    REGISTRY,
    ['validate'],
    1,
    (f) =>
      edit(
        f,
        REGISTRY,
        '"parent": "210202001001",',
        '"parent": "210202001001",\n      "parent": "210202",',
      ),
  ],
  [
    'a scoring method with "bands" twice',
    SCORING,
    ['validate'],
    1,
    (f) =>
      edit(
        f,
        SCORING,
        '"bands": { "green": 90, "yellow": 75 },',
        '"bands": { "green": 90, "yellow": 75 },\n  "bands": { "green": 10, "yellow": 5 },',
      ),
  ],
  [
    'a JSON report row with "households_visited" twice',
    JSON_REPORT,
    ['validate'],
    0,
    (f) =>
      f.write(
        JSON_REPORT,
        jsonReport(
          '[{"subject":"210202001001001","submitted_at":"2020-02-04T10:00","households_visited":12,"households_visited":480}]',
        ),
      ),
  ],
];
for (const [name, file, command, exit, setup] of duplicates)
  cases0.push({
    group: g,
    name,
    setup,
    command,
    expect: { exit, message: at(file, /duplicate|twice|more than once|again/) },
  });

/** `__proto__` as a key: never a prototype, at most an unknown field. */
cases0.push(
  {
    group: g,
    name: 'a JSON report row with a "__proto__" field',
    setup: (f) =>
      f.write(
        JSON_REPORT,
        jsonReport(
          '[{"subject":"210202001001001","submitted_at":"2020-02-04T10:00","households_visited":480,"__proto__":{"polluted":true}}]',
        ),
      ),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, '__proto__'), kept: othersKept },
  },
  {
    group: g,
    name: 'a rule with a "__proto__" key',
    setup: (f) =>
      edit(
        f,
        RULE,
        '"severity": "critical",',
        '"severity": "critical",\n  "__proto__": { "severity": "minor" },',
      ),
    command: ['rules', 'check'],
    expect: { exit: 1, message: at(RULE, '__proto__') },
  },
  {
    group: g,
    name: 'a waiver with a "__proto__" key',
    setup: (f) =>
      f.write(
        WAIVERS,
        waivers(waiver()).replace('"subject"', '"__proto__": { "subject": "x" },\n      "subject"'),
      ),
    command: ['validate'],
    expect: { exit: 0, message: at(WAIVERS, '__proto__'), kept: othersKept },
  },
  {
    group: g,
    name: 'registry attributes with a "__proto__" key',
    setup: (f) =>
      edit(f, REGISTRY, '"households": 480', '"households": 480, "__proto__": { "households": 1 }'),
    command: ['validate'],
    expect: { exit: 1, message: at(REGISTRY, '__proto__') },
  },
);

export const cases: Case[] = cases0;
