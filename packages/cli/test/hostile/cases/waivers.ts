import { expect } from 'vitest';
import { deepArray, G1, LIMITS, othersKept, sparse, WAIVERS, waiver, waivers } from '../build.js';
import { at, type Case, named } from '../corpus.js';

const g = 'waivers' as const;
const one = (over: Record<string, unknown>) =>
  waivers(waiver(over), waiver({ subject: '210202001001002' }));
/** The good waiver beside the bad one is kept. */
const goodKept = (_f: unknown, r: { all: string }) => {
  expect(r.all).toMatch(/waivers: 1 waiver accepted/);
  othersKept(_f as never, r);
};
const badWaiver = (name: string, over: Record<string, unknown>, what: string | RegExp): Case => ({
  group: g,
  name,
  setup: (f) => f.write(WAIVERS, one(over)),
  command: ['validate'],
  expect: {
    exit: 0,
    message: at(WAIVERS, what),
    setAside: /set aside: 0 files, 1 waiver/,
    kept: goodKept,
  },
});

export const cases: Case[] = [
  {
    group: g,
    name: 'a waiver file nested 10,000 deep',
    setup: (f) => f.write(WAIVERS, `{"waivers": [${deepArray(10_000)}]}`),
    command: ['validate'],
    expect: {
      exit: 0,
      message: at(WAIVERS, /nested|deep/),
      setAside: /set aside: 1 file/,
      kept: othersKept,
    },
  },
  {
    group: g,
    name: 'a waiver file nested 10,000 deep on evaluate',
    setup: (f) =>
      f.write(WAIVERS, `{"waivers": [${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`),
    command: ['evaluate'],
    expect: { exit: 0, message: /evaluated 2 days/ },
  },
  badWaiver('a waiver for an unknown subject', { subject: '210202001001009' }, '210202001001009'),
  badWaiver(
    'a waiver for an unknown rule',
    { rule: 'prevention.grid-screaming' },
    'prevention.grid-screaming',
  ),
  badWaiver(
    'an expiry before the start',
    { start: '2020-02-10', expiry: '2020-02-01' },
    /expiry|start|before/,
  ),
  badWaiver('a start that does not exist (2020-02-30)', { start: '2020-02-30' }, /start|date/),
  badWaiver('an expiry of month 13', { expiry: '2020-13-01' }, /expiry|date/),
  badWaiver('a waiver without an approver', { approver: undefined }, 'approver'),
  badWaiver('a subject as a number', { subject: Number(G1) }, 'subject'),
  badWaiver('an unknown field in a waiver', { approved_by: 'me' }, 'approved_by'),
  badWaiver('a reason that is a number', { reason: 5 }, 'reason'),
  {
    group: g,
    name: 'waivers as an object, not a list',
    setup: (f) => f.write(WAIVERS, JSON.stringify({ waivers: { a: waiver() } })),
    command: ['validate'],
    expect: { exit: 0, message: at(WAIVERS, 'waivers'), kept: othersKept },
  },
  {
    group: g,
    name: 'a waiver file that is a list',
    setup: (f) => f.write(WAIVERS, JSON.stringify([waiver()])),
    command: ['validate'],
    expect: { exit: 0, message: at(WAIVERS, /list|object|expected \{/), kept: othersKept },
  },
  {
    group: g,
    name: 'a waiver file past the size limit (sparse, not read)',
    setup: (f) => sparse(f, WAIVERS, LIMITS.jsonBytes * 2, '{"waivers": ['),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named(WAIVERS, /too large|larger than/),
      setAside: /set aside: 1 file/,
    },
  },
  {
    group: g,
    name: 'a bad waiver file on evaluate: the day is evaluated without it',
    setup: (f) => f.write(WAIVERS, one({ rule: 'prevention.grid-screaming' })),
    command: ['evaluate'],
    expect: {
      exit: 0,
      message: /evaluated 2 days/,
      kept: async (f) =>
        expect(await f.read('data/results/2020-02-02/index.json')).toMatch(/"day":\s*"2020-02-02"/),
    },
  },
  {
    group: g,
    name: 'the same waiver twice',
    setup: (f) => f.write(WAIVERS, waivers(waiver(), waiver())),
    command: ['validate'],
    expect: { exit: 0, message: at(WAIVERS, /twice|duplicate|again|already|another waiver/) },
  },
];
