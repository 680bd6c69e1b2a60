import { cp, readdir, rm } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Fixture } from '../../helpers.js';
import { DISTRICT, deepArray, edit, exists } from '../build.js';
import { type Case, named } from '../corpus.js';

const g = 'the record' as const;
const FIRST = '2020-02-02';
const SNAP = `data/results/${FIRST}`;
/** Publishes the first day, then damages its snapshot. */
const damaged = (damage: (f: Fixture) => Promise<void>) => async (f: Fixture) => {
  const r = await f.run('evaluate', '--date', FIRST);
  if (r.code !== 0) throw new Error(`setup: evaluate --date ${FIRST} failed: ${r.err}`);
  await damage(f);
};
/** A damaged snapshot stops every later day, says how to repair it, and writes nothing. */
const refused = (name: string, file: string, damage: (f: Fixture) => Promise<void>): Case => ({
  group: g,
  name,
  setup: damaged(damage),
  command: ['evaluate'],
  expect: {
    exit: 1,
    message: [named(file, 'incomplete'), new RegExp(`--recompute --date ${FIRST}`)],
    kept: (f) => expect(exists(f, 'data/results/2020-02-03')).toBe(false),
  },
});

export const cases: Case[] = [
  refused('a snapshot missing its district file', `${SNAP}/${DISTRICT}.json`, (f) =>
    rm(f.file(`${SNAP}/${DISTRICT}.json`)),
  ),
  refused('a snapshot missing its findings file', `${SNAP}/${DISTRICT}.findings.csv.gz`, (f) =>
    rm(f.file(`${SNAP}/${DISTRICT}.findings.csv.gz`)),
  ),
  refused('a truncated index.json', `${SNAP}/index.json`, async (f) =>
    f.write(`${SNAP}/index.json`, (await f.read(`${SNAP}/index.json`)).slice(0, 200)),
  ),
  refused('an empty index.json', `${SNAP}/index.json`, (f) => f.write(`${SNAP}/index.json`, '')),
  refused('an index.json of {}', `${SNAP}/index.json`, (f) =>
    f.write(`${SNAP}/index.json`, '{}\n'),
  ),
  refused('an index.json nested 10,000 deep', `${SNAP}/index.json`, (f) =>
    f.write(`${SNAP}/index.json`, deepArray(10_000)),
  ),
  refused('a district file that fails its hash', `${SNAP}/${DISTRICT}.json`, async (f) =>
    f.write(`${SNAP}/${DISTRICT}.json`, `${await f.read(`${SNAP}/${DISTRICT}.json`)} `),
  ),
  refused('a findings file that fails its hash', `${SNAP}/${DISTRICT}.findings.csv.gz`, (f) =>
    f.write(`${SNAP}/${DISTRICT}.findings.csv.gz`, 'not gzip'),
  ),
  refused('a district file edited by hand (a score changed)', `${SNAP}/${DISTRICT}.json`, (f) =>
    edit(f, `${SNAP}/${DISTRICT}.json`, /"score":\s*[\d.]+/, '"score":100'),
  ),
  {
    group: g,
    name: 'a stray r1.tmp-* folder is never kept as a superseded revision',
    setup: async (f) => {
      await f.run('evaluate');
      await cp(f.file(SNAP), f.file(`data/results/superseded/${FIRST}/r1.tmp-99999`), {
        recursive: true,
      });
      // A changed report, so that the recompute replaces the day.
      await edit(f, `data/reports/${FIRST}/grid-daily.${DISTRICT}.csv`, ',212,', ',480,');
    },
    command: ['evaluate', '--recompute', '--date', FIRST],
    expect: {
      exit: 0,
      message: /evaluated 1 day/,
      kept: async (f) => {
        const kept = await readdir(f.file(`data/results/superseded/${FIRST}`));
        expect(kept.filter((n) => !n.includes('.tmp-'))).toEqual(['r1']);
        expect(await f.read(`${SNAP}/index.json`)).toMatch(/"revision":\s*2\b/);
      },
    },
  },
  {
    group: g,
    name: 'a stray day.tmp-* folder in data/results is not a day',
    setup: async (f) => {
      await f.run('evaluate', '--date', FIRST);
      await cp(f.file(SNAP), f.file('data/results/2020-02-03.tmp-99999'), { recursive: true });
    },
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /evaluated 1 day \(2020-02-03/,
      kept: (f) => expect(exists(f, 'data/results/2020-02-03/index.json')).toBe(true),
    },
  },
  {
    group: g,
    name: 'a whole snapshot is trusted: the next day is evaluated',
    setup: async (f) => {
      await f.run('evaluate', '--date', FIRST);
    },
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /evaluated 1 day \(2020-02-03/,
      kept: (f) => expect(exists(f, 'data/results/2020-02-03/index.json')).toBe(true),
    },
  },
  {
    group: g,
    name: 'a damaged snapshot is repaired by --recompute --date',
    setup: damaged((f) => rm(f.file(`${SNAP}/${DISTRICT}.json`))),
    command: ['evaluate', '--recompute', '--date', FIRST],
    expect: {
      exit: 0,
      message: /evaluated 1 day/,
      kept: (f) => expect(exists(f, `${SNAP}/${DISTRICT}.json`)).toBe(true),
    },
  },
];
