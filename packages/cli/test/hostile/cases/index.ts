import type { Case } from '../corpus.js';
import { cases as files } from './files.js';
import { cases as json } from './json.js';
import { cases as record } from './record.js';
import { cases as registryForms } from './registry-forms.js';
import { cases as reportsCsv } from './reports-csv.js';
import { cases as reportsJson } from './reports-json.js';
import { cases as rules } from './rules.js';
import { cases as scoring } from './scoring.js';
import { cases as waivers } from './waivers.js';

/** Every case of the corpus, in the README's order of groups. */
export const ALL: Case[] = [
  ...files,
  ...json,
  ...reportsCsv,
  ...reportsJson,
  ...registryForms,
  ...rules,
  ...waivers,
  ...scoring,
  ...record,
];
