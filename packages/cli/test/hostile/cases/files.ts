import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import {
  accepted,
  bytes,
  CSV,
  csv,
  DAY,
  DISTRICT,
  exists,
  G1,
  G2,
  HEADER,
  JSON_REPORT,
  jsonReport,
  jsonRow,
  LIMITS,
  link,
  othersKept,
  RULE,
  row,
  sparse,
  WAIVERS,
  waiver,
  waivers,
} from '../build.js';
import { at, type Case, esc, named } from '../corpus.js';

const g = 'files and entries' as const;
const fifo = (p: string) => {
  mkdirSync(path.dirname(p), { recursive: true });
  execFileSync('mkfifo', [p]);
};
const deepPath = (n: number) =>
  `data/reports/${DAY}/${Array.from({ length: n }, (_, i) => `d${i}`).join('/')}/grid-daily.${DISTRICT}.csv`;

export const cases: Case[] = [
  {
    group: g,
    name: 'a report that is a symlink to /etc/passwd',
    setup: (f) => link(f, CSV, '/etc/passwd'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(CSV, 'symbolic link'),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a report that is a symlink to a valid report outside the project',
    setup: async (f) => {
      await f.write('../outside-report.csv', csv());
      link(f, CSV, path.join(f.root, '../outside-report.csv'));
    },
    command: ['validate'],
    expect: { exit: 0, message: named(CSV, 'symbolic link'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: "a report that is a relative symlink to another day's report",
    setup: (f) => link(f, CSV, `../2020-02-02/grid-daily.${DISTRICT}.csv`),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(CSV, 'symbolic link'),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a dangling symlink named like a report',
    setup: (f) => link(f, CSV, 'nowhere.csv'),
    command: ['validate'],
    expect: { exit: 0, message: named(CSV, 'symbolic link'), setAside: /set aside: 1 file/ },
  },
  {
    group: g,
    name: 'a day folder that is a symlink to another day',
    setup: (f) => link(f, `data/reports/${DAY}`, '2020-02-02'),
    command: ['validate'],
    expect: { exit: 0, message: named(`data/reports/${DAY}`, 'symbolic link'), kept: othersKept },
  },
  {
    group: g,
    name: 'a symlinked report is not evaluated',
    setup: (f) => link(f, CSV, `../2020-02-02/grid-daily.${DISTRICT}.csv`),
    command: ['evaluate', '--date', DAY],
    expect: {
      exit: 0,
      message: /set aside: 1 file/,
      kept: async (f) => {
        const index = await f.read(`data/results/${DAY}/index.json`);
        expect(index).not.toMatch(/"pass":\s*[1-9]/);
      },
    },
  },
  {
    group: g,
    name: 'a hidden report .grid-daily.210202.csv',
    setup: (f) => f.write(`data/reports/${DAY}/.grid-daily.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`data/reports/${DAY}/.grid-daily.${DISTRICT}.csv`, 'hidden'),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a .DS_Store among the reports is said, as a warning',
    setup: (f) => f.write(`data/reports/${DAY}/.DS_Store`, '\0\0\0\u0001Bud1'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`data/reports/${DAY}/.DS_Store`, /hidden|leftover/),
      kept: othersKept,
    },
  },
  {
    group: g,
    name: "an editor's swap file among the reports is said",
    setup: (f) => f.write(`data/reports/${DAY}/.grid-daily.${DISTRICT}.csv.swp`, 'b0VIM 8.2'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`.grid-daily.${DISTRICT}.csv.swp`, /hidden|leftover/),
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a hidden day folder .2020-02-04',
    setup: (f) => f.write(`data/reports/.${DAY}/grid-daily.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: { exit: 0, message: named(`data/reports/.${DAY}`, 'hidden'), kept: othersKept },
  },
  {
    group: g,
    name: 'an empty folder named like a report',
    setup: (f) => {
      mkdirSync(f.file(CSV), { recursive: true });
    },
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(CSV, 'folder'),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a folder named like a report, with a report inside',
    setup: (f) => f.write(`${CSV}/grid-daily.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: { exit: 0, message: named(CSV, 'folder'), kept: othersKept },
  },
  {
    group: g,
    name: 'a FIFO named like a report (set aside by lstat, never opened)',
    setup: (f) => fifo(f.file(CSV)),
    command: ['validate'],
    process: true,
    timeout: 40_000,
    expect: {
      exit: 0,
      message: named(CSV, /FIFO|pipe|socket|device|not a plain file/),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a FIFO named like a rule',
    setup: (f) => fifo(f.file('rules/prevention/pipe.json')),
    command: ['rules', 'check'],
    process: true,
    timeout: 40_000,
    expect: {
      exit: 1,
      message: named('rules/prevention/pipe.json', /FIFO|pipe|socket|device|not a plain file/),
    },
  },
  {
    group: g,
    name: 'a report 9 folders deep',
    setup: (f) => f.write(deepPath(LIMITS.folderDepth), csv()),
    command: ['validate'],
    expect: {
      exit: 0,
      // The folder past the limit is named: nothing below it is read, the file included.
      message: /data\/reports\/2020-02-04\/d0\/[^\n]*: set aside SHOUTU-P003: nested too deep/i,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a report 200 folders deep',
    setup: (f) => f.write(deepPath(200), csv()),
    command: ['validate'],
    expect: { exit: 0, message: /data\/reports\/[^\n]*(deep|depth|not a day)/i, kept: othersKept },
  },
  {
    group: g,
    name: 'a rule 9 folders deep',
    setup: (f) =>
      f.write(
        `rules/prevention/${Array.from({ length: LIMITS.folderDepth }, (_, i) => `d${i}`).join('/')}/x.json`,
        '{}',
      ),
    command: ['rules', 'check'],
    expect: { exit: 1, message: /rules\/prevention\/[^\n]*(deep|depth)/i },
  },
  {
    group: g,
    name: 'a report just past the size limit (sparse, not read)',
    setup: (f) => sparse(f, CSV, LIMITS.reportBytes + 1, `${HEADER}\n`),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(CSV, /too large|larger than/),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a 200 MB JSON report (sparse, not read)',
    setup: (f) => sparse(f, JSON_REPORT, 200 * 1024 * 1024, '{"rows": ['),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(JSON_REPORT, /too large|larger than/),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a report past the size limit on evaluate',
    setup: (f) => sparse(f, CSV, LIMITS.reportBytes + 1, `${HEADER}\n`),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /set aside: 1 file/,
      kept: (f) => {
        expect(exists(f, 'data/results/2020-02-03/index.json')).toBe(true);
      },
    },
  },
  {
    group: g,
    name: 'a waiver file past the JSON size limit (sparse)',
    setup: (f) => sparse(f, WAIVERS, LIMITS.jsonBytes + 1, '{"waivers": ['),
    command: ['validate'],
    expect: { exit: 0, message: named(WAIVERS, /too large|larger than/), kept: othersKept },
  },
  {
    group: g,
    name: 'an empty CSV report (0 bytes)',
    setup: (f) => f.write(CSV, ''),
    command: ['validate'],
    expect: { exit: 0, message: named(CSV, /empty|header/), kept: othersKept },
  },
  {
    group: g,
    name: 'an empty JSON report (0 bytes)',
    setup: (f) => f.write(JSON_REPORT, ''),
    command: ['validate'],
    expect: { exit: 0, message: named(JSON_REPORT), kept: othersKept },
  },
  {
    group: g,
    name: 'an empty waiver file',
    setup: (f) => f.write(WAIVERS, ''),
    command: ['validate'],
    expect: { exit: 0, message: named(WAIVERS), kept: othersKept },
  },
  {
    group: g,
    name: 'an empty rule file',
    setup: (f) => f.write('rules/prevention/empty.json', ''),
    command: ['rules', 'check'],
    expect: { exit: 1, message: named('rules/prevention/empty.json') },
  },
  {
    group: g,
    name: 'a CSV report with a byte-order mark is read',
    setup: (f) => f.write(CSV, `\uFEFF${csv()}`),
    command: ['validate'],
    expect: { exit: 0, message: accepted(3, 5) },
  },
  {
    group: g,
    name: 'a JSON report with a byte-order mark is read',
    setup: (f) => f.write(JSON_REPORT, `\uFEFF${jsonReport([jsonRow()])}`),
    command: ['validate'],
    expect: { exit: 0, message: accepted(3, 4) },
  },
  {
    group: g,
    name: 'a rule with a byte-order mark is read',
    setup: async (f) => f.write(RULE, `\uFEFF${await f.read(RULE)}`),
    command: ['rules', 'check'],
    expect: { exit: 0, message: /1 rule, 0 errors/ },
  },
  {
    group: g,
    name: 'a CSV report saved as GBK is read as GB18030, with a warning',
    setup: (f) =>
      bytes(
        f,
        CSV,
        // The reporter's name 张三 in GBK, in the last cell of the second row.
        Buffer.concat([
          Buffer.from(`${HEADER}\n${row(G1)}\n${row(G2, 300)}`),
          Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x0a]),
        ]),
      ),
    command: ['validate'],
    expect: {
      exit: 0,
      message: new RegExp(
        `${esc(CSV)}:3\\b[^\\n]*warning SHOUTU-X001: the file is not UTF-8[^\\n]*read as GBK`,
      ),
      setAside: /set aside: 0 files/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a CSV report saved as UTF-16 with its byte-order mark',
    setup: (f) => bytes(f, CSV, new Uint8Array([0xff, 0xfe, ...Buffer.from(csv(), 'utf16le')])),
    command: ['validate'],
    expect: { exit: 0, message: named(CSV, /UTF-8|UTF-16/), kept: othersKept },
  },
  {
    group: g,
    name: 'a JSON report with invalid UTF-8 bytes',
    setup: (f) =>
      bytes(
        f,
        JSON_REPORT,
        Buffer.concat([
          Buffer.from(jsonReport([jsonRow()]).slice(0, 20)),
          Buffer.from([0xff, 0xfe, 0x80]),
        ]),
      ),
    command: ['validate'],
    expect: { exit: 0, message: at(JSON_REPORT, 'not UTF-8'), kept: othersKept },
  },
  {
    group: g,
    name: 'a waiver file with invalid UTF-8 bytes',
    setup: (f) =>
      bytes(
        f,
        WAIVERS,
        Buffer.concat([
          Buffer.from('{"waivers": ["'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('"]}'),
        ]),
      ),
    command: ['validate'],
    expect: { exit: 0, message: at(WAIVERS, 'UTF-8'), kept: othersKept },
  },
  {
    group: g,
    name: 'a rule with invalid UTF-8 bytes',
    setup: (f) =>
      bytes(
        f,
        'rules/prevention/bad.json',
        Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}')]),
      ),
    command: ['rules', 'check'],
    expect: { exit: 1, message: at('rules/prevention/bad.json', 'UTF-8') },
  },
  {
    group: g,
    name: 'a CSV report with CRLF line ends is read',
    setup: (f) => f.write(CSV, csv().replace(/\n/g, '\r\n')),
    command: ['validate'],
    expect: { exit: 0, message: accepted(3, 5) },
  },
  {
    group: g,
    name: 'a JSON report with CRLF line ends is read',
    setup: (f) => f.write(JSON_REPORT, jsonReport([jsonRow()]).replace(/\n/g, '\r\n')),
    command: ['validate'],
    expect: { exit: 0, message: accepted(3, 4) },
  },
  {
    group: g,
    name: 'a CSV report with NUL bytes in a cell',
    setup: (f) => f.write(CSV, [HEADER, row(G1, '48\u00000'), row(G2, 300), ''].join('\n')),
    command: ['validate'],
    expect: { exit: 0, message: at(CSV, 'households_visited'), kept: othersKept },
  },
  {
    group: g,
    name: 'a CSV report of nothing but NUL bytes',
    setup: (f) => bytes(f, CSV, new Uint8Array(4096)),
    command: ['validate'],
    expect: { exit: 0, message: named(CSV), setAside: /set aside: 1 file/, kept: othersKept },
  },
  {
    group: g,
    name: 'a truncated workbook (.xlsx) is set aside',
    setup: (f) => f.write(`data/reports/${DAY}/grid-daily.${DISTRICT}.xlsx`, 'PK\u0003\u0004'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`grid-daily.${DISTRICT}.xlsx`, 'this is not an .xlsx workbook'),
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a .gitkeep is the one name ignored on purpose',
    setup: (f) => f.write(`data/reports/${DAY}/.gitkeep`, ''),
    command: ['validate'],
    expect: {
      exit: 0,
      message: accepted(2, 3),
      kept: (_f, r) => expect(r.all).not.toMatch(/gitkeep/),
    },
  },
  {
    group: g,
    name: 'a day "folder" that is a file',
    setup: (f) => f.write(`data/reports/${DAY}`, csv()),
    command: ['validate'],
    expect: { exit: 0, message: named(`data/reports/${DAY}`), kept: othersKept },
  },
  {
    group: g,
    name: 'a report outside any day folder',
    setup: (f) => f.write(`data/reports/grid-daily.${DISTRICT}.csv`, csv()),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(`data/reports/grid-daily.${DISTRICT}.csv`),
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a rule file that is a symlink',
    setup: (f) => link(f, 'rules/prevention/linked.json', 'grid-screening.json'),
    command: ['rules', 'check'],
    expect: { exit: 1, message: named('rules/prevention/linked.json', 'symbolic link') },
  },
  {
    group: g,
    name: 'a rule area folder that is a symlink',
    setup: (f) => link(f, 'rules/security', 'prevention'),
    command: ['rules', 'check'],
    expect: { exit: 1, message: named('rules/security', 'symbolic link') },
  },
  {
    group: g,
    name: 'a hidden rule file',
    setup: async (f) => f.write('rules/prevention/.draft.json', await f.read(RULE)),
    command: ['rules', 'check'],
    expect: { exit: 1, message: named('rules/prevention/.draft.json', 'hidden') },
  },
  {
    group: g,
    name: 'a folder named like a rule file',
    setup: (f) => {
      mkdirSync(f.file('rules/prevention/folder.json'), { recursive: true });
    },
    command: ['rules', 'check'],
    expect: { exit: 1, message: named('rules/prevention/folder.json', 'folder') },
  },
  {
    group: g,
    name: 'a registry file that is a symlink',
    setup: (f) => link(f, 'data/registry/more.json', 'registry.json'),
    command: ['validate'],
    expect: { exit: 1, message: named('data/registry/more.json', 'symbolic link') },
  },
  {
    group: g,
    name: 'a form file that is a symlink',
    setup: (f) => link(f, 'data/forms/copy.json', 'grid-daily.json'),
    command: ['validate'],
    expect: { exit: 1, message: named('data/forms/copy.json', 'symbolic link') },
  },
  {
    group: g,
    name: 'a waiver file that is a symlink',
    setup: async (f) => {
      await f.write('data/w.json', waivers(waiver()));
      link(f, WAIVERS, '../w.json');
    },
    command: ['validate'],
    expect: { exit: 0, message: named(WAIVERS, 'symbolic link'), kept: othersKept },
  },
  {
    group: g,
    name: 'a folder named like a waiver file',
    setup: (f) => {
      mkdirSync(f.file(WAIVERS), { recursive: true });
    },
    command: ['validate'],
    expect: { exit: 0, message: named(WAIVERS, 'folder'), kept: othersKept },
  },
  {
    group: g,
    name: 'a shared condition that is a symlink',
    setup: async (f) => {
      await f.write(
        'rules/conditions/real.json',
        '{ "name": "real", "description": { "zh": "条件", "en": "c" }, "conditions": { "all": [ { "fact": "grid-daily.households_visited", "operator": "greaterThan", "value": 0 } ] } }',
      );
      link(f, 'rules/conditions/linked.json', 'real.json');
    },
    command: ['rules', 'check'],
    expect: { exit: 1, message: named('rules/conditions/linked.json', 'symbolic link') },
  },
  {
    group: g,
    name: 'a symlink in data/results is not followed',
    setup: async (f) => {
      await f.run('evaluate', '--date', '2020-02-02');
      link(f, 'data/results/2020-02-03', '2020-02-02');
    },
    command: ['evaluate'],
    expect: { exit: 1, message: named('data/results/2020-02-03', 'symbolic link') },
  },
  {
    group: g,
    name: 'a rule saved as .txt in an area folder is said, not passed over',
    setup: (f) => f.write('rules/prevention/extra-rule.txt', '{ "id": "prevention.extra" }'),
    command: ['rules', 'check'],
    expect: {
      exit: 0,
      message: named(
        'rules/prevention/extra-rule.txt',
        /warning SHOUTU-[A-Z]\d{3}: not a JSON file/,
      ),
    },
  },
  {
    group: g,
    name: 'a folder data/ does not know is said, not passed over',
    setup: (f) => f.write('data/report/2020-02-04/grid-daily.210202.csv', 'subject\n'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named('data/report', /warning SHOUTU-P003: not read: data\/ holds only/),
    },
  },
];
