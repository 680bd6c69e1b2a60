/** Pagefind's own JS API, run in Node over a written bundle, as the search page runs it in a browser. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let loads = 0;

/**
 * Searches the bundle in `dir` (the output's `pagefind/`) for `query`, as a page whose `<html lang>`
 * is `lang` would: its URLs and titles, best first.
 */
export async function searchBundle(
  dir: string,
  lang: string,
  query: string,
): Promise<[string, string][]> {
  globalThis.fetch = (async (u: string | URL) => {
    const p = new URL(String(u), 'file:///').pathname.replace(/^.*\/pagefind\//, '');
    return new Response(readFileSync(path.join(dir, p)));
  }) as typeof fetch;
  const html = { getAttribute: (a: string) => (a === 'lang' ? lang : null), lang };
  Object.assign(globalThis, {
    window: globalThis,
    location: new URL('http://localhost/'),
    document: { querySelector: (s: string) => (s === 'html' ? html : null), documentElement: html },
  });
  // A fresh module per search: Pagefind keeps the language it first read.
  const api = await import(`${pathToFileURL(path.join(dir, 'pagefind.js')).href}?${++loads}`);
  await api.options({ basePath: '/pagefind/' });
  await api.init();
  const found = await api.search(query);
  const data = await Promise.all(found.results.map((r: { data(): Promise<unknown> }) => r.data()));
  return (data as { url: string; meta: Record<string, string> }[]).map((d) => [
    d.url,
    d.meta.title ?? '',
  ]);
}
