/**
 * The scoring method in words, from the method recorded with the results: what a reader needs to
 * know to read a score, a band and a trend.
 */

import { type CountMode, type ScoringMethod, SEVERITIES, scoringVersion } from '@shoutu/core';
import { type Locale, type Translate, useTranslations } from '../i18n';
import { areaName, areasOf } from './areas';

type Method = Omit<ScoringMethod, '$schema'>;

/** How a missing report (or an error) counts, in one sentence. */
export function countMode(t: Translate, mode: CountMode, what: 'missing' | 'error'): string {
  return mode.mode === 'partial'
    ? t(`scoring.${what}.partial`, { share: mode.credit })
    : t(`scoring.${what}.${mode.mode}`);
}

/** A share as a percentage in words: 0.02 is "2 %", 0.005 is "0.5 %". */
function percent(share: number): string {
  return `${Number((share * 100).toFixed(2))} %`;
}

/**
 * When critical failures cap a unit's band (`criticalCap`), in one sentence: by the share of its
 * critical checks that failed.
 */
export function capRule(t: Translate, method: Pick<Method, 'criticalCap'>): string {
  const { yellow, red } = method.criticalCap;
  const names = { yellowName: t('bands.yellow'), redName: t('bands.red') };
  if (yellow === undefined && red === undefined) return t('cap.none');
  if (red === undefined && yellow === 0) return t('cap.any', { band: names.yellowName });
  if (yellow === undefined && red === 0) return t('cap.any', { band: names.redName });
  if (red === undefined) return t('cap.yellow', { yellow: percent(yellow as number), ...names });
  if (yellow === undefined) return t('cap.red', { red: percent(red), ...names });
  return t('cap.both', { yellow: percent(yellow), red: percent(red), ...names });
}

/** Paragraphs explaining how scores, bands and trends are computed. */
export function describeMethod(locale: Locale, method: Method): string[] {
  const t = useTranslations(locale);
  const list = (items: string[]) => items.join(t('rules.listSep'));
  const severities = list(
    SEVERITIES.map((sev) =>
      t('scoring.item', {
        label: t(`severities.${sev}`),
        weight: method.severityWeights[sev],
      }),
    ),
  );
  const areas = list(
    areasOf(method).map((a) => t('scoring.item', { label: areaName(t, a.id), weight: a.weight })),
  );
  const join = (parts: string[]) => parts.join(t('scoring.sep'));
  const { green, yellow } = method.bands;
  return [
    `${t('scoring.method', { v: scoringVersion(method) })}${t('scoring.severity', { w: severities })}${t('scoring.areas', { w: areas })}`,
    join([
      countMode(t, method.missingReport, 'missing'),
      countMode(t, method.error, 'error'),
      t('scoring.waived'),
    ]),
    join([
      t('scoring.bands', {
        green,
        yellow,
        greenName: t('bands.green'),
        yellowName: t('bands.yellow'),
        redName: t('bands.red'),
      }),
      capRule(t, method),
    ]),
    join([t('scoring.trend', { flat: method.trend.flatWithin }), t('scoring.lost')]),
  ];
}
