import type { Registry } from './registry.js';
import type { LocalizedText } from './text.js';

/**
 * One party that answers for a finding (四方责任 without the individual, who is never scored):
 * the subject itself (a place), its supervising department, and every territorial unit above it.
 * The kinds are the words of a rule's `responsible` (docs/design/authors.md §1).
 */
export type ResponsibleParty =
  | { kind: 'subject'; subject: string; position: LocalizedText }
  | { kind: 'department'; department: string; position: LocalizedText }
  | { kind: 'territorial'; unit: string; level: string; position: LocalizedText };

/** "Compact responsibility, pass pressure down level by level": who answers for a subject. */
export function responsibleParties(registry: Registry, subject: string): ResponsibleParty[] {
  const parties: ResponsibleParty[] = [];
  const place = registry.places.get(subject);
  if (place) {
    const type = registry.placeTypes.get(place.type);
    if (type) parties.push({ kind: 'subject', subject, position: type.firstResponsible });
    const dept = registry.departmentOf(place);
    if (dept) parties.push({ kind: 'department', department: dept.id, position: dept.lead });
  } else {
    const unit = registry.units.get(subject);
    const level = unit && registry.level(unit.level);
    if (unit && level)
      parties.push({ kind: 'territorial', unit: unit.code, level: level.id, position: level.lead });
  }
  for (const u of registry.ancestors(subject)) {
    const level = registry.level(u.level);
    if (level)
      parties.push({ kind: 'territorial', unit: u.code, level: level.id, position: level.lead });
  }
  return parties;
}
