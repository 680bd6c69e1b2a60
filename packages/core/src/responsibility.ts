import type { Registry } from './registry.js';
import type { LocalizedText } from './text.js';

/**
 * One party that answers for a finding (四方责任 without the individual, who is never scored):
 * the unit itself, its supervising department, and every territorial level above it.
 */
export type ResponsibleParty =
  | { kind: 'unit'; subject: string; position: LocalizedText }
  | { kind: 'departmental'; department: string; position: LocalizedText }
  | { kind: 'territorial'; unit: string; level: string; position: LocalizedText };

/** "Compact responsibility, pass pressure down level by level": who answers for a subject. */
export function responsibleParties(registry: Registry, subject: string): ResponsibleParty[] {
  const parties: ResponsibleParty[] = [];
  const place = registry.places.get(subject);
  if (place) {
    const type = registry.placeTypes.get(place.type);
    if (type) parties.push({ kind: 'unit', subject, position: type.firstResponsible });
    const dept = registry.departmentOf(place);
    if (dept) parties.push({ kind: 'departmental', department: dept.id, position: dept.lead });
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
