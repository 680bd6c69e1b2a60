import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CityResults, type DistrictDay, describeOutcome, Form, textIn } from '@shoutu/core';
import { readSnapshot } from '@shoutu/core/snapshot';
import { describe, expect, inject, test } from 'vitest';
import { SAMPLE_RESULTS, sampleSite } from './sample';

/**
 * SAMPLE TEST: checks the site built from the repository's committed sample (data/results), with
 * its districts by code (210202, 210213, 210281). It fails when another project is put in data/;
 * every other site test runs on fixtures (test/global-setup.ts).
 *
 * The archive, the downloads and the templates of the sample site.
 */

const REPO = path.resolve(import.meta.dirname, '../../..');
const RESULTS = SAMPLE_RESULTS;
const BOM = '\uFEFF';

/** A file's text; a past day's CSV (`.csv.gz`) unpacked. */
const read = (site: string, rel: string) => {
  const bytes = readFileSync(path.join(site, rel));
  return (rel.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};
/** A district's CSV of a day: plain for the latest day, gzipped for a day of the archive. */
const csvOf = (base: string, code: string, name: 'units' | 'findings') =>
  `${base}/district/${code}/${name}.csv${base.startsWith('downloads/') ? '' : '.gz'}`;
const days = readdirSync(RESULTS)
  .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
  .sort();
const latest = days[days.length - 1]!;
const cities = new Map<string, CityResults>();
const city = (day: string): CityResults => {
  let c = cities.get(day);
  if (!c) {
    c = CityResults.parse(JSON.parse(readFileSync(path.join(RESULTS, day, 'index.json'), 'utf8')));
    cities.set(day, c);
  }
  return c;
};
const snapshots = new Map<string, Map<string, DistrictDay>>();
/** A district's whole day (its file and its rows), through the snapshot reader, hashes checked. */
const district = (day: string, code: string): DistrictDay => {
  let districts = snapshots.get(day);
  if (!districts) {
    districts = readSnapshot(RESULTS, day).districts;
    snapshots.set(day, districts);
  }
  const found = districts.get(code);
  if (!found) throw new Error(`the results of ${day} list no district ${code}`);
  return found;
};

/** RFC 4180, written apart from the site's writer: fields, quotes doubled, CRLF between records. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      // A bare line break outside quotes would break the record in two.
      expect(c === '\n' || c === '\r', `bare line break at ${i}`).toBe(false);
      cell += c;
    }
  }
  expect(cell === '' && row.length === 0, 'the last record ends in CRLF').toBe(true);
  return rows;
}

/** A CSV file as objects by its header. */
function records(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...rest] = parseCsv(text);
  for (const r of rest) expect(r.length).toBe(header.length);
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

/** How a JSON cell reads in the CSV. */
const asCsv = (v: unknown) =>
  v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
/** Text as Astro writes it into a page. */
/** The word for a failed check in the Chinese dictionary. */
const FAILED_ZH = JSON.parse(
  readFileSync(path.join(REPO, 'packages/core/translations/zh.json'), 'utf8'),
)['counts.fail'] as string;

const esc = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
const num = (v: number | null) => (v === null ? '' : String(v));

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.'));
}

describe('archive of the sample', () => {
  const site = sampleSite();

  test('lists every day with results, newest first, in both languages', () => {
    for (const [prefix, lang] of [
      ['', 'zh-CN'],
      ['en/', 'en'],
    ] as const) {
      const index = read(site, `${prefix}archive/index.html`);
      expect(index).toContain(`<html lang="${lang}"`);
      const linked = [...index.matchAll(/href="\/(?:en\/)?archive\/(\d{4}-\d{2}-\d{2})\/"/g)].map(
        (m) => m[1],
      );
      expect(linked).toEqual([...days].reverse());
      for (const day of days) {
        const page = read(site, `${prefix}archive/${day}/index.html`);
        const c = city(day);
        expect(page).toContain(`datetime="${day}"`);
        for (const d of c.districts)
          expect(page).toContain(`href="/${prefix}archive/${day}/district/${d.code}/"`);
      }
    }
    // The index shows each day's city score.
    const index = read(site, 'archive/index.html');
    const first = city(days[0]!).summary;
    expect(index).toContain(`band band-${first.band}">${first.score!.toFixed(1)}`);
  });

  test("a past day's district page shows that day's score, not the latest", () => {
    // The day and district whose score differs most from the latest.
    let best = { day: '', code: '', diff: -1 };
    for (const day of days.slice(0, -1))
      for (const d of city(day).districts) {
        const now = city(latest).districts.find((x) => x.code === d.code)!.summary.score!;
        const diff = Math.abs(d.summary.score! - now);
        if (diff > best.diff) best = { day, code: d.code, diff };
      }
    const past = district(best.day, best.code);
    const now = district(latest, best.code);
    expect(past.summary.score!.toFixed(1)).not.toBe(now.summary.score!.toFixed(1));
    for (const prefix of ['', 'en/']) {
      const page = read(site, `${prefix}archive/${best.day}/district/${best.code}/index.html`);
      const summary = page.slice(page.indexOf('id="summary"'));
      const overall = summary.match(/class="band band-(\w+)">([\d.]+)/);
      expect(overall?.slice(1)).toEqual([past.summary.band, past.summary.score!.toFixed(1)]);
      // The stamp: day, revision, rules hash and scoring version of that day's snapshot.
      expect(page).toContain(`<time datetime="${best.day}">`);
      expect(page).toContain(`<code>${past.rulesHash}</code>`);
      expect(page).toContain(`<code>${past.scoringVersion}</code>`);
      expect(page).toContain(`<code>${past.revision}</code>`);
      // Every rule failed that day is counted in what it had to act on (each failure, with its
      // explanation, is in the day's findings CSV).
      const actions = page.slice(page.indexOf('id="actions"'), page.indexOf('id="waivers"'));
      const lang = prefix ? 'en' : 'zh';
      const titles = new Map(city(best.day).rules.map((r) => [r.id, r.title[lang]]));
      const failed = new Map<string, number>();
      for (const f of past.findings.filter((x) => x.status === 'fail'))
        failed.set(f.rule, (failed.get(f.rule) ?? 0) + 1);
      expect(failed.size).toBeGreaterThan(0);
      const failedWord = lang === 'en' ? 'Failed' : FAILED_ZH;
      const rows = actions.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? [];
      for (const [rule, n] of failed) {
        const row = rows.find(
          (r) =>
            r.includes(esc(titles.get(rule) ?? rule)) &&
            new RegExp(`<td\\b[^>]*>${failedWord}</td>`).test(r),
        );
        expect(row, rule).toMatch(new RegExp(`<td\\b[^>]*class="num"[^>]*>${n}</td>`));
      }
    }
  });

  test('district day pages are small', () => {
    const sizes = days
      .flatMap((day) =>
        city(day).districts.flatMap((d) =>
          ['', 'en/'].map((prefix) =>
            Buffer.byteLength(read(site, `${prefix}archive/${day}/district/${d.code}/index.html`)),
          ),
        ),
      )
      .sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(30_000);
    expect(sizes[sizes.length - 1]).toBeLessThan(45_000);
  });

  test('the city downloads parse and match the results', () => {
    for (const [base, day] of [
      ['downloads/latest', latest],
      [`archive/${days[3]}`, days[3]!],
    ] as const) {
      const c = city(day);
      const csv = records(read(site, `${base}/city.csv`));
      expect(csv.rows.map((r) => r.code).sort()).toEqual(c.districts.map((d) => d.code).sort());
      for (const d of c.districts) {
        const row = csv.rows.find((r) => r.code === d.code)!;
        expect(row.day).toBe(day);
        expect(row.name_zh).toBe(d.name.zh);
        expect(row.score).toBe(num(d.summary.score));
        expect(row.band).toBe(d.summary.band ?? '');
        expect(row.prevention).toBe(num(d.summary.areas.prevention!));
        expect(row.change).toBe(num(d.trend.change));
        expect(row.fail).toBe(String(d.summary.counts.fail));
      }
      expect(csv.rows.map((r) => Number(r.rank))).toEqual(
        [...csv.rows.map((r) => Number(r.rank))].sort((a, b) => a - b),
      );
      const json = JSON.parse(read(site, `${base}/city.json`));
      expect(json.day).toBe(day);
      expect(json.rulesHash).toBe(c.rulesHash);
      expect(json.city.score).toBe(c.summary.score);
      expect(json.districts.columns).toEqual(csv.header);
      expect(json.districts.rows.map((r: unknown[]) => r.map(asCsv))).toEqual(
        parseCsv(read(site, `${base}/city.csv`)).slice(1),
      );
    }
  });

  test('the district downloads parse and match the results', () => {
    for (const [base, day, code] of [
      ['downloads/latest', latest, '210281'],
      [`archive/${days[10]}`, days[10]!, '210213'],
      [`archive/${days[0]}`, days[0]!, '210202'],
    ] as const) {
      const withJson = base.startsWith('downloads/');
      const d = district(day, code);
      const units = records(read(site, csvOf(base, code, 'units')));
      expect(units.rows.map((r) => r.code)).toEqual([code, ...d.units.map((u) => u.code)]);
      expect(units.rows[0]!.score).toBe(num(d.summary.score));
      for (const u of d.units) {
        const row = units.rows.find((r) => r.code === u.code)!;
        expect([row.level, row.parent, row.name_en]).toEqual([u.level, u.parent, u.name.en]);
        expect([row.score, row.band, row.lost]).toEqual([
          num(u.summary.score),
          u.summary.band ?? '',
          String(u.lost),
        ]);
      }

      const findings = records(read(site, csvOf(base, code, 'findings')));
      expect(findings.rows.map((r) => [r.rule, r.subject, r.status])).toEqual(
        d.findings.map((f) => [f.rule, f.subject, f.status]),
      );
      const facts = new Map(city(day).facts.map((f) => [f.name, f]));
      d.findings.forEach((f, i) => {
        const row = findings.rows[i]!;
        expect(row.streak).toBe(f.streak === undefined ? '' : String(f.streak));
        expect(row.outcome).toBe(f.outcome ?? '');
        expect(row.explanation_zh).not.toBe('');
        expect(row.explanation_en).not.toBe('');
        if (f.status === 'fail' && f.conditions?.[0]) {
          expect(row.explanation_zh).toContain(describeOutcome(f.conditions[0], facts, 'zh'));
          expect(row.explanation_en).toContain(describeOutcome(f.conditions[0], facts, 'en'));
        }
      });

      // A district's JSON is published for the latest day only.
      expect(existsSync(path.join(site, `${base}/district/${code}/district.json`))).toBe(withJson);
      if (!withJson) continue;
      const json = JSON.parse(read(site, `${base}/district/${code}/district.json`));
      expect([json.day, json.revision, json.rulesHash, json.scoringVersion]).toEqual([
        d.day,
        d.revision,
        d.rulesHash,
        d.scoringVersion,
      ]);
      expect(json.units.columns).toEqual(units.header);
      expect(json.findings.columns).toEqual(findings.header);
      expect(json.units.rows.map((r: unknown[]) => r.map(asCsv))).toEqual(
        parseCsv(read(site, csvOf(base, code, 'units'))).slice(1),
      );
      expect(json.findings.rows.map((r: unknown[]) => r.map(asCsv))).toEqual(
        parseCsv(read(site, csvOf(base, code, 'findings'))).slice(1),
      );
    }
  });

  test('every CSV starts with a byte order mark and ends its lines in CRLF', () => {
    const csvs = allFiles(site).filter((f) => f.endsWith('.csv') || f.endsWith('.csv.gz'));
    expect(csvs.length).toBeGreaterThan(days.length * 20);
    for (const f of csvs.filter((_, i) => i % 37 === 0)) {
      const raw = readFileSync(path.join(site, f));
      const bytes = f.endsWith('.gz') ? gunzipSync(raw) : raw;
      expect([...bytes.subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
      parseCsv(bytes.toString('utf8'));
    }
  });

  test("the downloads page links the latest day's files, and they exist", () => {
    const page = read(site, 'en/downloads/index.html');
    const links = [...page.matchAll(/href="\/(downloads\/latest\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toEqual(
      expect.arrayContaining([
        'downloads/latest/city.csv',
        'downloads/latest/city.json',
        ...city(latest).districts.flatMap((d) =>
          ['findings.csv', 'units.csv', 'district.json'].map(
            (f) => `downloads/latest/district/${d.code}/${f}`,
          ),
        ),
      ]),
    );
    for (const l of links) expect(existsSync(path.join(site, l)), l).toBe(true);
  });

  test('the templates have the header of their form, and the templates page lists every form', () => {
    const formsDir = path.join(REPO, 'data/forms');
    const zh = read(site, 'downloads/index.html');
    const en = read(site, 'en/downloads/index.html');
    for (const file of readdirSync(formsDir).filter((f) => f.endsWith('.json'))) {
      const form = Form.parse(JSON.parse(readFileSync(path.join(formsDir, file), 'utf8')));
      const template = read(site, `downloads/templates/${form.id}.csv`);
      expect(template).toBe(
        `${BOM}${['subject', 'submitted_at', ...form.fields.map((f) => f.id)].join(',')}\r\n`,
      );
      expect(zh).toContain(`href="/downloads/templates/${form.id}.csv"`);
      expect(zh).toContain(esc(textIn(form.title, 'zh')));
      expect(en).toContain(esc(textIn(form.title, 'en')));
      for (const f of form.fields) {
        expect(zh).toContain(esc(textIn(f.label, 'zh')));
        expect(en).toContain(esc(textIn(f.label, 'en')));
      }
    }
  });
});

describe('archive cache', () => {
  test('holds every sample day as it was published, and the stylesheets it links', () => {
    const site = sampleSite();
    const cache = inject('archiveCacheSample');
    for (const day of [days[0]!, days[30]!, latest]) {
      const entries = readdirSync(path.join(cache, day));
      // One entry per day: older ones (another site or snapshot) are pruned.
      expect(entries).toHaveLength(1);
      const entry = path.join(cache, day, entries[0]!);
      for (const rel of [
        `archive/${day}/index.html`,
        `en/archive/${day}/district/210202/index.html`,
        `archive/${day}/district/210281/findings.csv.gz`,
      ])
        expect(readFileSync(path.join(entry, rel)), rel).toEqual(
          readFileSync(path.join(site, rel)),
        );
      const assets: string[] = JSON.parse(readFileSync(path.join(entry, '.assets.json'), 'utf8'));
      expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
      for (const a of assets) {
        expect(existsSync(path.join(cache, 'assets', a)), a).toBe(true);
        expect(existsSync(path.join(site, '_astro', a)), a).toBe(true);
      }
    }
  });
});
