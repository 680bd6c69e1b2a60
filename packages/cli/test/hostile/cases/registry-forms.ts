import { expect } from 'vitest';
import type { Fixture } from '../../helpers.js';
import { edit, exists, FORM, REGISTRY } from '../build.js';
import { at, type Case, named } from '../corpus.js';

const g = 'registry and forms' as const;
const reg = (from: string | RegExp, to: string) => (f: Fixture) => edit(f, REGISTRY, from, to);
const form = (from: string | RegExp, to: string) => (f: Fixture) => edit(f, FORM, from, to);
/** Nothing is published from a bad registry or form. */
const nothingPublished = (f: Fixture) => expect(exists(f, 'data/results')).toBe(false);

const bad = (
  name: string,
  file: string,
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
    message: at(file, what),
    kept: command[0] === 'evaluate' ? nothingPublished : undefined,
  },
});

export const cases: Case[] = [
  bad(
    'a unit of an unknown level',
    REGISTRY,
    reg('"level": "street"', '"level": "subdistrict"'),
    'subdistrict',
  ),
  bad(
    'a unit code given twice',
    REGISTRY,
    reg('"code": "210202001001002"', '"code": "210202001001001"'),
    '210202001001001',
  ),
  bad(
    'two units each the parent of the other (a cycle)',
    REGISTRY,
    reg('"parent": "210200",', '"parent": "210202001",'),
    /cycle|parent|level/,
  ),
  bad(
    'a unit that is its own parent',
    REGISTRY,
    reg(
      '"parent": "210202001001",\n      "validFrom": "2019-10-01",\n      "attributes": { "households": 300 }',
      '"parent": "210202001001002",\n      "validFrom": "2019-10-01",\n      "attributes": { "households": 300 }',
    ),
    /parent|cycle|itself/,
  ),
  bad(
    'a unit whose parent does not exist',
    REGISTRY,
    reg('"parent": "210202001",', '"parent": "210202009",'),
    '210202009',
  ),
  bad(
    'a unit code as a number',
    REGISTRY,
    reg('"code": "210202001001002"', '"code": 210202001001002'),
    /code|text/,
  ),
  bad(
    'an attribute value as text',
    REGISTRY,
    reg('"households": 300', '"households": "300"'),
    'households',
  ),
  bad(
    'an attribute value below its minimum',
    REGISTRY,
    reg('"households": 300', '"households": -1'),
    'households',
  ),
  bad(
    'an undeclared attribute',
    REGISTRY,
    reg('"households": 300', '"households": 300, "pets": 2'),
    'pets',
  ),
  bad(
    'a unit without a name',
    REGISTRY,
    reg('"name": { "zh": "第2网格", "en": "Grid 2" },', ''),
    'name',
  ),
  bad(
    'a unit valid from an impossible date',
    REGISTRY,
    reg(
      '"validFrom": "2019-10-01",\n      "attributes": { "households": 300 }',
      '"validFrom": "2019-02-30",\n      "attributes": { "households": 300 }',
    ),
    /validFrom|date/,
  ),
  bad(
    "a code that does not begin with its parent's",
    REGISTRY,
    reg('"code": "210202001001002"', '"code": "210299001001002"'),
    /210299001001002|parent/,
  ),
  bad(
    'a level id given twice',
    REGISTRY,
    reg('"id": "city"', '"id": "grid"'),
    /grid|twice|duplicate/,
  ),
  bad(
    'a level with a code length of text',
    REGISTRY,
    reg('"codeLength": 9', '"codeLength": "nine"'),
    'codeLength',
  ),
  bad(
    'a level with a negative code length',
    REGISTRY,
    reg('"codeLength": 9', '"codeLength": -9'),
    'codeLength',
  ),
  bad(
    'departments as an object, not a list',
    REGISTRY,
    reg('"departments": []', '"departments": {}'),
    'departments',
  ),
  bad(
    'a name missing a language',
    REGISTRY,
    reg('"name": { "zh": "第2网格", "en": "Grid 2" }', '"name": { "zh": "第2网格" }'),
    /en|language/,
  ),
  bad(
    'a form field of an unknown type',
    FORM,
    form('"type": "integer"', '"type": "integr"'),
    /type|integr/,
  ),
  bad(
    'a form field id given twice',
    FORM,
    form('"id": "reporter_phone"', '"id": "households_visited"'),
    'households_visited',
  ),
  bad('a form for an unknown level', FORM, form('"level": "grid"', '"level": "gridd"'), 'gridd'),
  bad('a form due at 25:99', FORM, form('"due": "12:00"', '"due": "25:99"'), 'due'),
  bad(
    'form subjects as a list, not an object',
    FORM,
    form('"subjects": { "kind": "territory", "level": "grid" }', '"subjects": ["grid"]'),
    'subjects',
  ),
  bad(
    'a form whose id is not its file name',
    FORM,
    form('"id": "grid-daily"', '"id": "grid-weekly"'),
    /grid-weekly|id/,
  ),
  bad(
    'a form field of an undeclared unit',
    FORM,
    form('"unit": "household"', '"unit": "person"'),
    'person',
  ),
  bad(
    'a form field whose minimum is above its maximum',
    FORM,
    form('"min": 0', '"min": 10, "max": 1'),
    /min|max/,
  ),
  bad(
    'a form field with a personal flag of text',
    FORM,
    form('"personal": true', '"personal": "yes"'),
    'personal',
  ),
  bad(
    'a bad registry publishes nothing',
    REGISTRY,
    reg('"level": "street"', '"level": "subdistrict"'),
    'subdistrict',
    ['evaluate'],
  ),
  bad(
    'a bad form publishes nothing',
    FORM,
    form('"type": "integer"', '"type": "integr"'),
    /type|integr/,
    ['evaluate'],
  ),
  {
    group: g,
    name: 'a registry file saved as .txt is said, not passed over',
    setup: (f) => f.write('data/registry/more-units.txt', '{ "units": [] }'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named('data/registry/more-units.txt', /warning SHOUTU-[A-Z]\d{3}: not a JSON file/),
    },
  },
  {
    group: g,
    name: 'a form saved as .csv is said, not passed over',
    setup: (f) => f.write('data/forms/grid-daily.csv', 'subject,households_visited\n'),
    command: ['validate'],
    expect: {
      exit: 0,
      message: named('data/forms/grid-daily.csv', /warning SHOUTU-[A-Z]\d{3}: not a JSON file/),
    },
  },
];
