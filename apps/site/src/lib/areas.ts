/**
 * The policy areas, as the scoring method of the results declares them: their ids in order, their
 * weights and their names. No area is named in the site's code.
 */

import type { LocalizedText, Summary } from '@shoutu/core';
import type { Translate } from '../i18n';
import { getResults } from './results';
import { textIn } from './text';

/** An area of the scoring method. */
export interface AreaInfo {
  id: string;
  /** Its name, when the method gives one. */
  name?: LocalizedText | undefined;
  /** Its short name for narrow column headers, when the method gives one. */
  short?: LocalizedText | undefined;
  weight: number;
}

/**
 * The areas of a scoring method in its order: `areas` as the project declares them, or (older
 * results) the keys of `areaWeights`.
 */
export function areasOf(method: object): AreaInfo[] {
  const m = method as { areas?: AreaInfo[]; areaWeights?: Record<string, number> };
  if (Array.isArray(m.areas)) return m.areas;
  return Object.entries(m.areaWeights ?? {}).map(([id, weight]) => ({ id, weight }));
}

/** The areas of the latest results. */
export function areas(): AreaInfo[] {
  return areasOf(getResults().city.scoring);
}

/** An area's score in a summary, null when it had nothing scored. */
export function areaScore(summary: Summary, id: string): number | null {
  return (summary.areas as Record<string, number | null | undefined>)[id] ?? null;
}

/**
 * An area's name in the page's language; `short` for a column header: the short name the method
 * declares, else the name.
 */
export function areaName(t: Translate, id: string, short = false): string {
  const area = areas().find((a) => a.id === id);
  const declared = (short ? area?.short : undefined) ?? area?.name;
  // An area the scoring method does not declare (none in format 3): its id, as written.
  return declared ? textIn(declared, t.lang) : id;
}
