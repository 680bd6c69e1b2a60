/**
 * Score bands. The band of a city, district, unit or place comes with its summary (the scoring
 * method decides it, critical-failure cap included); an area score has no band of its own and is
 * coloured by the method's thresholds. Each band has a symbol (● ▲ ■ ○, drawn by the `.band-*`
 * classes in styles/global.css) and a label as well as a colour, so it reads without colour and in
 * black-and-white print.
 */
import { type Band, bandOf, type ScoringMethod, type Summary } from '@shoutu/core';
import type { BandKey } from '../i18n';

export const BAND_ORDER: readonly BandKey[] = ['green', 'yellow', 'red', 'none'];

/** The thresholds the scores were banded with. */
export type Bands = Pick<ScoringMethod, 'bands'>;

export function bandKey(band: Band | null): BandKey {
  return band ?? 'none';
}

/** The band of a bare score (an area's): by the thresholds alone, never capped. */
export function scoreBand(score: number | null, method: Bands): BandKey {
  return score === null ? 'none' : bandOf(score, method);
}

/** Props for `Band` from a summary: its score, its band and, when capped, the critical failures. */
export function overall(summary: Summary): {
  score: number | null;
  band: BandKey;
  capped?: number;
} {
  return {
    score: summary.score,
    band: bandKey(summary.band),
    ...(summary.capped ? { capped: summary.criticalFailures } : {}),
  };
}
