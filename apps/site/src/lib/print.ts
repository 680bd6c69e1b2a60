/**
 * The running header of printed pages. Chromium prints `@page` margin boxes (global.css) whose
 * `content` is `var(--print-head)`, a CSS string set on the root element: text from the data goes
 * into it only through `cssString`, so no character can end the string or the declaration.
 */

/**
 * `text` as a CSS string token: in double quotes, with every quote, backslash, control character
 * and anything outside printable ASCII-safe punctuation that could end the token escaped as
 * `\<hex> ` (CSS Syntax §4.3.7); letters of any script stay as they are.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (
      ch === '"' ||
      ch === '\\' ||
      ch === ';' ||
      ch === '<' ||
      ch === '>' ||
      ch === '&' ||
      code < 0x20 ||
      code === 0x7f
    )
      out += `\\${code.toString(16)} `;
    else out += ch;
  }
  return `${out}"`;
}

/** The root element's style that gives printed pages their running header. */
export function printHeadStyle(head: string): string {
  return `--print-head: ${cssString(head)}`;
}
