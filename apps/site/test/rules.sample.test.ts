import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type CityResults,
  type DistrictDay,
  describeOutcome,
  type FactInfo,
  type Lang,
  textIn,
} from '@shoutu/core';
import { readSnapshot } from '@shoutu/core/snapshot';
import { beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_RESULTS, sampleSite, sampleTranslations } from './sample';

/**
 * SAMPLE TEST: checks the site built from the repository's committed sample (data/results): its
 * rule catalog, rule pages, fact catalog, scoring page and tile map in zh and en. It fails when
 * another project is put in data/; every other site test runs on fixtures.
 */

const SAMPLE = SAMPLE_RESULTS;

/** Text as Astro writes it into a page. */
function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The committed sample's latest day, as the site reads it. */
function sampleDay(): { city: CityResults; districts: DistrictDay[] } {
  const days = readdirSync(SAMPLE)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const snapshot = readSnapshot(SAMPLE, days[days.length - 1] ?? '');
  return { city: snapshot.city, districts: [...snapshot.districts.values()] };
}

/** Rules of the repository's rule files that ended before the sample's last day. */
let endedIds: string[] | undefined;
function ended(): string[] {
  endedIds ??= endedRules();
  return endedIds;
}
function endedRules(): string[] {
  const rulesDir = path.resolve(SAMPLE, '../../rules');
  const day = readdirSync(SAMPLE)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort()
    .at(-1) as string;
  const out: string[] = [];
  for (const area of readdirSync(rulesDir, { withFileTypes: true }))
    if (area.isDirectory())
      for (const f of readdirSync(path.join(rulesDir, area.name)))
        if (f.endsWith('.json') && !f.endsWith('.test.json')) {
          const rule = JSON.parse(readFileSync(path.join(rulesDir, area.name, f), 'utf8'));
          if (rule.effective?.to !== undefined && rule.effective.to < day) out.push(rule.id);
        }
  return out.sort();
}

const LOCALES = [
  { prefix: '', lang: 'zh' as Lang },
  { prefix: 'en/', lang: 'en' as Lang },
];

describe('rules area on the sample', () => {
  let out: string;
  const page = (rel: string) => readFile(path.join(out, rel), 'utf8');
  const { city, districts } = sampleDay();

  beforeAll(() => {
    out = sampleSite();
  });

  test.each(LOCALES)('the catalog lists every rule of the city index ($lang)', async (l) => {
    const html = await page(`${l.prefix}rules/index.html`);
    expect(city.rules.length).toBeGreaterThan(0);
    for (const rule of city.rules) {
      expect(html, rule.id).toContain(`href="/${l.prefix}rules/${rule.id}/"`);
      expect(html, rule.id).toContain(esc(textIn(rule.title, l.lang)));
      // The clause in the page's language (the sample has both).
      expect(html, rule.id).toContain(esc(textIn(rule.source.clause, l.lang)));
      // Every sample rule has a deadline: its words are in the catalog.
      expect(html, rule.id).toMatch(
        new RegExp(
          `data-rule="${rule.id.replace(/\./g, '\\.')}"[\\s\\S]*?data-deadline="(seed|assumed)"`,
        ),
      );
    }
    const assumed = city.rules.filter((r) => r.source.assumed).length;
    const marker = `<span class="assumed">${sampleTranslations(l.lang)('rules.assumed')}</span>`;
    expect(html.split(marker).length - 1).toBe(assumed);
  });

  test.each(LOCALES)('a rule page explains a failing finding ($lang)', async (l) => {
    const facts = new Map<string, FactInfo>(city.facts.map((f) => [f.name, f]));
    const district = districts.find((d) =>
      d.findings.some((f) => f.status === 'fail' && f.conditions?.length),
    );
    const finding = district?.findings.find((f) => f.status === 'fail' && f.conditions?.length);
    if (!district || !finding?.conditions?.[0]) throw new Error('the sample has no failure');
    const html = await page(`${l.prefix}rules/${finding.rule}/index.html`);
    expect(html).toContain(esc(describeOutcome(finding.conditions[0], facts, l.lang)));
    expect(html).toContain(`<code>${finding.subject}</code>`);
    expect(html).toContain(
      `href="/${l.prefix}district/${district.district.code}/#fail-${finding.rule.replace(/[^a-z0-9-]+/gi, '-')}"`,
    );
  });

  test.each(LOCALES)(
    'every rule page says its conditions in words and its deadline ($lang)',
    async (l) => {
      const t = sampleTranslations(l.lang);
      for (const rule of city.rules) {
        const html = await page(`${l.prefix}rules/${rule.id}/index.html`);
        expect(html, rule.id).toContain('data-conditions');
        expect(html, rule.id).toContain(
          `<h2 id="conditions">${esc(t('rule.conditionsHeading'))}</h2>`,
        );
        expect(html, rule.id).toMatch(/data-deadline="(seed|assumed)"/);
        expect(html, rule.id).toContain(esc(textIn(rule.source.clause, l.lang)));
        // No text of the other language without its mark: the sample has both languages.
        expect(html, rule.id).not.toMatch(/<q><span lang=/);
      }
    },
  );

  test.each(LOCALES)(
    'a rule no longer in force keeps its page, listed apart ($lang)',
    async (l) => {
      // The sample's rule files end one rule before the last day (security.vegetable-reserve).
      expect(ended().length).toBeGreaterThan(0);
      const catalog = await page(`${l.prefix}rules/index.html`);
      const apart = catalog.slice(catalog.indexOf('data-ended-rules'));
      for (const id of ended()) {
        expect(catalog.slice(0, catalog.indexOf('data-ended-rules')), id).not.toContain(
          `data-rule="${id}"`,
        );
        expect(apart, id).toContain(`href="/${l.prefix}rules/${id}/"`);
        const html = await page(`${l.prefix}rules/${id}/index.html`);
        expect(html, id).toContain('data-rule-state="ended"');
        expect(html, id).toContain('data-conditions');
      }
    },
  );

  test('every rule in force has a page in both languages', async () => {
    const files = new Set(await readdir(out, { recursive: true }));
    for (const rule of city.rules)
      for (const l of LOCALES)
        expect(files.has(`${l.prefix}rules/${rule.id}/index.html`), rule.id).toBe(true);
  });

  test.each(LOCALES)('the facts page lists the facts ($lang)', async (l) => {
    const html = await page(`${l.prefix}rules/facts/index.html`);
    expect(city.facts.length).toBeGreaterThan(0);
    for (const fact of city.facts) {
      expect(html, fact.name).toContain(`<code>${esc(fact.name)}</code>`);
      expect(html, fact.name).toContain(esc(textIn(fact.label, l.lang)));
    }
  });

  test.each(LOCALES)('the scoring page states the weights and bands ($lang)', async (l) => {
    const html = await page(`${l.prefix}rules/scoring/index.html`);
    expect(html).toContain(city.scoringVersion);
    expect(html).toContain(esc(textIn(city.scoring.description, l.lang)));
    for (const w of Object.values(city.scoring.severityWeights))
      expect(html).toContain(`<td class="num">${w}</td>`);
    expect(html).toContain(String(city.scoring.bands.green));
    expect(html).toContain(String(city.scoring.bands.yellow));
  });

  test.each(LOCALES)('the tile map has one link per district with its band ($lang)', async (l) => {
    const html = await page(`${l.prefix}index.html`);
    const map = html.match(/<ul class="tilemap"[\s\S]*?<\/ul>/)?.[0] ?? '';
    const links = [...map.matchAll(/<a href="([^"]+)" class="tile tile-(\w+)">([\s\S]*?)<\/a>/g)];
    expect(links.map((m) => m[1]).sort()).toEqual(
      city.districts.map((d) => `/${l.prefix}district/${d.code}/`).sort(),
    );
    const bandNames =
      l.lang === 'zh'
        ? { green: '良好', yellow: '需关注', red: '落后', none: '无数据' }
        : { green: 'Good', yellow: 'Watch', red: 'Behind', none: 'No data' };
    for (const d of city.districts) {
      const link = links.find((m) => m[1] === `/${l.prefix}district/${d.code}/`);
      const band = d.summary.band ?? 'none';
      expect(link?.[2], d.code).toBe(band);
      // The band reads without colour: its symbol class and its name are in the tile.
      expect(link?.[3], d.code).toContain(`band band-${band}`);
      expect(link?.[3], d.code).toContain(`<span class="band-label">${bandNames[band]}</span>`);
      expect(link?.[3], d.code).toContain(esc(textIn(d.name, l.lang)));
    }
  });

  test.each(LOCALES)('the city page links the catalog and the rule pages ($lang)', async (l) => {
    const html = await page(`${l.prefix}index.html`);
    expect(html).toContain(`href="/${l.prefix}rules/"`);
    expect(html).toContain(`href="/${l.prefix}rules/scoring/"`);
    for (const rule of city.rules) expect(html).toContain(`href="/${l.prefix}rules/${rule.id}/"`);
  });

  test('the pages of the rules area load no JavaScript', async () => {
    const files = (await readdir(out, { recursive: true })).filter(
      (f) => f.endsWith('.html') && (/^(en\/)?rules\//.test(f) || /^(en\/)?index\.html$/.test(f)),
    );
    // A page for every rule known (in force, and ended: see below), the catalog, facts, scoring
    // and the city page, in both languages.
    expect(files.length).toBe(2 * (city.rules.length + ended().length + 4));
    for (const f of files) expect(await page(f), f).not.toMatch(/<script\b/i);
  });
});
