/**
 * What a unit's search record holds: its name and its code, and each character of the name that
 * belongs to a script written without spaces between words (Han) on its own as well. Pagefind
 * segments such text into words, and a query that its segmenter splits otherwise than the name
 * (七一 against 七一社区) would find nothing; with the characters indexed one by one, any part of
 * a name finds it.
 */
const UNSPACED = /[\p{Script=Han}]/u;

export function recordContent(name: string, code: string): string {
  const chars = [...name].filter((c) => UNSPACED.test(c));
  return [name, code, ...(chars.length > 1 ? [chars.join(' ')] : [])].join(' ');
}
