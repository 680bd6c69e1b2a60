import { expect } from 'vitest';
import type { Fixture } from '../../helpers.js';
import { edit, exists, SCORING } from '../build.js';
import { at, type Case } from '../corpus.js';

const g = 'scoring' as const;
const change = (from: string, to: string) => (f: Fixture) => edit(f, SCORING, from, to);
const AREA = '"weight": 2 }';
const SEVERITY = '"severityWeights": { "critical": 5, "major": 3, "minor": 1 }';
const BANDS = '"bands": { "green": 90, "yellow": 75 }';
const bad = (
  name: string,
  setup: (f: Fixture) => Promise<void>,
  what: string | RegExp,
  command = ['validate'],
): Case => ({
  group: g,
  name,
  setup,
  command,
  expect: {
    exit: 1,
    message: at(SCORING, what),
    kept:
      command[0] === 'evaluate' ? (f) => expect(exists(f, 'data/results')).toBe(false) : undefined,
  },
});

export const cases: Case[] = [
  bad('an area weight of 1e308', change(AREA, '"weight": 1e308 }'), 'weight'),
  bad(
    'every area weight 1e308 (their sum overflows)',
    async (f) => {
      const text = await f.read(SCORING);
      await f.write(SCORING, text.replace(/"weight": \d+/g, '"weight": 1e308'));
    },
    'weight',
  ),
  bad(
    'a severity weight of 1e308',
    change(SEVERITY, '"severityWeights": { "critical": 1e308, "major": 3, "minor": 1 }'),
    /critical|weight/,
  ),
  bad('a negative area weight', change(AREA, '"weight": -2 }'), 'weight'),
  bad('an area weight of zero', change(AREA, '"weight": 0 }'), 'weight'),
  bad(
    'a severity weight of zero',
    change(SEVERITY, '"severityWeights": { "critical": 0, "major": 3, "minor": 1 }'),
    /critical|weight/,
  ),
  bad(
    'every severity weight zero (0/0)',
    change(SEVERITY, '"severityWeights": { "critical": 0, "major": 0, "minor": 0 }'),
    /critical|major|minor|weight/,
  ),
  bad('a weight past 1000', change(AREA, '"weight": 1001 }'), 'weight'),
  bad('a weight as text', change(AREA, '"weight": "2" }'), 'weight'),
  bad(
    'a weight that overflows (1e400)',
    change(AREA, '"weight": 1e400 }'),
    /weight|1e400|finite|Infinity/,
  ),
  bad(
    'bands out of order',
    change(BANDS, '"bands": { "green": 50, "yellow": 75 }'),
    /green|yellow|band/,
  ),
  bad(
    'a band above 100',
    change(BANDS, '"bands": { "green": 190, "yellow": 75 }'),
    /green|band|100/,
  ),
  bad('a negative band', change(BANDS, '"bands": { "green": 90, "yellow": -5 }'), /yellow|band/),
  bad(
    'a band of 1e400',
    change(BANDS, '"bands": { "green": 1e400, "yellow": 75 }'),
    /green|band|finite|Infinity|too large/,
  ),
  bad(
    'a partial credit above 1',
    change(
      '"missingReport": { "mode": "fail" }',
      '"missingReport": { "mode": "partial", "credit": 1.5 }',
    ),
    'credit',
  ),
  bad(
    'a negative partial credit',
    change('"error": { "mode": "ignore" }', '"error": { "mode": "partial", "credit": -0.5 }'),
    'credit',
  ),
  bad(
    'an unknown missing-report mode',
    change('"missingReport": { "mode": "fail" }', '"missingReport": { "mode": "forgive" }'),
    /mode|forgive/,
  ),
  bad(
    'a negative flat-within for trends',
    change('"trend": { "flatWithin": 1 }', '"trend": { "flatWithin": -1 }'),
    'flatWithin',
  ),
  bad('an area weight of 1e308 publishes nothing', change(AREA, '"weight": 1e308 }'), 'weight', [
    'evaluate',
  ]),
  bad(
    'bands out of order publish nothing',
    change(BANDS, '"bands": { "green": 50, "yellow": 75 }'),
    /green|yellow|band/,
    ['evaluate'],
  ),
];
