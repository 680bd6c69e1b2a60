/**
 * Which units of a district get pages of their own. Its own module, imported by both the results
 * reader (`results.ts`) and the views (`views/common.ts`), so neither imports the other back.
 */

/**
 * How a district's units are published, decided from the data: a unit with units two levels below
 * it has a page of its own; any other unit (a leaf, or a unit whose children are all leaves: most
 * units of a real city) is a row, with an anchor, on the page of its nearest unit above that has
 * one (or the district's). `host` maps each unit without a page to the code of that page's unit.
 */
export interface Publication {
  paged: ReadonlySet<string>;
  host: ReadonlyMap<string, string>;
}

export function publicationOf(units: readonly { code: string; parent: string }[]): Publication {
  const parentOf = new Map(units.map((u) => [u.code, u.parent]));
  const parents = new Set(units.map((u) => u.parent));
  const paged = new Set<string>();
  for (const u of units)
    if (parents.has(u.code)) {
      // u has a child: its parent has a grandchild.
      const grand = parentOf.get(u.parent);
      if (grand !== undefined) paged.add(u.parent);
    }
  const host = new Map<string, string>();
  for (const u of units) {
    if (paged.has(u.code)) continue;
    let up = u.parent;
    // An unpaged parent (one whose children are leaves) is hosted above it: go up until a page.
    while (parentOf.has(up) && !paged.has(up)) up = parentOf.get(up) as string;
    host.set(u.code, up);
  }
  return { paged, host };
}
