import { expect } from 'vitest';
import type { Fixture } from '../../helpers.js';
import {
  accepted,
  CSV,
  csv,
  DAY,
  DISTRICT,
  exists,
  G1,
  G2,
  JSON_REPORT,
  jsonReport,
  jsonRow,
  LIMITS,
  othersKept,
} from '../build.js';
import { at, type Case, named } from '../corpus.js';

const g = 'reports: JSON' as const;
const put =
  (rows: unknown[] | string, top: Record<string, unknown> = {}) =>
  (f: Fixture) =>
    f.write(JSON_REPORT, jsonReport(rows, top));
const good = jsonRow({ subject: G2, households_visited: 300 });

export const cases: Case[] = [
  {
    group: g,
    name: 'a misspelt field in a row',
    setup: put([jsonRow({ househods_visited: 3 }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'househods_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'an unknown field is said as an unknown CSV column is',
    setup: put([jsonRow({ note: 'x' }), good]),
    command: ['validate'],
    expect: {
      exit: 0,
      message: at(JSON_REPORT, /note[^\n]*(unknown|not a field)|(unknown|not a field)[^\n]*note/),
    },
  },
  {
    group: g,
    name: 'a number as text',
    setup: put([jsonRow({ households_visited: '480' }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a number as true',
    setup: put([jsonRow({ households_visited: true }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a number as an object',
    setup: put([jsonRow({ households_visited: { value: 480 } }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a number as null (a missing value, the row kept)',
    setup: put([jsonRow({ households_visited: null }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'households_visited') },
  },
  {
    group: g,
    name: 'an integer past 2^53',
    setup: put(
      `[{"subject":"${G1}","submitted_at":"${DAY}T10:00","households_visited":9007199254740993}]`,
    ),
    command: ['validate'],
    expect: {
      exit: 0,
      message: at(JSON_REPORT, 'between -9007199254740991 and 9007199254740991'),
      setAside: /set aside: 0 files, 2 rows/,
    },
  },
  {
    group: g,
    name: 'an integer past 2^53 written as 9.007199254740993e15',
    setup: put(
      `[{"subject":"${G1}","submitted_at":"${DAY}T10:00","households_visited":9.007199254740993e15}]`,
    ),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, /households_visited|9007199254740991/) },
  },
  {
    group: g,
    name: 'a number that overflows (1e400)',
    setup: put(`[{"subject":"${G1}","submitted_at":"${DAY}T10:00","households_visited":1e400}]`),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, /households_visited|1e400|finite/) },
  },
  {
    group: g,
    name: 'submitted_at of 25:99',
    setup: put([jsonRow({ submitted_at: `${DAY}T25:99` }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'submitted_at as a number',
    setup: put([jsonRow({ submitted_at: 1580781600000 }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'a row that is a list',
    setup: put([[G1, `${DAY}T10:00`, 480], good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, /list|object/), kept: othersKept },
  },
  {
    group: g,
    name: 'a row that is null',
    setup: put([null, good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, /null|nothing|object/), kept: othersKept },
  },
  {
    group: g,
    name: '"rows" as an object, not a list',
    setup: put(`{"${G1}": {"households_visited": 480}}`),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'rows'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a report that is a list, not an object',
    setup: (f) => f.write(JSON_REPORT, JSON.stringify([jsonRow()])),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, /list|object/), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a report that is null',
    setup: (f) => f.write(JSON_REPORT, 'null\n'),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, /null|object/), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a report without "rows"',
    setup: (f) =>
      f.write(JSON_REPORT, JSON.stringify({ form: 'grid-daily', district: DISTRICT, date: DAY })),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'rows'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a report whose "form" is not its file name\'s',
    setup: put([jsonRow()], { form: 'street-duty' }),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'form'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a report whose "district" is not its file name\'s',
    setup: put([jsonRow()], { district: '210203' }),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'district'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a report whose "date" is not its folder\'s',
    setup: put([jsonRow()], { date: '2020-02-05' }),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'date'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'an unknown top-level field',
    setup: put([jsonRow()], { comment: 'sent late' }),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'comment') },
  },
  {
    group: g,
    name: `a row of more than ${LIMITS.rowFields} fields`,
    setup: put([
      jsonRow(
        Object.fromEntries(Array.from({ length: LIMITS.rowFields + 1 }, (_, i) => [`f${i}`, i])),
      ),
      good,
    ]),
    command: ['validate'],
    expect: {
      exit: 0,
      message: at(JSON_REPORT, /fields|unknown/),
      kept: (_f, r) => expect(r.all.split('\n').length).toBeLessThan(400),
    },
  },
  {
    group: g,
    name: 'the same subject twice',
    setup: put([jsonRow(), jsonRow({ households_visited: 12 }), good]),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, G1), kept: othersKept },
  },
  {
    group: g,
    name: 'HTML in a JSON row never reaches the published record',
    setup: put([jsonRow({ subject: '<script>alert(1)</script>' }), good]),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /evaluated/,
      kept: async (f) => {
        expect(await f.read(`data/results/${DAY}/index.json`)).not.toMatch(/<script>/);
      },
    },
  },
  {
    group: g,
    name: 'a CSV and a JSON report for one form, district and day: both set aside',
    setup: async (f) => {
      await f.write(CSV, csv());
      await f.write(JSON_REPORT, jsonReport([jsonRow(), good]));
    },
    command: ['validate'],
    expect: {
      exit: 0,
      message: [
        named(CSV, 'one report per form, district and day'),
        named(JSON_REPORT, 'one report per form, district and day'),
      ],
      setAside: /set aside: 2 files/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a CSV and a JSON report that differ: the JSON does not override the CSV',
    setup: async (f) => {
      await f.write(CSV, csv());
      await f.write(JSON_REPORT, jsonReport([jsonRow({ households_visited: 1 })]));
    },
    command: ['evaluate', '--date', DAY],
    expect: {
      exit: 0,
      // evaluate counts what was set aside; validate lists why (the case below).
      message: /reports set aside: 2 files/,
      kept: async (f) => {
        const index = await f.read(`data/results/${DAY}/index.json`);
        // Neither report is taken: both grids count as missing, none passes or fails.
        expect(index).not.toMatch(/"fail":\s*[1-9]/);
        expect(index).not.toMatch(/"pass":\s*[1-9]/);
      },
    },
  },
  {
    group: g,
    name: 'the same report as .csv and .json, each naming the other',
    setup: async (f) => {
      await f.write(CSV, csv());
      await f.write(JSON_REPORT, jsonReport([jsonRow(), good]));
    },
    command: ['validate'],
    expect: {
      exit: 0,
      message: [
        named(CSV, `grid-daily.${DISTRICT}.json`),
        named(JSON_REPORT, `grid-daily.${DISTRICT}.csv`),
      ],
    },
  },
  {
    group: g,
    name: 'one CSV and one JSON report of different forms on a day are both read',
    setup: async (f) => {
      await f.write(CSV, csv());
      await f.write(
        `data/reports/${DAY}/street-duty.${DISTRICT}.json`,
        JSON.stringify({
          form: 'street-duty',
          district: DISTRICT,
          date: DAY,
          rows: [
            { subject: '210202001', submitted_at: `${DAY}T09:00`, leading_cadre_on_shift: true },
          ],
        }),
      );
    },
    command: ['validate'],
    expect: { exit: 0, message: accepted(4, 6) },
  },
  {
    group: g,
    name: 'a JSON report for a day that has not begun',
    setup: (f) =>
      f.write(
        `data/reports/2099-01-01/grid-daily.${DISTRICT}.json`,
        jsonReport([jsonRow({ submitted_at: '2099-01-01T10:00' })], { date: '2099-01-01' }),
      ),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /reports set aside: 1 file/,
      kept: (f) => expect(exists(f, 'data/results/2099-01-01')).toBe(false),
    },
  },
];
