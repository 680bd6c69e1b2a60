/**
 * Score bands. Provisional thresholds until a scoring method file exists. Each band has a symbol
 * (● ▲ ■ ○, drawn by the `.band-*` classes in styles/global.css) and a label as well as a colour,
 * so it reads without colour and in black-and-white print.
 */
import type { BandKey } from '../i18n';

export const BAND_THRESHOLDS = { green: 90, yellow: 75 } as const;

export const BAND_ORDER: readonly BandKey[] = ['green', 'yellow', 'red', 'none'];

export function band(score: number | null): BandKey {
  if (score === null) return 'none';
  if (score >= BAND_THRESHOLDS.green) return 'green';
  if (score >= BAND_THRESHOLDS.yellow) return 'yellow';
  return 'red';
}
