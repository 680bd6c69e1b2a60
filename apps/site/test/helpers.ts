/** Reading built pages in the site tests. */
import { expect } from 'vitest';

/** Text as Astro writes it into HTML. */
export const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The markup of the section whose heading has this id, up to the next section of its level. */
export function section(page: string, id: string): string {
  const start = page.indexOf(`<section aria-labelledby="${id}"`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  const next = page.indexOf('<h2 ', page.indexOf(`id="${id}"`, start) + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

/** The rows of a section's first table body (or bodies), as their markup. */
export const rows = (markup: string) => markup.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? [];
