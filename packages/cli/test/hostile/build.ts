import { closeSync, existsSync, mkdirSync, openSync, symlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '@shoutu/core';
import { expect } from 'vitest';
import type { Fixture } from '../helpers.js';

/** The mini fixture's names: one district, two grids, the form grid-daily. */
export const DISTRICT = '210202';
export const G1 = '210202001001001';
export const G2 = '210202001001002';
export const STREET = '210202001';
/** A day the fixture has no reports for: cases add theirs. */
export const DAY = '2020-02-04';
export const HEADER = 'subject,submitted_at,households_visited,reporter_phone';
export const CSV = `data/reports/${DAY}/grid-daily.${DISTRICT}.csv`;
export const JSON_REPORT = `data/reports/${DAY}/grid-daily.${DISTRICT}.json`;
export const RULE = 'rules/prevention/grid-screening.json';
export const SCORING = 'rules/scoring.json';
export const REGISTRY = 'data/registry/registry.json';
export const FORM = 'data/forms/grid-daily.json';
export const PROJECT = 'data/project.json';
export const RULE_TEST = 'rules/prevention/grid-screening.test.json';
export const WAIVERS = 'data/waivers/waivers.json';

/** A good row of grid-daily for a subject on DAY. */
export const row = (subject = G1, visited: string | number = 480, at = `${DAY}T10:00`) =>
  `${subject},${at},${visited},`;
/** A CSV report of good rows for both grids, with `extra` rows after them. */
export const csv = (...extra: string[]) => [HEADER, row(G1), row(G2, 300), ...extra, ''].join('\n');

/** A JSON report's row as an object. */
export const jsonRow = (over: Record<string, unknown> = {}) => ({
  subject: G1,
  submitted_at: `${DAY}T10:00`,
  households_visited: 480,
  ...over,
});
/** A JSON report's text with the given rows (objects, or raw JSON text). */
export const jsonReport = (rows: unknown[] | string, top: Record<string, unknown> = {}) => {
  const head = { form: 'grid-daily', district: DISTRICT, date: DAY, ...top };
  const text = JSON.stringify(head, null, 2);
  const rowsText = typeof rows === 'string' ? rows : JSON.stringify(rows, null, 2);
  return `${text.slice(0, -2)},\n  "rows": ${rowsText}\n}\n`;
};

/** `n` arrays inside each other: `[[[…]]]`. */
export const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
/** `n` objects inside each other: `{"a":{"a":…1}}`. */
export const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
/** `n` `all` conditions inside each other, around one good condition. */
export const deepConditions = (n: number) =>
  `${'{"all":['.repeat(n)}{"fact":"grid-daily.households_visited","operator":"greaterThanInclusive","value":1}${']}'.repeat(n)}`;

/** Accepted rows and files, from validate's count line. */
export const accepted = (files: number, rows: number) =>
  new RegExp(`reports: ${files} files?, ${rows} rows? accepted`);

/** The fixture's own two report files and three good rows are still read (nothing lost). */
export const othersKept = (f: Fixture, r: { all: string }) => {
  void f;
  expect(r.all).toMatch(/reports: [2-9] files?, [3-9] rows accepted/);
};

/** A full rule of the mini fixture with these conditions (JSON text) and id. */
export const rule = (id: string, conditions: string, over: Record<string, unknown> = {}) =>
  `{
  "id": "prevention.${id}",
  "area": "prevention",
  "title": { "zh": "规则", "en": "A rule" },
  "description": { "zh": "规则", "en": "A rule" },
  "appliesTo": { "kind": "territory", "level": "grid" },
  "severity": "major",
  "responsible": "territorial",
  "remediation": { "zh": "整改", "en": "Fix it" },
  "source": { "document": { "zh": "文件", "en": "A document" }, "clause": { "zh": "条款", "en": "a clause" } },
  "effective": ${JSON.stringify((over.effective as object) ?? { from: '2020-01-25' })},
  "missing": { "mode": "fail" },${over.extra ? `\n  ${over.extra as string},` : ''}
  "conditions": ${conditions}
}
`;

/** A condition on the grid form's number, with this operator and value (JSON text). */
export const cond = (operator: string, value = '1', fact = 'grid-daily.households_visited') =>
  `{ "all": [ { "fact": "${fact}", "operator": "${operator}", "value": ${value} } ] }`;

/** A shared condition file's text. */
export const shared = (name: string, conditions: string) =>
  `{
  "name": "${name}",
  "description": { "zh": "共用条件", "en": "A shared condition" },
  "conditions": ${conditions}
}
`;

/** A waiver object. */
export const waiver = (over: Record<string, unknown> = {}) => ({
  subject: G1,
  rule: 'prevention.grid-screening',
  reason: 'road closed',
  approver: 'district office',
  start: '2020-02-01',
  expiry: '2020-02-10',
  ...over,
});
export const waivers = (...ws: unknown[]) => `${JSON.stringify({ waivers: ws }, null, 2)}\n`;

/** Replaces text in a file of the copy (the text must be there). */
export async function edit(f: Fixture, rel: string, from: string | RegExp, to: string) {
  const text = await f.read(rel);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`setup: ${String(from)} not found in ${rel}`);
  await f.write(rel, next);
}

/** A symbolic link at `rel` pointing to `target` (as given). */
export function link(f: Fixture, rel: string, target: string) {
  mkdirSync(path.dirname(f.file(rel)), { recursive: true });
  symlinkSync(target, f.file(rel));
}

/** A sparse file of `bytes` bytes (a size the reader must refuse without reading). */
export function sparse(f: Fixture, rel: string, bytes: number, head = '') {
  mkdirSync(path.dirname(f.file(rel)), { recursive: true });
  const fd = openSync(f.file(rel), 'w');
  if (head) writeSync(fd, head);
  writeSync(fd, '\n', bytes - 1);
  closeSync(fd);
}

/** Writes bytes. */
export async function bytes(f: Fixture, rel: string, b: Uint8Array) {
  mkdirSync(path.dirname(f.file(rel)), { recursive: true });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(f.file(rel), b);
}

export const exists = (f: Fixture, rel: string) => existsSync(f.file(rel));

export { LIMITS };
