/**
 * Issue 9, "Done when", for the site: the second territory (packages/cli/test/fixtures/fjordland,
 * built by test/global-setup.ts) gets a site with no code change that names its own levels and
 * areas, in its one language, and shows no word of Dalian, streets, communities or grids.
 * Districts, levels and rules are taken from the results the site was built from, never by code.
 *
 * Enabled after the model merge: the fixture is written in the formats of
 * docs/design/any-territory.md, which the code on this branch does not read yet (global setup
 * then hands over no site, and `territoryError` says why).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readFindings, readUnits } from '@shoutu/core/snapshot';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { html } from './helpers';

interface Index {
  day: string;
  territory: {
    languages: string[];
    levels: { id: string; name: { en: string }; plural?: { en: string } }[];
    areas: { id: string; name: { en: string } }[];
  };
  districts: { code: string; name: { en: string } }[];
  rules: { id: string; title: { en: string } }[];
  findings: { rule: string; subject: string; status: string }[];
  city: { code: string; name: { en: string } };
}

/**
 * Words of the sample that must not reach a page of another territory: its city and county, its
 * levels in both languages, and the sample's levels' ids (as visible words, not parts of words).
 */
const DALIAN =
  /\b(?:dalian|changhai|zhongshan|streets?|communit(?:y|ies)|grids?|districts?)\b|大连|长海|街道|社区|网格/i;
/** The sample's policy areas: this territory's are water and roads. */
const SAMPLE_AREAS = /\b(?:prevention|security|safety)\b|疫情防控|社会安全|安全生产/i;

/** Capitalized: "counties" → "Counties". */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What a person reads of a page, or a screen reader says: the text between tags, and the
 * title, alt, aria-label and meta description attributes; not the markup, scripts or styles.
 */
function visibleText(page: string): string {
  const attrs = [
    ...page.matchAll(/\s(?:title|alt|aria-label|placeholder)="([^"]*)"/g),
    ...page.matchAll(/<meta\s+name="description"\s+content="([^"]*)"/g),
  ].map((m) => m[1]);
  const text = page
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [text, ...attrs]
    .join(' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Every line of the text a pattern matches, with its file: what a failure shows. */
function hits(files: Map<string, string>, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    for (const m of text.matchAll(global))
      out.push(`${file}: "${text.slice(Math.max(0, m.index - 40), m.index + 40)}"`);
  }
  return out;
}

// Enabled after the model merge.
describe('the site of a second territory (fixtures/fjordland)', () => {
  let site: string;
  let index: Index;
  const page = (rel: string) => readFileSync(path.join(site, rel), 'utf8');
  /** Every built HTML page's visible text and every CSV, by file. */
  const published = new Map<string, string>();

  beforeAll(() => {
    site = inject('siteTerritory');
    if (!site) throw new Error(inject('territoryError'));
    const results = path.join(inject('projectTerritory'), 'data/results');
    const day = readdirSync(results)
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
      .sort()
      .at(-1)!;
    index = JSON.parse(readFileSync(path.join(results, day, 'index.json'), 'utf8'));
    for (const f of readdirSync(site, { recursive: true, encoding: 'utf8' })) {
      if (f.endsWith('.html')) published.set(f, visibleText(page(f)));
      else if (f.endsWith('.csv')) published.set(f, page(f));
    }
  });

  test('the results name its own levels, areas and one language', () => {
    expect(index.territory.languages).toEqual(['en']);
    expect(index.territory.levels.map((l) => l.id)).toEqual(['nation', 'county', 'parish']);
    expect(index.territory.areas.map((a) => a.id)).toEqual(['water', 'roads']);
    expect(index.districts.length).toBe(3);
  });

  test('its one language is served at /, with no other language’s pages', () => {
    expect(page('index.html')).toMatch(/<html lang="en"/);
    for (const lang of ['en', 'zh'])
      expect(existsSync(path.join(site, lang)), `${lang}/`).toBe(false);
    expect(published.size).toBeGreaterThan(10);
  });

  test('every county has a page at /<level id>/<code>/; every parish (a leaf) is a row there, with its findings', () => {
    const second = index.territory.levels[1]!.id;
    for (const d of index.districts) {
      const county = page(`${second}/${d.code}/index.html`);
      expect(county).toContain(html(d.name.en));
      expect(county).toMatch(/<html lang="en"/);
      const dir = path.join(inject('projectTerritory'), 'data/results');
      const results = {
        units: readUnits(dir, index.day, d.code),
        findings: readFindings(dir, index.day, d.code),
      };
      expect(results.units.length).toBeGreaterThan(0);
      for (const u of results.units) {
        expect(county).toContain(`id="${u.level}-${u.code}"`);
        expect(county).toContain(html(u.name.en ?? ''));
        expect(existsSync(path.join(inject('siteTerritory'), `unit/${u.code}/index.html`))).toBe(
          false,
        );
      }
      // With no page below it, every finding of the county is listed on its page.
      for (const f of results.findings)
        expect(county).toContain(`id="${f.status}-${f.rule.replace(/[^a-z0-9-]+/gi, '-')}"`);
    }
  });

  test('headings name its levels from their plurals: “Counties ranked”, “Parishes ranked”', () => {
    const [, county, parish] = index.territory.levels;
    const counties = capital(county!.plural!.en);
    const parishes = capital(parish!.plural!.en);
    expect(counties).toBe('Counties');
    expect(visibleText(page('index.html'))).toContain(`${counties} ranked`);
    const d = index.districts[0]!;
    expect(visibleText(page(`${county!.id}/${d.code}/index.html`))).toContain(`${parishes} ranked`);
  });

  test('its areas are named on the pages; the sample’s are not', () => {
    const city = visibleText(page('index.html'));
    for (const a of index.territory.areas) expect(city).toContain(a.name.en);
    expect(hits(published, SAMPLE_AREAS)).toEqual([]);
  });

  test('the top unit’s own rule has a page and its finding is shown', () => {
    const rule = index.rules.find((r) => r.id === 'water.national-bulletin')!;
    expect(visibleText(page(`rules/${rule.id}/index.html`))).toContain(rule.title.en);
    expect(visibleText(page('index.html'))).toContain(rule.title.en);
    // Passes are counted, not listed (results format 3): the national bulletin's finding is
    // listed on the day it failed (2023-05-10), and shown on that day's page of the archive.
    const results = path.join(inject('projectTerritory'), 'data/results');
    const failed = readdirSync(results)
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
      .filter((d) => {
        const day: Index = JSON.parse(readFileSync(path.join(results, d, 'index.json'), 'utf8'));
        return day.findings.some((f) => f.subject === day.city.code && f.rule === rule.id);
      });
    expect(failed).toEqual(['2023-05-10']);
    const archived = visibleText(page('archive/2023-05-10/index.html'));
    expect(archived).toContain(`The nation’s own findings`);
    expect(archived).toContain(rule.title.en);
  });

  test('no page or CSV shows a word of Dalian, streets, communities or grids', () => {
    expect(hits(published, DALIAN)).toEqual([]);
  });

  test('no page shows Chinese text: the project has English only', () => {
    expect(hits(published, /[\u3400-\u9fff]/)).toEqual([]);
  });

  test('the tile map is a plain ranked grid without a caption about any place', () => {
    const city = page('index.html');
    const map = city.match(/<ul class="tilemap"[\s\S]*?<\/ul>/)?.[0] ?? '';
    for (const d of index.districts)
      expect(map).toContain(`/${index.territory.levels[1]!.id}/${d.code}/`);
    expect(visibleText(city)).not.toMatch(/island/i);
    // Without positions there is no map to speak of: the heading says what the grid is.
    expect(city).toMatch(/<h2 id="tilemap">\s*Counties at a glance\s*<\/h2>/);
    expect(visibleText(city)).not.toMatch(/on the map/i);
  });

  test('no page or download carries personal data', () => {
    for (const f of readdirSync(site, { recursive: true, encoding: 'utf8' }))
      if (/\.(html|csv|json)$/.test(f)) expect(page(f), f).not.toContain('CANARY');
  });

  test('the templates carry its forms’ columns', () => {
    expect(page('downloads/templates/nation-daily.csv')).toBe(
      '\uFEFFsubject,submitted_at,bulletin_published,reservoir_percent\r\n',
    );
  });
});
