/**
 * The policy areas, as the scoring method of the results declares them: their ids in order, their
 * weights and their names. No area is named in the site's code.
 */

import type { AreaInfo, ScoringMethod, Summary } from '@shoutu/core';
import type { Translate } from '../i18n';
import { getResults } from './results';
import { textIn } from './text';

/** The areas of a scoring method, in its order. */
export function areasOf(method: Pick<ScoringMethod, 'areas'>): readonly AreaInfo[] {
  return method.areas;
}

/** The areas of the latest results. */
export function areas(): readonly AreaInfo[] {
  return areasOf(getResults().city.scoring);
}

/** An area's score in a summary, null when it had nothing scored. */
export function areaScore(summary: Summary, id: string): number | null {
  return summary.areas[id] ?? null;
}

/**
 * An area's name in the page's language; `short` for a column header: the short name the method
 * declares, else the name.
 */
export function areaName(t: Translate, id: string, short = false): string {
  const area = areas().find((a) => a.id === id);
  const declared = (short ? area?.short : undefined) ?? area?.name;
  // An area the scoring method does not declare: its id, as written.
  return declared ? textIn(declared, t.lang) : id;
}
