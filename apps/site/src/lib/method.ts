/**
 * The scoring method in words, from the method recorded with the results: what a reader needs to
 * know to read a score, a band and a trend.
 */
import { type CountMode, type ScoringMethod, SEVERITIES, scoringVersion } from '@shoutu/core';
import { type Locale, t } from '../i18n';

type Method = Omit<ScoringMethod, '$schema'>;

/** How a missing report (or an error) counts, in one sentence. */
export function countMode(
  mode: CountMode,
  text: { fail: string; ignore: string; partial: (share: number) => string },
): string {
  return mode.mode === 'partial' ? text.partial(mode.credit) : text[mode.mode];
}

/** Paragraphs explaining how scores, bands and trends are computed. */
export function describeMethod(locale: Locale, method: Method): string[] {
  const tr = t(locale);
  const s = tr.scoring;
  const severities = s.list(
    SEVERITIES.map((sev) => s.item(tr.severities[sev], method.severityWeights[sev])),
  );
  const areas = s.list(method.areas.map((a) => s.item(tr.areas[a.id] ?? a.id, a.weight)));
  const join = (parts: string[]) => parts.join(s.sep);
  return [
    `${s.method(scoringVersion(method))}${s.severity(severities)}${s.areas(areas)}`,
    join([countMode(method.missingReport, s.missing), countMode(method.error, s.error), s.waived]),
    join([s.bands(method.bands, tr.bands), s.cap(tr.bands[method.criticalFailure.capBand])]),
    join([s.trend(method.trend.flatWithin), s.lost]),
  ];
}
