/**
 * Score bands. The band of a city, district, unit or place comes with its summary (the scoring
 * method decides it, critical-failure cap included); an area score has no band of its own and is
 * coloured by the method's thresholds. Each band has a shape (`BAND_GLYPHS`, drawn by the
 * `.band-*` classes in styles/global.css) and a label as well as a colour, so it reads without
 * colour and in black-and-white print. Trends have arrows (`TREND_GLYPHS`, `.trend-*`): no glyph
 * means both a band and a direction.
 */
import { type Band, bandOf, type ScoringMethod, type Summary } from '@shoutu/core';
import type { BandKey } from '../i18n';

export const BAND_ORDER: readonly BandKey[] = ['green', 'yellow', 'red', 'none'];

/** The shape of each band, as global.css draws it before a score. */
export const BAND_GLYPHS: Readonly<Record<BandKey, string>> = {
  green: '●',
  yellow: '◆',
  red: '■',
  none: '○',
};

/** The arrow of each direction of a trend, as global.css draws it before a change. */
export const TREND_GLYPHS = { up: '↑', down: '↓', flat: '→' } as const;

/** The thresholds the scores were banded with. */
export type Bands = Pick<ScoringMethod, 'bands'>;

export function bandKey(band: Band | null): BandKey {
  return band ?? 'none';
}

/** The band of a bare score (an area's): by the thresholds alone, never capped. */
export function scoreBand(score: number | null, method: Bands): BandKey {
  return score === null ? 'none' : bandOf(score, method);
}

/**
 * Props for `Band` from a summary: its score and its band. Why a band was capped is said once, in
 * the verdict line (`cappedBy`), not under every score of a table.
 */
export function overall(summary: Summary): { score: number | null; band: BandKey } {
  return { score: summary.score, band: bandKey(summary.band) };
}

/** When critical failures capped the band: how many of how many critical checks failed. */
export function cappedBy(summary: Summary): { failures: number; checks: number } | undefined {
  return summary.capped
    ? { failures: summary.criticalFailures, checks: summary.criticalChecks }
    : undefined;
}
