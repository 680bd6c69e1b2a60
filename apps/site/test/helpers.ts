/** Reading built pages in the site tests. */
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
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

/** Every element of a page as a browser parses it, and its text, walking the tree without recursion. */
export function parsed(html: string): {
  elements: DefaultTreeAdapterTypes.Element[];
  text: string;
} {
  const elements: DefaultTreeAdapterTypes.Element[] = [];
  let text = '';
  type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
  const stack: Node[] = [parse(html)];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterTypes.TextNode).value;
    if ('tagName' in node) elements.push(node);
    if (node.nodeName === 'template')
      for (const child of (node as DefaultTreeAdapterTypes.Template).content.childNodes)
        stack.push(child);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return { elements, text };
}

/** The elements of a page that would run script: script elements, and any `on…` handler attribute. */
export function scripted(html: string): string[] {
  const found: string[] = [];
  for (const e of parsed(html).elements) {
    if (e.tagName === 'script') found.push('<script>');
    for (const a of e.attrs) if (/^on/i.test(a.name)) found.push(`<${e.tagName} ${a.name}>`);
  }
  return found;
}
