/**
 * Compares two results folders day by day: every unit's score, band, area scores and counts (the
 * city, its districts, the units and listed places below them) and the findings (rule, subject,
 * status). Prints each difference and exits 1 if there is one.
 *
 *   pnpm tsx packages/cli/scripts/compare-scores.ts <before>/data/results <after>/data/results
 *
 * It proves that a new results format (or a regeneration) changed no score. The folders may be
 * in different formats, and only the fields every format has so far are compared. Formats up to
 * 3 are read as plain JSON (units, places and findings inside `<district>.json`); from format 4,
 * units, places and findings come from the district's CSV files, read by their header's column
 * names (so that format 4 and 5, whose summaries differ in columns, compare by what both have).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { districtFileName, gunzipCsv, splitCsv } from '@shoutu/core/snapshot';

type Json = Record<string, unknown>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const days = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => DAY.test(d) && existsSync(join(dir, d, 'index.json')))
        .sort()
    : [];

const read = (file: string): Json | undefined =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;

/** What is compared of a summary: score, band, area scores and counts. */
function summaryOf(v: unknown): string {
  const s = (v as { summary?: Json } | undefined)?.summary;
  if (!s) return '(none)';
  return JSON.stringify({ score: s.score, band: s.band, areas: s.areas, counts: s.counts });
}

const COUNTS = new Set(['pass', 'fail', 'missing', 'waived', 'notApplicable', 'error']);

/**
 * The rows of a district's CSV file (format 4 on), each as the JSON shape compared: the summary's
 * score, band, area scores and counts, and the other columns by name as text.
 */
function csvRows(dir: string, day: string, code: string, kind: 'units' | 'places' | 'findings') {
  const file = join(dir, day, districtFileName(code, kind));
  const [head, ...rows] = splitCsv(gunzipCsv(readFileSync(file)));
  const names = head?.record ?? [];
  const num = (v: string) => (v === '' ? null : Number(v));
  return rows.map(({ record }) => {
    const row: Json = {};
    const summary = {
      score: null as unknown,
      band: null as unknown,
      areas: {} as Json,
      counts: {} as Json,
    };
    names.forEach((n, i) => {
      const v = record[i] ?? '';
      if (n === 'score') summary.score = num(v);
      else if (n === 'band') summary.band = v === '' ? null : v;
      else if (n.startsWith('area:')) summary.areas[n.slice(5)] = num(v);
      else if (COUNTS.has(n)) summary.counts[n] = num(v);
      else row[n] = v;
    });
    if (kind !== 'findings') row.summary = summary;
    return row;
  });
}

/** A district's units, places and findings, from its JSON file (format ≤ 3) or CSV files (4 on). */
function rowsOf(dir: string, day: string, index: Json, code: string, file: Json) {
  if (Number(index.schema) >= 4)
    return {
      units: csvRows(dir, day, code, 'units'),
      places: csvRows(dir, day, code, 'places'),
      findings: csvRows(dir, day, code, 'findings'),
    };
  return {
    units: (file.units as Json[]) ?? [],
    places: (file.places as Json[]) ?? [],
    findings: (file.findings as Json[]) ?? [],
  };
}

/** Every scored thing of a day by a key: its summary as compared. */
function scoresOf(dir: string, day: string): Map<string, string> {
  const out = new Map<string, string>();
  const index = read(join(dir, day, 'index.json'));
  if (!index) return out;
  out.set('city', summaryOf(index));
  for (const d of (index.districts as Json[]) ?? []) {
    out.set(`district ${d.code}`, summaryOf(d));
    const file = read(join(dir, day, `${d.code}.json`));
    if (!file) {
      out.set(`district ${d.code} file`, '(missing)');
      continue;
    }
    out.set(`district ${d.code} file`, summaryOf(file));
    const { units, places } = rowsOf(dir, day, index, d.code as string, file);
    for (const u of units) out.set(`unit ${u.code}`, summaryOf(u));
    for (const p of places) out.set(`place ${p.id}`, summaryOf(p));
  }
  return out;
}

/** Every listed finding of a day: "rule subject" → status. */
function findingsOf(dir: string, day: string): Map<string, string> {
  const out = new Map<string, string>();
  const index = read(join(dir, day, 'index.json'));
  if (!index) return out;
  const add = (list: unknown) => {
    for (const f of (list as Json[]) ?? []) out.set(`${f.rule} ${f.subject}`, String(f.status));
  };
  add(index.findings);
  for (const d of (index.districts as Json[]) ?? []) {
    const file = read(join(dir, day, `${d.code}.json`));
    if (file) add(rowsOf(dir, day, index, d.code as string, file).findings);
  }
  return out;
}

function diff(a: Map<string, string>, b: Map<string, string>, what: string): string[] {
  const lines: string[] = [];
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(k) ?? '(absent)';
    const y = b.get(k) ?? '(absent)';
    if (x !== y) lines.push(`  ${what} ${k}: ${x} → ${y}`);
  }
  return lines;
}

export function compareResults(before: string, after: string): string[] {
  const out: string[] = [];
  const all = [...new Set([...days(before), ...days(after)])].sort();
  for (const day of all) {
    const lines = [
      ...diff(scoresOf(before, day), scoresOf(after, day), 'score of'),
      ...diff(findingsOf(before, day), findingsOf(after, day), 'finding'),
    ];
    if (!days(before).includes(day)) lines.unshift('  only in the second folder');
    if (!days(after).includes(day)) lines.unshift('  only in the first folder');
    if (lines.length > 0) out.push(`${day}:`, ...lines);
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    console.error('usage: compare-scores <before results folder> <after results folder>');
    process.exit(2);
  }
  const n = [...new Set([...days(before), ...days(after)])].length;
  const out = compareResults(before, after);
  for (const line of out) console.log(line);
  const changed = out.filter((l) => DAY.test(l.slice(0, 10))).length;
  console.log(
    changed === 0
      ? `${n} days compared: every score, band, area score, count and finding is the same`
      : `${n} days compared: ${changed} differ`,
  );
  process.exit(changed === 0 ? 0 : 1);
}
