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
      ...capWords(t, method),
    ]),
    join([t('scoring.trend', { flat: method.trend.flatWithin }), t('scoring.lost')]),
  ];
}

/**
 * The critical-failure cap in words: one sentence for each share of failed critical checks the
 * method caps at (`criticalCap`), or that there is no cap.
 */
export function capWords(t: Translate, method: Pick<Method, 'criticalCap'>): string[] {
  const { yellow, red } = method.criticalCap;
  const share = (s: number) => t('rules.shareValue', { share: s });
  const out: string[] = [];
  if (yellow !== undefined)
    out.push(t('rule.capYellow', { share: share(yellow), band: t('bands.yellow') }));
  if (red !== undefined) out.push(t('rule.capRed', { share: share(red), band: t('bands.red') }));
  return out.length > 0 ? out : [t('rule.capNone')];
}
