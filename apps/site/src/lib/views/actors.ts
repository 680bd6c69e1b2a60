/** Who must act, as a name and a link: a unit of the territory's page (or row), a department's page. */
import type { Locale } from '../../i18n';
import { textIn } from '../text';
import { departmentUrl, territoryUrl } from '../unit-urls';
import type { Actor } from './verdict';

export function actorName(actor: Actor, lang: string): string {
  const name = actor.name ? textIn(actor.name, lang) : '';
  return name || (actor.kind === 'department' ? actor.id : actor.code);
}

/** The page (or the row on a page) of the actor; undefined where there is none. */
export function actorUrl(locale: Locale, actor: Actor): string | undefined {
  return actor.kind === 'department'
    ? departmentUrl(locale, actor.id)
    : territoryUrl(locale, actor.level, actor.code);
}
