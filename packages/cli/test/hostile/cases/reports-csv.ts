import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
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
  HEADER,
  LIMITS,
  othersKept,
  row,
  STREET,
} from '../build.js';
import { at, type Case, esc, named } from '../corpus.js';

const g = 'reports: CSV' as const;
const only = (...rows: string[]) => [HEADER, ...rows, ''].join('\n');
const put = (text: string) => (f: Fixture) => f.write(CSV, text);
/** A row's problem: `file:line:field`. */
const cell = (line: number, field: string, rest: string | RegExp = '') =>
  new RegExp(
    `${esc(CSV)}:${line}:${field}[^\\n]*(?:${typeof rest === 'string' ? esc(rest) : rest.source})`,
  );

/** A large report written line by line into a fixed buffer (small memory). */
function bigReport(f: Fixture, rel: string, rows: number, line: (i: number) => string) {
  mkdirSync(path.dirname(f.file(rel)), { recursive: true });
  const fd = openSync(f.file(rel), 'w');
  let chunk = `${HEADER}\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 16) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

export const cases: Case[] = [
  {
    group: g,
    name: 'an unknown column',
    setup: put(csv().replace(HEADER, `${HEADER},housholds`).replace(/,\n/g, ',,\n')),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, 'housholds'), kept: othersKept },
  },
  {
    group: g,
    name: 'a column twice',
    setup: put(only(`${G1},${DAY}T10:00,480,,12`).replace(HEADER, `${HEADER},households_visited`)),
    command: ['validate'],
    expect: {
      exit: 0,
      message: at(CSV, /households_visited[^\n]*(twice|duplicate|more than once|again)/),
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a required column missing',
    setup: put(`subject,submitted_at,reporter_phone\n${G1},${DAY}T10:00,\n`),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'the subject column missing',
    setup: put(`submitted_at,households_visited\n${DAY}T10:00,480\n`),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, 'subject'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: '130,000 rows of unknown subjects',
    setup: (f) =>
      bigReport(f, CSV, 130_000, (i) => `9${String(i).padStart(14, '0')},${DAY}T10:00,1,`),
    command: ['validate'],
    timeout: 60_000,
    expect: {
      exit: 0,
      message: [
        at(CSV, /unknown|not in the registry|no unit/),
        /and [\d,]+ more problems? in this file/,
      ],
      setAside: /130,?001 rows/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: '130,000 rows of unknown subjects on evaluate',
    setup: (f) =>
      bigReport(f, CSV, 130_000, (i) => `9${String(i).padStart(14, '0')},${DAY}T10:00,1,`),
    command: ['evaluate'],
    timeout: 60_000,
    expect: {
      exit: 0,
      message: /set aside: 0 files, 130,?001 rows/,
      kept: (f) => expect(exists(f, 'data/results/2020-02-03/index.json')).toBe(true),
    },
  },
  {
    group: g,
    name: 'a row with more cells than the header',
    setup: put(csv(`${G1},${DAY}T11:00,480,,extra,cells`)),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, /4 values|cells|values/), kept: othersKept },
  },
  {
    group: g,
    name: 'a row with fewer cells than the header',
    setup: put(only(`${G1},${DAY}T10:00`, row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, /4 values|cells|values/), kept: othersKept },
  },
  {
    group: g,
    name: `a row of more than ${LIMITS.rowFields} cells`,
    setup: put(only(`${G1},${DAY}T10:00,480,${','.repeat(LIMITS.rowFields + 5)}`, row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, /values|cells|fields/), kept: othersKept },
  },
  {
    group: g,
    name: 'an integer past 2^53',
    setup: put(only(row(G1, '9007199254740993'), row(G2, 300))),
    command: ['validate'],
    expect: {
      exit: 0,
      message: cell(2, 'households_visited', 'between -9007199254740991 and 9007199254740991'),
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a negative integer past -2^53',
    setup: put(only(row(G1, '-9007199254740993'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a number that overflows (1e400)',
    setup: put(only(row(G1, '1e400'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a fraction in a whole-number field',
    setup: put(only(row(G1, '1.5'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited', 'whole number'), kept: othersKept },
  },
  {
    group: g,
    name: 'a hexadecimal number',
    setup: put(only(row(G1, '0x1E0'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited', 'whole number'), kept: othersKept },
  },
  {
    group: g,
    name: 'Infinity in a number field',
    setup: put(only(row(G1, 'Infinity'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a time of 25:99',
    setup: put(only(row(G1, 480, `${DAY}T25:99`), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'a time of 23:60',
    setup: put(only(row(G1, 480, `${DAY}T23:60`), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'a time with 61 seconds',
    setup: put(only(row(G1, 480, `${DAY}T10:00:61`), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'an impossible date in submitted_at (2020-02-30)',
    setup: put(only(row(G1, 480, '2020-02-30T10:00'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'submitted_at that is no time at all',
    setup: put(only(row(G1, 480, 'yesterday'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'submitted_at'), kept: othersKept },
  },
  {
    group: g,
    name: 'a report for a day that has not begun (2099-01-01)',
    setup: (f) =>
      f.write(
        `data/reports/2099-01-01/grid-daily.${DISTRICT}.csv`,
        only(row(G1, 480, '2099-01-01T10:00')),
      ),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`data/reports/2099-01-01/grid-daily.${DISTRICT}.csv`, 'not begun'),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a report for 2099-01-01 is never evaluated nor published',
    setup: (f) =>
      f.write(
        `data/reports/2099-01-01/grid-daily.${DISTRICT}.csv`,
        only(row(G1, 480, '2099-01-01T10:00')),
      ),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /2020-02-03/,
      kept: (f, r) => {
        expect(exists(f, 'data/results/2099-01-01')).toBe(false);
        expect(exists(f, 'data/results/2020-02-03/index.json')).toBe(true);
        expect(r.all).not.toMatch(/evaluated \d+ days? \([^)]*2099/);
      },
    },
  },
  {
    group: g,
    name: 'a day folder of an impossible date (2020-02-30)',
    setup: (f) => f.write(`data/reports/2020-02-30/grid-daily.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: { exit: 0, message: named('data/reports/2020-02-30'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a day folder of month 13',
    setup: (f) => f.write(`data/reports/2020-13-01/grid-daily.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: { exit: 0, message: named('data/reports/2020-13-01'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'the same subject twice',
    setup: put(only(row(G1), row(G1, 12), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, G1), kept: othersKept },
  },
  {
    group: g,
    name: 'a formula-injection cell as the subject',
    setup: put(only(`=cmd|' /C calc'!A0,${DAY}T10:00,480,`, row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'subject'), kept: othersKept },
  },
  {
    group: g,
    name: 'a formula-injection cell in a number field',
    setup: put(only(row(G1, '=1+1'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited', 'whole number'), kept: othersKept },
  },
  {
    group: g,
    name: 'formula cells never reach the published findings',
    setup: put(only(`@SUM(1+1)*cmd|' /C calc'!A0,${DAY}T10:00,480,`, row(G2, 300))),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /set aside: 0 files, 2 rows/,
      kept: async (f) => {
        const index = await f.read(`data/results/${DAY}/index.json`);
        expect(index).not.toMatch(/cmd\|/);
      },
    },
  },
  {
    group: g,
    name: 'HTML and script in the subject cell',
    setup: put(only(`<script>alert(1)</script>,${DAY}T10:00,480,`, row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'subject'), kept: othersKept },
  },
  {
    group: g,
    name: 'HTML in a personal text field is dropped, the row kept',
    setup: put(only(`${G1},${DAY}T10:00,480,<img src=x onerror=alert(1)>`, row(G2, 300))),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /evaluated/,
      kept: async (f) => {
        const index = await f.read(`data/results/${DAY}/index.json`);
        expect(index).not.toMatch(/onerror/);
      },
    },
  },
  {
    group: g,
    name: 'a subject of another district',
    setup: put(only(row('210203001001001'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'subject'), kept: othersKept },
  },
  {
    group: g,
    name: 'a subject of the wrong level (a street on a grid form)',
    setup: put(only(row(STREET), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'subject'), kept: othersKept },
  },
  {
    group: g,
    name: 'a subject with spaces around it',
    setup: put(only(row(` ${G1} `), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: accepted(3, 5) },
  },
  {
    group: g,
    name: 'an unclosed quote',
    setup: put(only(`${G1},"${DAY}T10:00,480,`, row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, /quote|CSV/), kept: othersKept },
  },
  {
    group: g,
    name: 'a report for an unknown form',
    setup: (f) => f.write(`data/reports/${DAY}/grid-weekly.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`grid-weekly.${DISTRICT}.csv`, 'grid-weekly'),
      setAside: /set aside: 1 file/,
    },
  },
  {
    group: g,
    name: 'a report for an unknown district',
    setup: (f) => f.write(`data/reports/${DAY}/grid-daily.999999.csv`, csv()),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named('grid-daily.999999.csv', '999999'),
      setAside: /set aside: 1 file/,
    },
  },
  {
    group: g,
    name: 'a report named without its district',
    setup: (f) => f.write(`data/reports/${DAY}/grid-daily.csv`, csv()),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`data/reports/${DAY}/grid-daily.csv`),
      setAside: /set aside: 1 file/,
    },
  },
  {
    group: g,
    name: 'a header only',
    setup: put(`${HEADER}\n`),
    command: ['validate'],
    expect: { exit: 0, message: accepted(3, 3) },
  },
  {
    group: g,
    name: 'a cell of one megabyte',
    setup: put(only(row(G1, 'x'.repeat(1 << 20)), row(G2, 300))),
    command: ['validate'],
    expect: {
      exit: 0,
      message: cell(2, 'households_visited'),
      kept: (_f, r) => expect(r.all.length).toBeLessThan(100_000),
    },
  },
  {
    group: g,
    name: 'a yes/no answer in a number field',
    setup: put(only(row(G1, 'yes'), row(G2, 300))),
    command: ['validate'],
    expect: { exit: 0, message: cell(2, 'households_visited', 'whole number'), kept: othersKept },
  },
];
