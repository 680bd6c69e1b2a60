/** Band shapes and trend arrows: what global.css draws, never one glyph for both. */
import { readFileSync } from 'node:fs';
import en from '@shoutu/core/translations/en.json';
import zh from '@shoutu/core/translations/zh.json';
import { describe, expect, test } from 'vitest';
import { BAND_GLYPHS, BAND_ORDER, TREND_GLYPHS } from '../../src/lib/bands';

const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
/** The value of a custom property in a rule for `selector`. */
const symbol = (selector: string, property: string) => {
  const block = new RegExp(`\\${selector}\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
  return new RegExp(`${property}:\\s*"([^"]*)"`).exec(block)?.[1];
};

describe('glyphs', () => {
  test('the stylesheet draws the bands and trends with the glyphs the legend names', () => {
    for (const band of BAND_ORDER)
      expect(symbol(`.band-${band}`, '--band-symbol')).toBe(BAND_GLYPHS[band]);
    for (const [dir, glyph] of Object.entries(TREND_GLYPHS))
      expect(symbol(`.trend-${dir}`, '--trend-symbol')).toBe(glyph);
  });

  test('bands are shapes, trends are arrows: no glyph is shared', () => {
    const bands = new Set(Object.values(BAND_GLYPHS));
    const trends = new Set(Object.values(TREND_GLYPHS));
    expect(bands.size).toBe(4);
    expect(trends.size).toBe(3);
    expect([...trends].filter((g) => bands.has(g))).toEqual([]);
    // The yellow band is no triangle: ▲ reads as "went up".
    expect(BAND_GLYPHS.yellow).not.toMatch(/[▲▼△▽]/);
  });

  test('the trend legend names the arrows drawn, in every language', () => {
    for (const dict of [en, zh]) {
      for (const glyph of Object.values(TREND_GLYPHS)) expect(dict.trendLegend).toContain(glyph);
      expect(dict.trendLegend).not.toMatch(/[▲▼≈]/);
    }
  });
});
